package io.github.hypergrad4j.ihvp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.ihvp.IhvpResult.Status;
import io.github.hypergrad4j.linalg.DiagonalOperator;
import io.github.hypergrad4j.linalg.LinearOperator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The structure-aware Nyström variant, A = D + M with D known. In the contract D = d·I (so the
 * closed form still applies: A = Q·diag(m + d)·Qᵀ) and M of rank r ≤ k; the tests below use a
 * general positive diagonal D, where the plain variant cannot be exact.
 */
class NystromStructuredTest extends IhvpSolverContract {

  private final Map<TestProblem, IhvpSolver> solvers = new IdentityHashMap<>();

  /** A = d·I + M with M = Q diag(m) Qᵀ of rank r, eigenvalues of M's range in [1, κ]. */
  private TestProblem shiftedLowRank(int n, int rank, double kappa, double d, long seed,
      boolean gaussian) {
    TestProblem m = TestProblem.lowRank(n, rank, kappa, seed);
    double[] s = m.s.clone();
    for (int i = 0; i < n; i++) {
      s[i] += d;
    }
    TestProblem a = TestProblem.withSpectrum("d=" + d + " + rank-" + rank + " M"
        + (gaussian ? " (Gaussian sketch)" : " (sampled columns)"), s, seed);
    double[] diagonal = new double[n];
    Arrays.fill(diagonal, d);
    solvers.put(a, NystromSolver.structured(Math.min(n, rank + 3), diagonal, gaussian));
    return a;
  }

  @Override
  IhvpSolver solverFor(TestProblem problem) {
    IhvpSolver solver = solvers.get(problem);
    if (solver != null) {
      return solver;
    }
    double[] ones = new double[problem.n];
    Arrays.fill(ones, 1);
    return NystromSolver.structured(problem.n, ones, false);
  }

  @Override
  boolean needsSymmetry() {
    return true;
  }

  @Override
  boolean oneShot() {
    return true;
  }

  @Override
  List<Case> accurateCases() {
    List<Case> cases = new ArrayList<>();
    for (boolean gaussian : new boolean[] {false, true}) {
      cases.add(accurate(shiftedLowRank(60, 10, 10, 0.5, 1, gaussian), 0, 1e-10, 1, 1e-10));
      cases.add(accurate(shiftedLowRank(300, 25, 1e3, 2.0, 2, gaussian), 0.1, 1e-10, 1, 1e-10));
      cases.add(accurate(shiftedLowRank(1, 1, 10, 0.5, 3, gaussian), 0, 1e-10, 1, 1e-12));
    }
    return cases;
  }

  @Override
  List<StatusCase> statusCases() {
    return List.of(new StatusCase(fullRankM(), 0, options(0, 1e-10, 1), Status.MAX_ITERATIONS));
  }

  private TestProblem fullRankM() {
    TestProblem a = TestProblem.spd(100, 100, 9);
    double[] ones = new double[100];
    Arrays.fill(ones, 0.5);
    solvers.put(a, NystromSolver.structured(10, ones, true));
    return a;
  }

  /** The promise, with a general diagonal: exact when rank(M) ≤ k and D ≠ 0. */
  @Test
  void exactWithAGeneralDiagonalWhenRankOfMIsAtMostK() {
    for (boolean gaussian : new boolean[] {false, true}) {
      // k = rank(M) + a few: a square sample of the range can be badly conditioned, and its
      // rounding errors are amplified accordingly (exactness holds in exact arithmetic for k = r)
      for (int[] sizes : new int[][] {{40, 5, 8}, {200, 20, 30}, {400, 30, 35}}) {
        int n = sizes[0];
        TestProblem m = TestProblem.lowRank(n, sizes[1], 100, n);
        double[] d = new double[n];
        Random random = new Random(n);
        for (int i = 0; i < n; i++) {
          d[i] = 0.1 + 2 * random.nextDouble();
        }
        LinearOperator a = new DiagonalOperator(d).plus(m.operator());
        for (double rho : new double[] {0, 0.05}) {
          SolverOptions options = options(rho, 1e-10, 1);
          IhvpResult exact = new ExactSolver().solve(a, m.b, options);
          TestOperators.Counted counted = new TestOperators.Counted(a);
          IhvpResult result = NystromSolver.structured(sizes[2], d, gaussian).solve(counted, m.b,
              options);
          assertEquals(Status.CONVERGED, result.status(), result.detail());
          double error = TestProblem.relativeError(result.x(), exact.x());
          assertTrue(error <= 1e-10, "n = " + n + " rank " + sizes[1] + " k = " + sizes[2]
              + " rho = " + rho + (gaussian ? " Gaussian" : " columns") + ": error " + error);
          assertEquals(sizes[2] + 1, counted.count);
          // the plain variant, blind to D, is not exact on the same problem with the same k
          IhvpResult plain = (gaussian ? NystromSolver.gaussian(sizes[2])
              : NystromSolver.columnSampling(sizes[2])).solve(a, m.b, options);
          assertTrue(TestProblem.relativeError(plain.x(), exact.x()) > 1e-3,
              "the plain variant should not be exact here");
        }
      }
    }
  }

  @Test
  void theDiagonalMustMakeTheDampedDiagonalPositive() {
    TestProblem p = TestProblem.spd(4, 10, 3);
    expectMessage(() -> NystromSolver.structured(2, new double[] {1, -0.5, 1, 1}, false)
        .solve(p.operator(), p.b, options(0.25, 1e-10, 1)), "d[1] + rho = -0.25");
    expectMessage(() -> NystromSolver.structured(2, new double[] {1, 1, 1}, false)
        .solve(p.operator(), p.b, SolverOptions.defaults()), "diagonal has length 3", "4x4");
    expectMessage(() -> NystromSolver.structured(2, new double[] {1, Double.NaN}, true),
        "d[1] = NaN");
    expectMessage(() -> NystromSolver.structured(2, null, true), "diagonal is null");
    expectMessage(() -> NystromSolver.structured(0, new double[] {1}, true), "k must be >= 1");
  }
}
