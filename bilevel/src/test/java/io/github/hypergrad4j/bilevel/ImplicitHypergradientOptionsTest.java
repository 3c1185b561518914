package io.github.hypergrad4j.bilevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.ihvp.ConjugateGradient;
import io.github.hypergrad4j.ihvp.ExactSolver;
import io.github.hypergrad4j.ihvp.IhvpResult;
import io.github.hypergrad4j.ihvp.SolverOptions;
import org.junit.jupiter.api.Test;

/**
 * The options of {@link ImplicitHypergradient} on the ridge problem with one penalty per feature:
 * damping changes the solve to (A + ρI)p = ∇_θ g and nothing else (checked against that closed
 * form), the warm start of p makes a repeated solve nearly free without changing its answer, and
 * the report counts what was spent.
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
  void aWarmStartMakesARepeatedSolveCheapWithoutChangingIt() {
    SolverOptions options = SolverOptions.defaults().withTolerance(1e-10);
    ImplicitHypergradient warm = ImplicitHypergradient.builder(new ConjugateGradient()).solverOptions(options).build();
    HypergradientResult first = warm.compute(PROBLEM, THETA, LAMBDA);
    HypergradientResult second = warm.compute(PROBLEM, THETA, LAMBDA);
    assertEquals(IhvpResult.Status.CONVERGED, second.solve().status());
    assertTrue(first.solve().operatorApplications() >= 5, "first solve: " + first.solve());
    // from the converged p: one product for r₀ = b − Ap₀, already within tolerance, plus at most
    // a true-residual check
    assertTrue(second.solve().operatorApplications() <= 3, "warm solve: " + second.solve());
    assertTrue(RidgeHypergradientTest.relativeError(second.hypergradient(), first.hypergradient()) <= 1e-8);

    ImplicitHypergradient cold = ImplicitHypergradient.builder(new ConjugateGradient()).solverOptions(options)
        .warmStart(false).build();
    HypergradientResult c1 = cold.compute(PROBLEM, THETA, LAMBDA);
    HypergradientResult c2 = cold.compute(PROBLEM, THETA, LAMBDA);
    assertEquals(c1.solve().operatorApplications(), c2.solve().operatorApplications());
    assertEquals(first.solve().operatorApplications(), c1.solve().operatorApplications());
  }

  @Test
  void theReportCountsTheProductsAndNamesTheMethod() {
    ImplicitHypergradient h = ImplicitHypergradient.builder(new ConjugateGradient())
        .solverOptions(SolverOptions.defaults().withDamping(1e-3)).curvature(Curvature.EXACT).build();
    HypergradientResult r = h.compute(PROBLEM, THETA, LAMBDA);
    assertEquals(r.solve().operatorApplications() + 1, r.hessianVectorProducts(), "the solve's products + the mixed-term sweep");
    assertEquals(InnerOptimizerTest.norm(r.hypergradient()), r.norm(), 0.0);
    assertTrue(h.name().contains("ConjugateGradient") && h.name().contains("EXACT") && h.name().contains("damping"), h.name());
  }
}
