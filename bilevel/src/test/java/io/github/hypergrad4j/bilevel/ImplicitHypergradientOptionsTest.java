package io.github.hypergrad4j.bilevel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.ihvp.ConjugateGradient;
import io.github.hypergrad4j.ihvp.ExactSolver;
import io.github.hypergrad4j.ihvp.IhvpResult;
import io.github.hypergrad4j.ihvp.SolverOptions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The options of {@link ImplicitHypergradient} on the ridge problem with one penalty per feature:
 * damping changes the solve to (A + ρI)p = ∇_θ g and nothing else (checked against that closed
 * form), the method is stateless while a warm-started session makes a repeated solve nearly free
 * without changing its answer, and the report counts what was spent.
 */
class ImplicitHypergradientOptionsTest {

  static final RidgeClosedForm RIDGE = RidgeHypergradientTest.HALF;
  static final double[] LAMBDA = StochasticModeTest.LAMBDA;
  static final double[] THETA = StochasticModeTest.THETA;
  static final BilevelProblem PROBLEM = RidgeHypergradientTest.problem(LAMBDA);

  @Test
  void dampingSolvesTheShiftedSystem() {
    double rho = 0.5;
    int d = THETA.length;
    double[] a = RIDGE.hessian(LAMBDA);
    for (int j = 0; j < d; j++) {
      a[j * d + j] += rho;
    }
    double[] q = Cholesky.solve(a, RIDGE.validationGradient(THETA), d);
    double[] expected = new double[d];
    for (int j = 0; j < d; j++) {
      expected[j] = -THETA[j] * q[j];
    }
    HypergradientResult r = ImplicitHypergradient.builder(new ExactSolver())
        .solverOptions(SolverOptions.defaults().withTolerance(1e-12).withDamping(rho)).build()
        .compute(PROBLEM, THETA, LAMBDA);
    double error = RidgeHypergradientTest.relativeError(r.hypergradient(), expected);
    assertTrue(error <= 1e-10, "damped IFT vs closed form: " + error);
    assertTrue(RidgeHypergradientTest.relativeError(r.hypergradient(), RIDGE.hypergradient(LAMBDA)) > 1e-3,
        "damping 0.5 must visibly bias the result");
  }

  @Test
  void aWarmStartedSessionMakesARepeatedSolveCheapWithoutChangingIt() {
    SolverOptions options = SolverOptions.defaults().withTolerance(1e-10);
    ImplicitHypergradient method = ImplicitHypergradient.builder(new ConjugateGradient()).solverOptions(options).build();
    Hypergradient.Session warm = method.session(true);
    HypergradientResult first = warm.compute(PROBLEM, THETA, LAMBDA);
    HypergradientResult second = warm.compute(PROBLEM, THETA, LAMBDA);
    assertFalse(first.warmStarted(), "the first solve has nothing to start from");
    assertTrue(second.warmStarted());
    assertEquals(IhvpResult.Status.CONVERGED, second.solve().status());
    assertTrue(first.solve().operatorApplications() >= 5, "first solve: " + first.solve());
    // from the converged p: one product for r₀ = b − Ap₀, already within tolerance, plus at most
    // a true-residual check
    assertTrue(second.solve().operatorApplications() <= 3, "warm solve: " + second.solve());
    assertTrue(RidgeHypergradientTest.relativeError(second.hypergradient(), first.hypergradient()) <= 1e-8);

    Hypergradient.Session cold = method.session(false);
    HypergradientResult c1 = cold.compute(PROBLEM, THETA, LAMBDA);
    HypergradientResult c2 = cold.compute(PROBLEM, THETA, LAMBDA);
    assertFalse(c1.warmStarted() || c2.warmStarted());
    assertEquals(c1.solve().operatorApplications(), c2.solve().operatorApplications());
    assertEquals(first.solve().operatorApplications(), c1.solve().operatorApplications());
  }

  /**
   * The method itself keeps no state: three calls at the same point with CG stopped after one
   * iteration (where a warm start would move p on every call) give the same bits, and they are
   * one CG step from 0 computed here by hand, p = (bᵀb / bᵀAb)·b with A and b = ∇_θ g of the
   * closed form, giving h_j = −θ_j·p_j. A warm-started session, by contrast, moves on, and its
   * first call is the stateless one.
   */
  @Test
  void computeIsStatelessBitForBit() {
    ImplicitHypergradient method = ImplicitHypergradient.builder(new ConjugateGradient())
        .solverOptions(SolverOptions.defaults().withMaxIterations(1)).build();
    HypergradientResult r1 = method.compute(PROBLEM, THETA, LAMBDA);
    for (int call = 2; call <= 3; call++) {
      HypergradientResult r = method.compute(PROBLEM, THETA, LAMBDA);
      assertFalse(r.warmStarted());
      assertEquals(r1.solve().status(), r.solve().status());
      assertEquals(r1.solve().operatorApplications(), r.solve().operatorApplications());
      assertEquals(Double.doubleToRawLongBits(r1.solve().residualNorm()), Double.doubleToRawLongBits(r.solve().residualNorm()));
      for (int j = 0; j < LAMBDA.length; j++) {
        assertEquals(Double.doubleToRawLongBits(r1.hypergradient()[j]), Double.doubleToRawLongBits(r.hypergradient()[j]),
            "call " + call + ", component " + j);
      }
    }
    int d = THETA.length;
    double[] a = RIDGE.hessian(LAMBDA);
    double[] b = RIDGE.validationGradient(THETA);
    double bb = 0;
    double bab = 0;
    for (int i = 0; i < d; i++) {
      bb += b[i] * b[i];
      for (int k = 0; k < d; k++) {
        bab += b[i] * a[i * d + k] * b[k];
      }
    }
    double[] expected = new double[d];
    for (int j = 0; j < d; j++) {
      expected[j] = -THETA[j] * (bb / bab) * b[j];
    }
    assertTrue(RidgeHypergradientTest.relativeError(r1.hypergradient(), expected) <= 1e-12,
        "one CG step vs by hand: " + RidgeHypergradientTest.relativeError(r1.hypergradient(), expected));

    Hypergradient.Session session = method.session(true);
    double[] s1 = session.compute(PROBLEM, THETA, LAMBDA).hypergradient();
    HypergradientResult s2 = session.compute(PROBLEM, THETA, LAMBDA);
    assertArrayEquals(r1.hypergradient(), s1, 0.0, "a session's first call is the stateless computation");
    assertTrue(s2.warmStarted());
    assertFalse(Arrays.equals(s1, s2.hypergradient()), "a second warm-started CG step must move p");
  }

  @Test
  void theReportCountsTheProductsAndNamesTheMethod() {
    ImplicitHypergradient h = ImplicitHypergradient.builder(new ConjugateGradient())
        .solverOptions(SolverOptions.defaults().withDamping(1e-3)).curvature(Curvature.EXACT).build();
    HypergradientResult r = h.compute(PROBLEM, THETA, LAMBDA);
    assertEquals(r.solve().operatorApplications(), r.hessianVectorProducts(),
        "the solve's products; the mixed term comes from the last of them, p's true residual");
    assertEquals(InnerOptimizerTest.norm(r.hypergradient()), r.norm(), 0.0);
    assertTrue(h.name().contains("ConjugateGradient") && h.name().contains("EXACT") && h.name().contains("damping"), h.name());
  }
}
