package io.github.hypergrad4j.ihvp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.ihvp.IhvpResult.Status;
import io.github.hypergrad4j.linalg.DenseMatrixOperator;
import io.github.hypergrad4j.linalg.DiagonalOperator;
import io.github.hypergrad4j.linalg.LinearOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Fixed-point iteration of gradient descent, η = 1/λ_max(A + ρI) (and, nested, the automatic η =
 * 1/λ̂), and the general adjoint form.
 */
class FixedPointIterationTest extends IhvpSolverContract {

  @Override
  IhvpSolver solverFor(TestProblem problem) {
    return new FixedPointIteration(1 / Math.abs(problem.largestEigenvalue()));
  }

  @Override
  boolean needsSymmetry() {
    return false;
  }

  @Override
  List<Case> accurateCases() {
    return cases();
  }

  @Override
  List<StatusCase> statusCases() {
    return statuses();
  }

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (int n : SIZES) {
      cases.add(accurate(TestProblem.spd(n, 10, n), 0, 1e-10, 600, 1e-8));
    }
    return cases;
  }

  static List<StatusCase> statuses() {
    return List.of(
        ending(NeumannSeriesTest.mostlyPositive(), 0, 2000, Status.DIVERGED),
        ending(TestProblem.spd(200, 1e3, 6), 0, 100, Status.MAX_ITERATIONS));
  }

  /** The same contract with the step chosen by power iteration, as the Neumann series does. */
  @Nested
  class Automatic extends IhvpSolverContract {
    @Override
    IhvpSolver solverFor(TestProblem problem) {
      return FixedPointIteration.automatic();
    }

    @Override
    boolean needsSymmetry() {
      return false;
    }

    @Override
    List<Case> accurateCases() {
      return cases();
    }

    @Override
    List<StatusCase> statusCases() {
      return statuses();
    }
  }

  /**
   * K means the same for both: K iterations from x₀ return the Neumann partial sum x_K with α =
   * η, at the same cost — K products, plus one for r₀ with a warm start, plus the final residual.
   */
  @Test
  void kIterationsAreTheNeumannPartialSumKAtTheSameCost() {
    TestProblem p = TestProblem.spd(80, 30, 3);
    double eta = 1.5 / p.largestEigenvalue();
    double[] x0 = TestProblem.gaussian(new Random(8), p.n);
    for (SolverOptions start : List.of(options(0.1, 0, 0), options(0.1, 0, 0).withWarmStart(x0))) {
      for (int k : new int[] {0, 1, 4, 25}) {
        SolverOptions options = start.withBudget(k);
        TestOperators.Counted forNeumann = new TestOperators.Counted(p.operator());
        TestOperators.Counted forFixed = new TestOperators.Counted(p.operator());
        IhvpResult neumann = new NeumannSeries(eta).solve(forNeumann, p.b, options);
        IhvpResult fixed = new FixedPointIteration(eta).solve(forFixed, p.b, options);
        assertTrue(TestProblem.relativeError(fixed.x(), neumann.x()) <= 1e-13,
            "K = " + k + ": " + TestProblem.relativeError(fixed.x(), neumann.x()));
        int warm = start.warmStart().isPresent() ? 1 : 0;
        assertEquals(k + 1 + warm, forFixed.count, "K = " + k);
        assertEquals(k + 1 + warm, forNeumann.count, "K = " + k);
        assertEquals(k, fixed.iterations());
        assertEquals(k, neumann.iterations());
        assertEquals(neumann.status(), fixed.status());
        assertEquals(neumann.residualNorm(), fixed.residualNorm(), 1e-13 * neumann.rhsNorm());
      }
    }
  }

  /** x_K = η·Σ_{i≤K} (I − ηA)^i·b on a diagonal A, the closed form of K iterations from 0. */
  @Test
  void kIterationsMatchTheClosedFormPartialSum() {
    // diag(1, 4), η = 0.2: x_K,i = (1 − (1 − η s_i)^{K+1}) / s_i
    IhvpResult result = new FixedPointIteration(0.2).solve(
        new DiagonalOperator(new double[] {1, 4}), new double[] {1, 1}, options(0, 0, 3));
    assertEquals((1 - Math.pow(0.8, 4)) / 1, result.x()[0], 1e-15);
    assertEquals((1 - Math.pow(0.2, 4)) / 4, result.x()[1], 1e-15);
    assertEquals(Status.MAX_ITERATIONS, result.status());
    assertEquals(3, result.iterations());
  }

  /**
   * The automatic step is the Neumann series' automatic step: the same power iteration (same
   * seed, products counted), hence the same x_K at the same cost.
   */
  @Test
  void theAutomaticStepIsNeumannsAndItsProductsAreCounted() {
    TestProblem p = TestProblem.spd(100, 10, 8);
    for (int k : new int[] {0, 5, 30}) {
      SolverOptions options = SolverOptions.budget(k).withSeed(77);
      TestOperators.Counted forNeumann = new TestOperators.Counted(p.operator());
      TestOperators.Counted forFixed = new TestOperators.Counted(p.operator());
      IhvpResult neumann = NeumannSeries.automatic(7).solve(forNeumann, p.b, options);
      IhvpResult fixed = FixedPointIteration.automatic(7).solve(forFixed, p.b, options);
      assertTrue(TestProblem.relativeError(fixed.x(), neumann.x()) <= 1e-13,
          "K = " + k + ": " + TestProblem.relativeError(fixed.x(), neumann.x()));
      assertEquals(forNeumann.count, forFixed.count);
      assertEquals(forFixed.count, fixed.operatorApplications());
      // at most 7 power products and at least 2, K terms, the final residual
      assertTrue(fixed.operatorApplications() >= 2 + k + 1
          && fixed.operatorApplications() <= 7 + k + 1, fixed.detail());
      assertTrue(fixed.detail().contains("eta = 1/") && fixed.detail().contains(
          "power-iteration products"), fixed.detail());
    }
    assertTrue(Double.isNaN(FixedPointIteration.automatic().stepSize()));
    assertEquals(0.25, new FixedPointIteration(0.25).stepSize());
  }

  @Test
  void anAutomaticStepForANegativeDominantEigenvalueIsABreakdown() {
    IhvpResult result = FixedPointIteration.automatic().solve(
        new DiagonalOperator(new double[] {-5, 1}), new double[] {1, 1}, options(0, 1e-10, 100));
    assertEquals(Status.BREAKDOWN, result.status(), result.detail());
    assertArrayEquals(new double[2], result.x());
    assertTrue(result.detail().contains("lambda_max"), result.detail());
  }

  @Test
  void adjointOfGradientDescentGivesTheInverseHessianProductOverEta() {
    // Φ(θ) = θ − η∇f: J = I − ηA (symmetric), (I − Jᵀ)v = c ⇔ ηA·v = c
    TestProblem p = TestProblem.spd(60, 10, 4);
    double eta = 1 / p.largestEigenvalue();
    LinearOperator a = p.operator();
    LinearOperator j = a.scaled(-eta).shifted(1.0);
    IhvpResult v = FixedPointIteration.solveAdjoint(j, p.b, options(0, 1e-12, 2000));
    assertEquals(Status.CONVERGED, v.status(), v.detail());
    double[] expected = p.closedForm(p.b, 0);
    for (int i = 0; i < expected.length; i++) {
      expected[i] /= eta;
    }
    assertTrue(TestProblem.relativeError(v.x(), expected) <= 1e-10);
  }

  @Test
  void dampedAdjointSolvesOnePlusRhoMinusJTransposed() {
    // a non-symmetric contraction J = 0.6·R with R orthogonal (‖J‖ = 0.6): check the residual
    int n = 40;
    Random random = new Random(5);
    double[] r = TestProblem.withSpectrum("orthogonal source", new double[n], 5).q.clone();
    double[] jt = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < n; k++) {
        jt[i * n + k] = 0.6 * r[k * n + i]; // Jᵀ
      }
    }
    double[] c = TestProblem.gaussian(random, n);
    double rho = 0.25;
    TestOperators.Counted counted =
        new TestOperators.Counted(new DenseMatrixOperator(jt, n));
    IhvpResult v = FixedPointIteration.solveAdjoint(counted, c, options(rho, 1e-12, 500));
    assertEquals(Status.CONVERGED, v.status(), v.detail());
    assertEquals(counted.count, v.operatorApplications());
    double[] jtv = TestProblem.multiply(jt, n, v.x());
    double[] residual = new double[n];
    for (int i = 0; i < n; i++) {
      residual[i] = c[i] - ((1 + rho) * v.x()[i] - jtv[i]);
    }
    assertEquals(TestProblem.norm(residual), v.residualNorm(), 1e-12 * TestProblem.norm(c));
    assertTrue(TestProblem.norm(residual) <= 1e-12 * TestProblem.norm(c));
    // contraction factor 0.6/1.25 = 0.48 per iteration: 1e-12 within about 40 iterations
    assertTrue(v.iterations() <= 45, "iterations " + v.iterations());
  }

  @Test
  void anExpansiveMapDiverges() {
    TestProblem p = TestProblem.spd(30, 10, 6);
    IhvpResult result = new FixedPointIteration(2.5 / p.largestEigenvalue()).solve(p.operator(),
        p.b, options(0, 1e-10, 1000));
    assertEquals(Status.DIVERGED, result.status(), result.detail());
  }

  @Test
  void badArgumentsAreRefused() {
    expectMessage(() -> new FixedPointIteration(0), "eta", "0.0");
    expectMessage(() -> new FixedPointIteration(Double.POSITIVE_INFINITY), "eta", "Infinity");
    expectMessage(() -> FixedPointIteration.automatic(0), "FixedPointIteration: powerIterations",
        "0");
    expectMessage(() -> FixedPointIteration.solveAdjoint(null, new double[2],
        SolverOptions.defaults()), "J^T is null");
    TestProblem p = TestProblem.spd(5, 10, 3);
    expectMessage(() -> FixedPointIteration.solveAdjoint(p.operator(), new double[6],
        SolverOptions.defaults()), "b has length 6", "5x5");
  }
}
