package io.github.hypergrad4j.ihvp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.ihvp.IhvpResult.Status;
import io.github.hypergrad4j.linalg.DiagonalOperator;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MinresTest extends IhvpSolverContract {

  @Override
  IhvpSolver solverFor(TestProblem problem) {
    return new Minres();
  }

  @Override
  boolean needsSymmetry() {
    return true;
  }

  /**
   * As {@link ConjugateGradientTest#krylovCases}, plus indefinite matrices; without {@code
   * withinN} plain MINRES gets 10·n iterations at κ = 10³ and 30·n on indefinite ones (whose
   * convergence goes like that of κ² for a definite matrix).
   */
  static List<Case> minresCases(boolean withinN) {
    List<Case> cases = new ArrayList<>();
    for (int n : SIZES) {
      for (double kappa : new double[] {10, 1e3}) {
        int limit = withinN || kappa == 10 ? n : 10 * n;
        cases.add(accurate(TestProblem.spd(n, kappa, n), 0, 1e-10, limit, 1e-10 * kappa * 10));
        cases.add(accurate(TestProblem.indefinite(n, kappa, n), 0, 1e-10,
            withinN ? n : 30 * n, 1e-10 * kappa * 10));
      }
    }
    cases.add(accurate(TestProblem.spd(200, 1e6, 1), 0, 1e-10, 20 * 200, 1e-10 * 1e6 * 10));
    cases.add(accurate(TestProblem.lowRank(100, 40, 10, 2), 0.5, 1e-10, 100, 1e-8));
    cases.add(accurateInRange(TestProblem.lowRank(100, 40, 10, 2), 1e-10, 100, 1e-8));
    // damping that crosses zero: A + ρI stays indefinite but nonsingular
    cases.add(accurate(TestProblem.indefinite(80, 10, 3), 0.5, 1e-10, withinN ? 80 : 800, 1e-8));
    return cases;
  }

  @Override
  List<Case> accurateCases() {
    return minresCases(false);
  }

  @Override
  List<StatusCase> statusCases() {
    return List.of(ending(TestProblem.indefinite(200, 1e3, 6), 0, 5, Status.MAX_ITERATIONS));
  }

  /**
   * The pairing: on indefinite matrices CG reports NEGATIVE_CURVATURE where MINRES
   * converges to a true relative residual ≤ 1e-10 within n iterations.
   */
  @Property(tries = 40)
  void convergesWhereConjugateGradientMeetsNegativeCurvature(
      @ForAll @IntRange(min = 2, max = 80) int n, @ForAll @IntRange(min = 0, max = 1000) int seed) {
    TestProblem p = TestProblem.indefinite(n, 100, seed);
    SolverOptions options = options(0, 1e-10, n);
    IhvpResult cg = new ConjugateGradient().solve(p.operator(), p.b, options);
    IhvpResult minres = new Minres().withFullReorthogonalization().solve(p.operator(), p.b,
        options);
    assertEquals(Status.NEGATIVE_CURVATURE, cg.status(), cg.detail());
    assertEquals(Status.CONVERGED, minres.status(), minres.detail());
    assertTrue(minres.iterations() <= n);
    assertTrue(p.residualNorm(p.b, 0, minres.x()) <= 1e-10 * TestProblem.norm(p.b));
  }

  @Test
  void theResidualNeverIncreases() {
    TestProblem p = TestProblem.indefinite(150, 1e3, 12);
    List<Double> residuals = new ArrayList<>();
    new Minres().solve(p.operator(), p.b,
        options(0, 1e-12, 150).withObserver((k, r) -> residuals.add(r)));
    for (int i = 1; i < residuals.size(); i++) {
      assertTrue(residuals.get(i) <= residuals.get(i - 1) * (1 + 1e-12),
          "residual rose at iteration " + (i + 1) + ": " + residuals);
    }
  }

  @Test
  void anInconsistentSingularSystemEndsWithoutALie() {
    // diag(1, 0) x = (1, 1): no solution; the least-squares answer is (1, 0)
    IhvpResult result = new Minres().solve(new DiagonalOperator(new double[] {1, 0}),
        new double[] {1, 1}, options(0, 1e-10, 20));
    assertTrue(result.status() == Status.BREAKDOWN || result.status() == Status.MAX_ITERATIONS,
        result.status() + ": " + result.detail());
    assertEquals(1.0, result.residualNorm(), 1e-12);
    assertEquals(1.0, result.x()[0], 1e-12);
  }
}
