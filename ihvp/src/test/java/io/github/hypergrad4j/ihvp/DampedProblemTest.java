package io.github.hypergrad4j.ihvp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.ihvp.IhvpResult.Status;
import io.github.hypergrad4j.linalg.DiagonalOperator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The accounting every solver's result goes through: the residual is the one of the returned x,
 * computed from x (never handed in), every product counted, and CONVERGED only at the tolerance.
 * A = diag(1, 2, 4), ρ = 0.5, b = (1, 1, 1): (A + ρI)⁻¹b = (2/3, 0.4, 2/9).
 */
class DampedProblemTest {

  private static final double[] B = {1, 1, 1};

  private static DampedProblem problem(TestOperators.Counted counted, double tolerance) {
    return DampedProblem.of("Test", counted, B,
        SolverOptions.defaults().withDamping(0.5).withTolerance(tolerance), false);
  }

  private static TestOperators.Counted diagonal() {
    return new TestOperators.Counted(new DiagonalOperator(new double[] {1, 2, 4}));
  }

  /** ‖b − (A + ρI)x‖₂ in plain arithmetic. */
  private static double residual(double[] x) {
    double[] d = {1.5, 2.5, 4.5};
    double sum = 0;
    for (int i = 0; i < 3; i++) {
      sum += (B[i] - d[i] * x[i]) * (B[i] - d[i] * x[i]);
    }
    return Math.sqrt(sum);
  }

  @Test
  void theResidualIsThatOfTheReturnedXEvenIfTheSolverGoesOnChangingItsArray() {
    TestOperators.Counted counted = diagonal();
    DampedProblem problem = problem(counted, 1e-3);
    double[] x = {0.6, 0.4, 0.2};
    DampedProblem.Iterate iterate = problem.evaluate(x);
    assertEquals(1, counted.count);
    x[0] = 99; // the solver's working array moves on; the iterate keeps its own copy
    IhvpResult result = problem.finish(iterate, Status.MAX_ITERATIONS, 3, "test");
    assertArrayEquals(new double[] {0.6, 0.4, 0.2}, result.x(), 0.0);
    assertNotSame(x, result.x());
    assertEquals(residual(result.x()), result.residualNorm(), 1e-15);
    assertEquals(1, result.operatorApplications(), "the product of the iterate, counted once");
    assertEquals(1, counted.count);
  }

  @Test
  void finishingFromAnArrayMakesOneCountedProductAndNoneForZero() {
    TestOperators.Counted counted = diagonal();
    DampedProblem problem = problem(counted, 1e-3);
    IhvpResult result = problem.finish(new double[] {0.6, 0.4, 0.2}, Status.MAX_ITERATIONS, 2, "");
    assertEquals(1, counted.count);
    assertEquals(1, result.operatorApplications());
    assertEquals(residual(result.x()), result.residualNorm(), 1e-15);
    // (A + ρI)·0 = 0: the residual of x = 0 is b, known without a product
    IhvpResult zero = problem.finish(new double[3], Status.BREAKDOWN, 0, "");
    assertEquals(1, counted.count);
    assertEquals(Math.sqrt(3), zero.residualNorm(), 1e-15);
  }

  @Test
  void theStatusFollowsTheTrueResidual() {
    double[] exact = {2 / 3.0, 0.4, 2 / 9.0};
    double[] rough = {0.6, 0.4, 0.2};
    DampedProblem problem = problem(diagonal(), 1e-3);
    // an ending at the limit, or a breakdown, that meets the tolerance is CONVERGED
    assertEquals(Status.CONVERGED, problem.finish(exact, Status.MAX_ITERATIONS, 5, "").status());
    assertEquals(Status.CONVERGED, problem.finish(exact, Status.BREAKDOWN, 5, "").status());
    assertEquals(Status.CONVERGED,
        problem.finish(problem.evaluate(exact), Status.CONVERGED, 5, "").status());
    // one that does not keeps its ending
    assertEquals(Status.MAX_ITERATIONS,
        problem.finish(rough, Status.MAX_ITERATIONS, 5, "").status());
    assertEquals(Status.BREAKDOWN, problem.finish(rough, Status.BREAKDOWN, 5, "").status());
    // negative curvature and divergence are reported as such whatever the residual
    assertEquals(Status.NEGATIVE_CURVATURE,
        problem.finish(exact, Status.NEGATIVE_CURVATURE, 5, "").status());
    assertEquals(Status.DIVERGED, problem.finish(exact, Status.DIVERGED, 5, "").status());
    // NaN in x is DIVERGED, without a product
    TestOperators.Counted counted = diagonal();
    IhvpResult nan = problem(counted, 1e-3).finish(new double[] {1, Double.NaN, 0},
        Status.MAX_ITERATIONS, 5, "");
    assertEquals(Status.DIVERGED, nan.status());
    assertTrue(Double.isNaN(nan.residualNorm()));
    assertEquals(0, counted.count);
  }

