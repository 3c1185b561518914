package io.github.hypergrad4j.bench.accuracy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.ihvp.IhvpResult;
import io.github.hypergrad4j.ihvp.SolverOptions;
import io.github.hypergrad4j.linalg.DenseMatrixOperator;
import io.github.hypergrad4j.linalg.LinearOperator;
import org.junit.jupiter.api.Test;

/** Every budgeted solver keeps within its budget and counts honestly, on a known diagonal system. */
class StudySolverTest {

  private static final int N = 12;

  private static LinearOperator diagonal(double... values) {
    double[] a = new double[values.length * values.length];
    for (int i = 0; i < values.length; i++) {
      a[i * values.length + i] = values[i];
    }
    return new DenseMatrixOperator(a, values.length);
  }

  /** N eigenvalues spread geometrically over [1, kappa]. */
  private static double[] spectrum(double kappa) {
    double[] s = new double[N];
    for (int i = 0; i < N; i++) {
      s[i] = Math.pow(kappa, i / (N - 1.0));
    }
    return s;
  }

  private static double[] ones(int n) {
    double[] b = new double[n];
    java.util.Arrays.fill(b, 1);
    return b;
  }

  @Test
  void everySolverStaysWithinItsBudgetPlusTheResidualCheck() {
    LinearOperator a = diagonal(spectrum(10));
    double[] known = new double[N];
    java.util.Arrays.fill(known, 0.5);
    for (StudySolver solver : StudySolver.values()) {
      for (int budget : AccuracyStudy.FULL_BUDGETS) {
        StudySolver.Configured c = solver.configure(budget, N, known);
        IhvpResult r = c.solver().solve(a, ones(N), c.options());
        long cap = Math.min(budget, solver.name().startsWith("NYSTROM_") && solver != StudySolver.NYSTROM_PCG ? N : budget) + 1;
        assertTrue(r.operatorApplications() >= 1 && r.operatorApplications() <= cap,
            solver + " at budget " + budget + " spent " + r.operatorApplications());
      }
    }
  }

  @Test
  void withEnoughProductsEverySolverSolvesAWellConditionedSystem() {
    double[] s = spectrum(3); // Neumann's rate 1 - 1/3 per term: 80 terms suffice
    LinearOperator a = diagonal(s);
    double[] exact = new double[N];
    for (int i = 0; i < N; i++) {
      exact[i] = 1 / s[i];
    }
    double[] known = new double[N]; // structured Nystrom with D = 0.5 I: M = A - D still has rank N
    java.util.Arrays.fill(known, 0.5);
    for (StudySolver solver : StudySolver.values()) {
      StudySolver.Configured c = solver.configure(100, N, known);
      IhvpResult r = c.solver().solve(a, ones(N), c.options());
      double error = ErrorMetrics.relativeError(r.x(), exact);
      assertTrue(error < 1e-6, solver + ": relative error " + error + " (" + r.detail() + ")");
    }
  }

  @Test
  void stepSizeMethodsPayForTheirPowerIteration() {
    LinearOperator a = diagonal(spectrum(10));
    int budget = 10; // 5 power steps at most, then the rest
    IhvpResult neumann = new PowerStepSolver(true, PowerStepSolver.powerStepsFor(budget), budget)
        .solve(a, ones(N), SolverOptions.defaults().withTolerance(0).withSeed(1));
    IhvpResult fixedPoint = new PowerStepSolver(false, PowerStepSolver.powerStepsFor(budget), budget)
        .solve(a, ones(N), SolverOptions.defaults().withTolerance(0).withSeed(1));
    assertEquals(budget + 1, neumann.operatorApplications(), neumann.detail());
    assertEquals(budget + 1, fixedPoint.operatorApplications(), fixedPoint.detail());
    assertTrue(neumann.detail().startsWith("power iteration"), neumann.detail());
  }

  @Test
  void aNegativeDominantEigenvalueLeavesNoStepSize() {
    LinearOperator a = diagonal(-10, 1, 2);
    IhvpResult r = new PowerStepSolver(true, 5, 10).solve(a, ones(3), SolverOptions.defaults().withSeed(1));
    assertEquals(IhvpResult.Status.BREAKDOWN, r.status());
    assertArrayEquals(new double[3], r.x());
    assertTrue(r.operatorApplications() >= 1 && r.operatorApplications() <= 5);
    assertEquals(1.0, r.relativeResidual(), 1e-15);
  }
}
