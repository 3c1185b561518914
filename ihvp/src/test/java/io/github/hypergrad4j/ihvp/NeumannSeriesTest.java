package io.github.hypergrad4j.ihvp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.ihvp.IhvpResult.Status;
import io.github.hypergrad4j.linalg.DiagonalOperator;
import io.github.hypergrad4j.linalg.LinearOperator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Neumann series with the automatic step size α = 1/λ̂ (power iteration). */
class NeumannSeriesTest extends IhvpSolverContract {

  @Override
  IhvpSolver solverFor(TestProblem problem) {
    return NeumannSeries.automatic();
  }

  @Override
  boolean needsSymmetry() {
    return false;
  }

  @Override
  List<Case> accurateCases() {
    List<Case> cases = new ArrayList<>();
    for (int n : SIZES) {
      // κ = 10: contraction 1 − 1/10 per term, 1e-10 after about 220 terms
      cases.add(accurate(TestProblem.spd(n, 10, n), 0, 1e-10, 600, 1e-8));
    }
    cases.add(accurate(TestProblem.lowRank(100, 40, 10, 2), 1.0, 1e-10, 600, 1e-8));
    return cases;
  }

  @Override
  List<StatusCase> statusCases() {
    return List.of(
        ending(mostlyPositive(), 0, 2000, Status.DIVERGED),
        ending(TestProblem.spd(200, 1e3, 6), 0, 100, Status.MAX_ITERATIONS),
        ending(TestProblem.spd(100, 1e6, 6), 0, 100, Status.MAX_ITERATIONS));
  }

  /** Eigenvalues 1..10 and three negative ones down to −3: λ̂ > 0, but the series diverges. */
  static TestProblem mostlyPositive() {
    double[] s = new double[50];
    for (int i = 0; i < s.length; i++) {
      s[i] = i < 3 ? -1 - i : 1 + 9.0 * (i - 3) / (s.length - 4);
    }
    return TestProblem.withSpectrum("mostly positive", s, 4);
  }

  /** ‖x_K − x*‖ ≤ ‖(I − αA)^{K+1}‖·‖A⁻¹b‖, with ‖(I − αA)^{K+1}‖ = max_i |1 − α(s_i + ρ)|^{K+1}. */
  @Test
  void errorAfterKTermsIsWithinTheNeumannBound() {
    for (TestProblem p : List.of(TestProblem.spd(60, 10, 1), TestProblem.spd(200, 100, 2),
        TestProblem.lowRank(80, 30, 10, 3))) {
      double rho = p.smallestEigenvalue() == 0 ? 0.2 : 0;
      double[] solution = p.closedForm(p.b, rho);
      for (double fraction : new double[] {0.5, 1.0, 1.9}) {
        double alpha = fraction / (p.largestEigenvalue() + rho);
        double contraction = 0;
        for (double s : p.s) {
          contraction = Math.max(contraction, Math.abs(1 - alpha * (s + rho)));
        }
        for (int k : new int[] {0, 1, 2, 5, 20, 100}) {
          IhvpResult result = new NeumannSeries(alpha).solve(p.operator(), p.b,
              options(rho, 0, k));
          assertEquals(k, result.iterations());
          double error = TestProblem.norm(difference(result.x(), solution));
          double bound = Math.pow(contraction, k + 1) * TestProblem.norm(solution);
          assertTrue(error <= bound * (1 + 1e-9) + 1e-13 * TestProblem.norm(solution),
              p + " alpha=" + fraction + "/lambda_max K=" + k + ": error " + error + " > bound "
                  + bound);
          // and the bound is not vacuous: the error is within a factor 10 of it on these spectra
          if (fraction == 1.0 && k <= 20) {
            assertTrue(error >= bound * 1e-3, "bound " + bound + " far above error " + error);
          }
        }
      }
    }
  }

