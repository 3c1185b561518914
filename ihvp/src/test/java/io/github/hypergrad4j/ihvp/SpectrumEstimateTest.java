package io.github.hypergrad4j.ihvp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpectrumEstimateTest {

  /** Eigenvalues in [1, κ] with a gap at the top: κ, then κ/2 and below. */
  private static TestProblem gapped(int n, double kappa) {
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = i == 0 ? kappa : 1 + (kappa / 2 - 1) * i / Math.max(1, n - 1);
    }
    return TestProblem.withSpectrum("gapped kappa=" + kappa, s, n);
  }

  @Test
  void powerIterationFindsLambdaMaxFromBelowWithAnHonestBound() {
    for (int n : new int[] {1, 2, 50, 300}) {
      TestProblem p = gapped(n, 100);
      TestOperators.Counted counted = new TestOperators.Counted(p.operator());
      SpectrumEstimate e = PowerIteration.largestEigenvalue(counted, 200, 1e-10, 1);
      assertEquals(counted.count, e.operatorApplications());
      assertEquals(e.iterations(), e.operatorApplications());
      assertTrue(e.converged());
      double lambda = p.largestEigenvalue();
      assertTrue(e.largest() <= lambda * (1 + 1e-14), e + " above " + lambda);
      assertEquals(lambda, e.largest(), 1e-8 * lambda);
      assertTrue(Math.abs(e.largest() - lambda) <= e.largestErrorBound() + 1e-13 * lambda);
      assertTrue(Double.isNaN(e.smallest()) && Double.isNaN(e.conditionNumber()));
    }
  }

  @Test
  void powerIterationRayleighQuotientsIncreaseOnAPsdMatrix() {
    TestProblem p = TestProblem.spd(100, 1e3, 4);
    double previous = 0;
    for (int steps = 1; steps <= 30; steps++) {
      double estimate = PowerIteration.largestEigenvalue(p.operator(), steps, 0, 9).largest();
      assertTrue(estimate >= previous * (1 - 1e-14), steps + ": " + estimate + " < " + previous);
      assertTrue(estimate <= p.largestEigenvalue() * (1 + 1e-14));
      previous = estimate;
    }
  }

  @Test
  void lanczosFindsBothEndsAndTheConditionNumber() {
    for (double kappa : new double[] {10, 1e3}) {
      TestProblem p = TestProblem.spd(300, kappa, 5);
      TestOperators.Counted counted = new TestOperators.Counted(p.operator());
      SpectrumEstimate e = Lanczos.extremeEigenvalues(counted, 200, 1e-7, 2);
      assertEquals(counted.count, e.operatorApplications());
      // the residual bounds hold; Ritz values lie inside the spectrum
      assertTrue(Math.abs(e.smallest() - 1) <= e.smallestErrorBound() + 1e-12, e.toString());
      assertTrue(Math.abs(e.largest() - kappa) <= e.largestErrorBound() + 1e-12 * kappa);
      assertTrue(e.smallest() >= 1 - 1e-12 && e.largest() <= kappa * (1 + 1e-12));
      assertTrue(e.conditionNumber() <= kappa * (1 + 1e-12), "a lower bound on kappa");
      assertEquals(kappa, e.largest(), 1e-8 * kappa);
      if (kappa == 10) {
        assertTrue(e.converged() && e.iterations() < 200, e.toString());
        assertEquals(1.0, e.smallest(), 1e-8);
        assertEquals(kappa, e.conditionNumber(), 1e-7 * kappa);
      } else {
        // many eigenvalues crowd the bottom of a log-uniform spectrum: the smallest Ritz value
        // converges slowly, far slower than λ_max, but is already accurate to 1e-4
        assertEquals(1.0, e.smallest(), 1e-4);
        assertEquals(kappa, e.conditionNumber(), 1e-4 * kappa);
      }
    }
  }

  @Test
  void lanczosOnTinyAndIndefiniteOperators() {
    TestProblem one = TestProblem.spd(1, 7, 1);
    SpectrumEstimate single = Lanczos.extremeEigenvalues(one.operator(), 10, 1e-12, 1);
    assertEquals(1, single.iterations());
    assertEquals(7, single.largest(), 1e-14);
    assertEquals(7, single.smallest(), 1e-14);

    TestProblem p = TestProblem.indefinite(60, 10, 3);
    SpectrumEstimate e = Lanczos.extremeEigenvalues(p.operator(), 60, 1e-12, 4);
    assertEquals(p.smallestEigenvalue(), e.smallest(), 1e-9);
    assertEquals(p.largestEigenvalue(), e.largest(), 1e-9);
    assertEquals(Double.POSITIVE_INFINITY, e.conditionNumber());
  }

  @Test
  void sameSeedSameEstimate() {
    TestProblem p = TestProblem.spd(80, 100, 6);
    assertEquals(Lanczos.extremeEigenvalues(p.operator(), 20, 0, 3),
        Lanczos.extremeEigenvalues(p.operator(), 20, 0, 3));
    assertEquals(PowerIteration.largestEigenvalue(p.operator(), 20, 0, 3),
        PowerIteration.largestEigenvalue(p.operator(), 20, 0, 3));
  }

  @Test
  void badArgumentsAreRefused() {
    TestProblem p = TestProblem.spd(5, 10, 3);
    IhvpSolverContract.expectMessage(() -> Lanczos.extremeEigenvalues(
        TestOperators.unsymmetric(p.operator()), 5, 1e-8, 1), "not symmetric");
    IhvpSolverContract.expectMessage(() -> Lanczos.extremeEigenvalues(p.operator(), 0, 1e-8, 1),
        "maxSteps must be >= 1, got 0");
    IhvpSolverContract.expectMessage(() -> PowerIteration.largestEigenvalue(p.operator(), 0, 1e-8,
        1), "maxIterations must be >= 1, got 0");
    IhvpSolverContract.expectMessage(() -> PowerIteration.largestEigenvalue(p.operator(), 5, -1,
        1), "relativeTolerance", "-1.0");
    IhvpSolverContract.expectMessage(() -> PowerIteration.largestEigenvalue(null, 5, 1e-8, 1),
        "operator is null");
  }
}
