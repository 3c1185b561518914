package io.github.hypergrad4j.ihvp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.ihvp.IhvpResult.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nyström-preconditioned CG with a sketch of min(n, 20) products. */
class NystromPreconditionedCgTest extends IhvpSolverContract {

  @Override
  IhvpSolver solverFor(TestProblem problem) {
    return new NystromPreconditionedCg(Math.min(problem.n, 20));
  }

  @Override
  boolean needsSymmetry() {
    return true;
  }

  @Override
  List<Case> accurateCases() {
    List<Case> cases = new ArrayList<>();
    for (int n : SIZES) {
      for (double kappa : new double[] {10, 1e3}) {
        cases.add(accurate(TestProblem.spd(n, kappa, n), 0, 1e-10, kappa == 10 ? n : 10 * n,
            1e-10 * kappa * 10));
      }
    }
    cases.add(accurate(TestProblem.spd(200, 1e6, 1), 0, 1e-10, 20 * 200, 1e-10 * 1e6 * 10));
    cases.add(accurate(TestProblem.lowRank(100, 40, 10, 2), 0.5, 1e-10, 100, 1e-8));
    cases.add(accurate(outliers(), 0, 1e-10, 300, 1e-10 * 1e6 * 10));
    return cases;
  }

  @Override
  List<StatusCase> statusCases() {
    return List.of(ending(TestProblem.indefinite(50, 10, 4), 0, 500, Status.NEGATIVE_CURVATURE));
  }

  /** n = 300: 15 eigenvalues spread up to 10⁶ above a bulk in [1, 10]. */
  static TestProblem outliers() {
    double[] s = new double[300];
    for (int i = 0; i < s.length; i++) {
      s[i] = i < 15 ? Math.pow(10, 2 + 4.0 * i / 14) : 1 + 9.0 * (i - 15) / 284;
    }
    return TestProblem.withSpectrum("15 outliers up to 1e6 over [1, 10]", s, 17);
  }

  @Test
  void thePreconditionerRemovesTheOutliers() {
    TestProblem p = outliers();
    SolverOptions options = options(0, 1e-10, 3000);
    IhvpResult plain = new ConjugateGradient().solve(p.operator(), p.b, options);
    TestOperators.Counted counted = new TestOperators.Counted(p.operator());
    IhvpResult preconditioned = new NystromPreconditionedCg(20).solve(counted, p.b, options);
    assertEquals(Status.CONVERGED, preconditioned.status(), preconditioned.detail());
    // the preconditioned spectrum lies in about [1, 10]: about as many iterations as the bulk needs
    assertTrue(preconditioned.iterations() < plain.iterations() - 10,
        "PCG " + preconditioned.iterations() + " against CG " + plain.iterations());
    assertEquals(counted.count, preconditioned.operatorApplications());
    assertTrue(preconditioned.operatorApplications() >= 20 + preconditioned.iterations());
  }

  @Test
  void sketchSizesOutOfRangeAreRefused() {
    expectMessage(() -> new NystromPreconditionedCg(0), "k must be >= 1, got 0");
    TestProblem p = TestProblem.spd(5, 10, 3);
    expectMessage(() -> new NystromPreconditionedCg(9).solve(p.operator(), p.b,
        SolverOptions.defaults()), "k = 9 exceeds the dimension n = 5");
  }
}