  private static double[] difference(double[] x, double[] y) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i] - y[i];
    }
    return d;
  }

  @Test
  void aStepSizeAboveTwoOverLambdaMaxIsDetectedAsDivergence() {
    TestProblem p = TestProblem.spd(50, 10, 7);
    IhvpResult result = new NeumannSeries(3 / p.largestEigenvalue()).solve(p.operator(), p.b,
        options(0, 1e-10, 1000));
    assertEquals(Status.DIVERGED, result.status(), result.detail());
    assertTrue(result.iterations() < 100, "noticed only after " + result.iterations());
    for (double e : result.x()) {
      assertTrue(Double.isFinite(e));
    }
  }

  @Test
  void automaticStepSizeReportsItsPowerIterationProducts() {
    TestProblem p = TestProblem.spd(100, 10, 8);
    TestOperators.Counted counted = new TestOperators.Counted(p.operator());
    IhvpResult result = NeumannSeries.automatic(7).solve(counted, p.b, options(0, 0, 30));
    // 7 power steps at most + 30 terms + 1 true residual
    assertTrue(result.detail().contains("power-iteration products"), result.detail());
    assertEquals(counted.count, result.operatorApplications());
    assertTrue(result.operatorApplications() <= 7 + 30 + 1);
    assertTrue(result.operatorApplications() >= 2 + 30 + 1);
  }

  @Test
  void givenStepSizeMatchesTheClosedFormPartialSum() {
    // diag(1, 4), α = 0.2: x_K,i = α Σ_{j≤K} (1 − α s_i)^j b_i = (1 − (1 − α s_i)^{K+1}) / s_i
    IhvpResult result = new NeumannSeries(0.2).solve(
        new io.github.hypergrad4j.linalg.DiagonalOperator(new double[] {1, 4}), new double[] {1, 1},
        options(0, 0, 3));
    assertEquals((1 - Math.pow(0.8, 4)) / 1, result.x()[0], 1e-15);
    assertEquals((1 - Math.pow(0.2, 4)) / 4, result.x()[1], 1e-15);
    assertEquals(Status.MAX_ITERATIONS, result.status());
  }

  /**
   * The recurrence says the tolerance is met, but the true residual of that partial sum has blown
   * up (here an operator that answers the check with 10⁶·A·x): the drift branch checks it for
   * divergence too, and returns the partial sum it checked rather than continuing from it.
   */
  @Test
  void aTrueResidualThatDivergesOnTheDriftCheckIsDivergence() {
    // diag(1, 2), b = (1, 1), alpha = 0.5: terms v_i = (0.5^i, 0); ||v_10|| <= 1e-3 ||b||
    DiagonalOperator d = new DiagonalOperator(new double[] {1, 2});
    LinearOperator lying = new LinearOperator() {
      private int products;

      @Override
      public int dim() {
        return 2;
      }

      @Override
      public void apply(double[] x, double[] out) {
        d.apply(x, out);
        if (++products == 11) { // the true-residual check after term 10
          out[0] *= 1e6;
          out[1] *= 1e6;
        }
      }
    };
    IhvpResult result = new NeumannSeries(0.5).solve(lying, new double[] {1, 1},
        options(0, 1e-3, 100));
    assertEquals(Status.DIVERGED, result.status(), result.detail());
    assertEquals(10, result.iterations());
    assertEquals(11, result.operatorApplications());
    // x_10 = 0.5·Σ_{i≤10} M^i b = (1 − 0.5^11, 0.5), exactly
    assertArrayEquals(new double[] {1 - Math.pow(0.5, 11), 0.5}, result.x(), 0.0);
    assertTrue(result.detail().contains("true residual after term 10"), result.detail());
  }

  @Test
  void badStepSizesAreRefused() {
    expectMessage(() -> new NeumannSeries(0), "alpha", "0.0");
    expectMessage(() -> new NeumannSeries(-1e-3), "alpha", "-0.001");
    expectMessage(() -> new NeumannSeries(Double.NaN), "alpha", "NaN");
    expectMessage(() -> NeumannSeries.automatic(0), "powerIterations", "0");
  }

  @Test
  void anIndefiniteOperatorWithNegativeDominantEigenvalueCannotConverge() {
    io.github.hypergrad4j.linalg.DiagonalOperator a =
        new io.github.hypergrad4j.linalg.DiagonalOperator(new double[] {-5, 1});
    IhvpResult result = NeumannSeries.automatic().solve(a, new double[] {1, 1},
        options(0, 1e-10, 100));
    assertEquals(Status.BREAKDOWN, result.status(), result.detail());
  }
}
