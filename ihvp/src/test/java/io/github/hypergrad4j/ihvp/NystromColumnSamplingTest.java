package io.github.hypergrad4j.ihvp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.ihvp.IhvpResult.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Nyström with sampled columns. The sketch size follows the problem: rank + 5 for a rank-deficient
 * A (so the approximation is exact), n for small full-rank ones (exact too), n/4 otherwise (an
 * approximation, which must then say it did not converge).
 */
class NystromColumnSamplingTest extends IhvpSolverContract {

  static int sketchSize(TestProblem p) {
    int rank = 0;
    for (double s : p.s) {
      rank += s != 0 ? 1 : 0;
    }
    if (rank < p.n) {
      return Math.min(p.n, rank + 5);
    }
    return p.n <= 10 ? p.n : p.n / 4;
  }

  @Override
  IhvpSolver solverFor(TestProblem problem) {
    return NystromSolver.columnSampling(sketchSize(problem));
  }

  @Override
  boolean needsSymmetry() {
    return true;
  }

  @Override
  boolean oneShot() {
    return true;
  }

  /** The promise: exact (1e-10) when rank(A) ≤ k. */
  static List<Case> exactCases() {
    List<Case> cases = new ArrayList<>();
    cases.add(accurate(TestProblem.lowRank(50, 10, 10, 1), 0.1, 1e-10, 1, 1e-10));
    cases.add(accurate(TestProblem.lowRank(200, 30, 100, 2), 0.1, 1e-10, 1, 1e-10));
    cases.add(accurate(TestProblem.lowRank(500, 40, 100, 3), 0.1, 1e-10, 1, 1e-10));
    // κ(A + ρI) = 10⁵: exact up to rounding amplified by the condition number (≈ √(nk)·ε·κ)
    cases.add(accurate(TestProblem.lowRank(200, 30, 1e3, 2), 0.01, 1e-8, 1, 1e-7));
    cases.add(accurate(TestProblem.spd(1, 10, 1), 0, 1e-10, 1, 1e-12));
    cases.add(accurate(TestProblem.spd(7, 10, 7), 0, 1e-10, 1, 1e-10));
    cases.add(accurate(TestProblem.spd(10, 1e3, 10), 0, 1e-10, 1, 1e-10));
    cases.add(accurateInRange(TestProblem.lowRank(100, 20, 10, 4), 1e-10, 1, 1e-10));
    return cases;
  }

  @Override
  List<Case> accurateCases() {
    return exactCases();
  }

  @Override
  List<StatusCase> statusCases() {
    return List.of(
        ending(TestProblem.spd(200, 1e3, 6), 0, 1, Status.MAX_ITERATIONS),
        ending(TestProblem.spd(200, 10, 6), 0.1, 1, Status.MAX_ITERATIONS));
  }

  @Test
  void sketchSizesOutOfRangeAreRefused() {
    expectMessage(() -> NystromSolver.columnSampling(0), "k must be >= 1, got 0");
    expectMessage(() -> NystromSolver.gaussian(-2), "k must be >= 1, got -2");
    TestProblem p = TestProblem.spd(5, 10, 3);
    expectMessage(() -> NystromSolver.columnSampling(6).solve(p.operator(), p.b,
        SolverOptions.defaults()), "k = 6 exceeds the dimension n = 5");
  }

  @Test
  void costIsKProductsPlusTheResidualCheck() {
    TestProblem p = TestProblem.lowRank(80, 12, 10, 5);
    TestOperators.Counted counted = new TestOperators.Counted(p.operator());
    IhvpResult result = NystromSolver.columnSampling(15).solve(counted, p.b, options(0.1, 1e-10, 1));
    assertEquals(15 + 1, counted.count);
    assertEquals(1, result.iterations());
    assertEquals(Status.CONVERGED, result.status(), result.detail());
  }

  @Test
  void anApproximationImprovesWithTheSketchSize() {
    TestProblem p = TestProblem.spd(200, 1e3, 7);
    double[] exact = p.closedForm(p.b, 1.0);
    double previous = Double.POSITIVE_INFINITY;
    for (int k : new int[] {20, 100, 200}) {
      IhvpResult result = NystromSolver.columnSampling(k).solve(p.operator(), p.b,
          options(1.0, 1e-10, 1));
      double error = TestProblem.relativeError(result.x(), exact);
      assertTrue(error < previous, "k = " + k + ": " + error + " not below " + previous);
      previous = error;
    }
    assertTrue(previous <= 1e-10, "k = n must be exact: " + previous);
  }
}