  @Test
  void convergedCannotBeClaimedWithoutAnIterateThatMeetsTheTolerance() {
    DampedProblem problem = problem(diagonal(), 1e-3);
    assertThrows(IllegalStateException.class,
        () -> problem.finish(new double[] {2 / 3.0, 0.4, 2 / 9.0}, Status.CONVERGED, 1, ""));
    DampedProblem.Iterate rough = problem.evaluate(new double[] {0.6, 0.4, 0.2});
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> problem.finish(rough, Status.CONVERGED, 1, ""));
    assertTrue(e.getMessage().startsWith("Test: CONVERGED claimed"), e.getMessage());
  }

  @Test
  void theStartCostsAProductOnlyWhenItIsAWarmStart() {
    TestOperators.Counted counted = diagonal();
    DampedProblem cold = problem(counted, 1e-3);
    double[] r = new double[3];
    assertEquals(Math.sqrt(3), cold.initial().residual(r), 1e-15);
    assertArrayEquals(B, r, 0.0);
    assertEquals(0, counted.count);
    DampedProblem warm = DampedProblem.of("Test", counted, B, SolverOptions.defaults()
        .withDamping(0.5).withWarmStart(new double[] {0.6, 0.4, 0.2}), false);
    assertEquals(residual(new double[] {0.6, 0.4, 0.2}), warm.initial().residual(r), 1e-15);
    assertEquals(1, counted.count);
  }

  @Test
  void aFixedBudgetStopsEarlyOnlyAtAnExactSolution() {
    DampedProblem limited = problem(diagonal(), 1e-3);
    assertEquals(1e-3 * Math.sqrt(3), limited.stopTarget(), 1e-18);
    DampedProblem budgeted = DampedProblem.of("Test", diagonal(), B,
        SolverOptions.budget(7).withTolerance(1e-3), false);
    assertEquals(0.0, budgeted.stopTarget());
    assertEquals(1e-3 * Math.sqrt(3), budgeted.target(), 1e-18);
    assertEquals(7, budgeted.limit(1000));
    // the level at which a recurrence is checked against the truth: never below eps^2·‖b‖
    assertEquals(Math.ulp(1.0) * Math.ulp(1.0) * Math.sqrt(3), budgeted.checkBelow(), 1e-40);
  }

  /** A diagonal operator that records the arrays it was asked to multiply as candidates. */
  private static final class Candidates implements CandidateAwareOperator {
    final DiagonalOperator a = new DiagonalOperator(new double[] {1, 2, 4});
    final List<double[]> asked = new ArrayList<>();
    int plain;

    @Override
    public int dim() {
      return 3;
    }

    @Override
    public void apply(double[] x, double[] out) {
      plain++;
      a.apply(x, out);
    }

    @Override
    public void applyToCandidate(double[] x, double[] out) {
      asked.add(x);
      a.apply(x, out);
    }

    @Override
    public boolean isSymmetric() {
      return true;
    }
  }

  /**
   * The product behind a result's true residual is asked as a candidate's, with the very array the
   * result returns (so an operator keeping a by-product of it keeps one of that x); every other
   * product goes through apply; both are counted.
   */
  @Test
  void theProductOfTheReturnedXIsAskedAsACandidatesWithThatArray() {
    for (int budget = 1; budget <= 3; budget++) {
      Candidates a = new Candidates();
      IhvpResult r = new ConjugateGradient().solve(a, B, SolverOptions.defaults().withDamping(0.5).withBudget(budget));
      assertEquals(1, a.asked.size(), "budget " + budget + ": one candidate product");
      assertSame(r.x(), a.asked.get(0), "the candidate is the returned array itself");
      assertEquals(budget, a.plain, "CG's own products go through apply");
      assertEquals(budget + 1, r.operatorApplications());
      assertEquals(residual(r.x()), r.residualNorm(), 1e-15);
    }
    Candidates a = new Candidates();
    IhvpResult converged = new ConjugateGradient().solve(a, B, SolverOptions.defaults().withDamping(0.5).withTolerance(1e-12));
    assertSame(converged.x(), a.asked.get(a.asked.size() - 1));
    assertEquals(a.plain + a.asked.size(), converged.operatorApplications());
  }
}
