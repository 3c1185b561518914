package io.github.hypergrad4j.ihvp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.linalg.DiagonalOperator;
import org.junit.jupiter.api.Test;

class SolverOptionsTest {

  @Test
  void defaultsAndWithersAreImmutable() {
    SolverOptions d = SolverOptions.defaults();
    assertEquals(1e-8, d.tolerance());
    assertTrue(d.maxIterations().isEmpty());
    assertEquals(17, d.maxIterationsOr(17));
    assertEquals(0.0, d.damping());
    assertTrue(d.warmStart().isEmpty());
    assertSame(IterationObserver.NONE, d.observer());

    double[] x0 = {1, 2};
    SolverOptions o = d.withTolerance(1e-3).withMaxIterations(0).withDamping(0.5).withWarmStart(x0)
        .withSeed(9);
    x0[0] = 99;
    assertArrayEquals(new double[] {1, 2}, o.warmStart().orElseThrow());
    assertNotSame(o.warmStart().orElseThrow(), o.warmStart().orElseThrow());
    assertEquals(0, o.maxIterations().getAsInt());
    assertEquals(1e-8, d.tolerance(), "withers must not change the original");
    assertTrue(o.withWarmStart(null).warmStart().isEmpty());
  }

  @Test
  void aBudgetIsALimitThatTheToleranceDoesNotCutShort() {
    SolverOptions d = SolverOptions.defaults();
    assertFalse(d.isFixedBudget());
    SolverOptions budget = SolverOptions.budget(12);
    assertTrue(budget.isFixedBudget());
    assertEquals(12, budget.maxIterations().getAsInt());
    assertEquals(12, budget.maxIterationsOr(99));
    assertEquals(SolverOptions.DEFAULT_TOLERANCE, budget.tolerance(), "the tolerance still judges");
    assertTrue(budget.toString().contains("budget=12"), budget.toString());
    // the later of a limit and a budget wins; other settings keep the mode
    SolverOptions limited = budget.withMaxIterations(7);
    assertFalse(limited.isFixedBudget());
    assertEquals(7, limited.maxIterations().getAsInt());
    assertTrue(limited.toString().contains("maxIterations=7"), limited.toString());
    SolverOptions again = limited.withBudget(3).withTolerance(1e-4).withDamping(0.1).withSeed(2)
        .withWarmStart(new double[] {1}).withObserver(IterationObserver.NONE);
    assertTrue(again.isFixedBudget());
    assertEquals(3, again.maxIterations().getAsInt());
    assertTrue(SolverOptions.budget(0).isFixedBudget());
    IhvpSolverContract.expectMessage(() -> SolverOptions.budget(-1), "SolverOptions: budget (K)",
        "-1");
  }

  @Test
  void badValuesAreRefusedByName() {
    SolverOptions d = SolverOptions.defaults();
    IhvpSolverContract.expectMessage(() -> d.withTolerance(Double.POSITIVE_INFINITY), "tolerance");
    IhvpSolverContract.expectMessage(() -> d.withWarmStart(new double[] {0, Double.NaN}),
        "x0[1] = NaN");
    IhvpSolverContract.expectMessage(() -> d.withObserver(null), "observer is null");
  }

  @Test
  void countingOperatorCountsAndResets() {
    CountingOperator counting = new CountingOperator(new DiagonalOperator(new double[] {1, 2}));
    double[] out = new double[2];
    counting.apply(new double[] {1, 1}, out);
    counting.apply(new double[] {1, 1}, out);
    assertEquals(2, counting.count());
    assertTrue(counting.isSymmetric());
    counting.reset();
    assertEquals(0, counting.count());
    IhvpSolverContract.expectMessage(() -> new CountingOperator(null), "operator is null");
    IhvpResult result = new ConjugateGradient().solve(counting, new double[] {1, 1},
        SolverOptions.defaults());
    assertEquals(counting.count(), result.operatorApplications());
  }
}
