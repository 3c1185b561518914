package io.github.hypergrad4j.ihvp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.ihvp.IhvpResult.Status;
import io.github.hypergrad4j.linalg.DenseMatrixOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The reference itself, checked against the closed form Q·diag(1/(s + ρ))·Qᵀ·b. */
class ExactSolverTest extends IhvpSolverContract {

  @Override
  IhvpSolver solverFor(TestProblem problem) {
    return new ExactSolver();
  }

  @Override
  boolean needsSymmetry() {
    return false;
  }

  @Override
  boolean oneShot() {
    return true;
  }

  @Override
  List<Case> accurateCases() {
    List<Case> cases = new ArrayList<>();
    for (int n : SIZES) {
      for (double kappa : new double[] {10, 1e3, 1e6}) {
        cases.add(accurate(TestProblem.spd(n, kappa, n), 0, 1e-10, 1, 1e-14 * kappa * n + 1e-14));
      }
      cases.add(accurate(TestProblem.indefinite(n, 100, n), 0, 1e-10, 1, 1e-14 * 100 * n + 1e-14));
    }
    cases.add(accurate(TestProblem.lowRank(100, 40, 10, 2), 0.5, 1e-10, 1, 1e-12));
    return cases;
  }

  @Override
  List<StatusCase> statusCases() {
    return List.of(ending(TestProblem.lowRank(30, 10, 10, 5), 0, 1, Status.BREAKDOWN));
  }

  @Test
  void refusesAboveItsSizeLimitWithAClearMessage() {
    TestProblem p = TestProblem.spd(50, 10, 1);
    expectMessage(() -> new ExactSolver(40).solve(p.operator(), p.b, SolverOptions.defaults()),
        "n = 50 exceeds the size limit 40", "new ExactSolver(50)");
    expectMessage(() -> new ExactSolver(0), "maxDimension", "0");
  }

  @Test
  void solvesANonSymmetricSystemByLu() {
    int n = 60;
    Random random = new Random(3);
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i * n + j] = random.nextGaussian() / Math.sqrt(n) + (i == j ? 3 : 0);
      }
    }
    double[] b = TestProblem.gaussian(random, n);
    TestOperators.Counted counted = new TestOperators.Counted(new DenseMatrixOperator(a, n));
    IhvpResult result = new ExactSolver().solve(counted, b, SolverOptions.defaults());
    assertEquals(Status.CONVERGED, result.status(), result.detail());
    assertTrue(result.detail().contains("LU"), result.detail());
    assertEquals(n + 1, counted.count);
    double[] ax = TestProblem.multiply(a, n, result.x());
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = b[i] - ax[i];
    }
    assertTrue(TestProblem.norm(r) <= 1e-13 * TestProblem.norm(b));
  }

  /**
   * A is materialised by LinearOperator.toDense (n products, all counted); a NaN column is named,
   * and x = 0 is returned without a further product (its residual is b).
   */
  @Test
  void aNonFiniteColumnIsNamedAfterMaterialisingWithNProducts() {
    TestProblem p = TestProblem.spd(20, 10, 5);
    TestOperators.Counted counted =
        new TestOperators.Counted(TestOperators.poisoned(p.operator(), 3));
    IhvpResult result = new ExactSolver().solve(counted, p.b, SolverOptions.defaults());
    assertEquals(Status.DIVERGED, result.status(), result.detail());
    assertTrue(result.detail().contains("A e_3 holds NaN"), result.detail());
    assertEquals(20, counted.count);
    assertEquals(20, result.operatorApplications());
    assertArrayEquals(new double[20], result.x());
    assertEquals(TestProblem.norm(p.b), result.residualNorm(), 1e-15 * TestProblem.norm(p.b));
  }

  @Test
  void indefiniteSymmetricSystemsFallBackFromCholeskyToLu() {
    TestProblem p = TestProblem.indefinite(40, 10, 2);
    IhvpResult result = new ExactSolver().solve(p.operator(), p.b, SolverOptions.defaults());
    assertTrue(result.detail().contains("LU") && result.detail().contains("Cholesky"),
        result.detail());
  }
}
