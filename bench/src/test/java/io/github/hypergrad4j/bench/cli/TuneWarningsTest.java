package io.github.hypergrad4j.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bench.examples.TuningComparison.GridPoint;
import io.github.hypergrad4j.bench.examples.TuningComparison.Outcome;
import io.github.hypergrad4j.bilevel.HyperOptimizationResult.StopReason;
import io.github.hypergrad4j.bilevel.InnerResult;
import io.github.hypergrad4j.bilevel.ProgressEvent;
import io.github.hypergrad4j.ihvp.IhvpResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One warning line per kind of trouble, with the count and the worst value; none when all is well. */
class TuneWarningsTest {

  private static final InnerResult.Status OK = InnerResult.Status.CONVERGED;
  private static final Outcome GRID = new Outcome("grid", 0.05, 0.06, 0.97, 1, "");
  private static final Outcome BETTER = new Outcome("hypergradient", 0.04, 0.05, 0.98, 1, "");

  /** Each event's λ differs from the last one's: the events of a run whose λ moves. */
  private static double lambda = 0.01;

  private static ProgressEvent step(int iterations, InnerResult.Status inner, double gradNorm,
      IhvpResult.Status solver, double residual) {
    lambda *= 1.1;
    return new ProgressEvent(0, 0.1, 1, new double[1], iterations, inner, gradNorm, solver, residual, 10, 1,
        new double[] {lambda}, 0, true, "");
  }

  /** Step {@code index} of a run, at {@code lambda}. */
  private static ProgressEvent at(int index, double[] lambda, double hypergradientNorm, boolean reliable) {
    return new ProgressEvent(index, 0.1, hypergradientNorm, new double[lambda.length], 20, OK, 1e-9,
        IhvpResult.Status.CONVERGED, 1e-7, 10, 1, lambda.clone(), 0, reliable, reliable ? "" : "step unreliable");
  }

  private static GridPoint point(int iterations, InnerResult.Status inner, double gradNorm) {
    return new GridPoint(0, 3, 1e-2, 0.1, 0.1, iterations, inner, gradNorm, 1);
  }

  private static final ProgressEvent FINE = step(20, OK, 1e-9, IhvpResult.Status.CONVERGED, 1e-7);
  private static final GridPoint FINE_POINT = point(20, OK, 1e-9);

  private static List<String> warnings(List<ProgressEvent> steps, List<GridPoint> grid, StopReason stop,
      Outcome hypergradient) {
    return TuneWarnings.of(steps, grid, stop, "the message", GRID, hypergradient, 30);
  }

  @Test
  void aCleanRunHasNone() {
    assertEquals(List.of(), warnings(List.of(FINE, step(20, OK, 1e-9, IhvpResult.Status.CONVERGED, 1e-7)),
        List.of(FINE_POINT), StopReason.BUDGET, BETTER));
    assertEquals(List.of(), warnings(List.of(FINE), List.of(FINE_POINT), StopReason.PLATEAU, BETTER));
    // a method without an inverse-HVP solve (status null) is not "not converged"
    assertEquals(List.of(), warnings(List.of(step(5, OK, 1e-9, null, Double.NaN)), List.of(), StopReason.BUDGET,
        BETTER));
  }

  /**
   * Cold starts (every grid point, the first outer step) that took 0 iterations are warned about:
   * the starting theta met the tolerance, so it was never fitted. Warm-started steps that took 0
   * iterations are not: their theta, fitted at the step before, still met the tolerance.
   */
  @Test
  void zeroIterationInnerSolvesAreWarnedAboutOnlyForColdStarts() {
    List<String> w = warnings(List.of(step(0, OK, 3e-3, IhvpResult.Status.CONVERGED, 1e-7), FINE,
        step(0, OK, 8e-3, IhvpResult.Status.CONVERGED, 1e-7), FINE), List.of(point(0, OK, 5e-3), FINE_POINT,
        point(0, OK, 7e-3)), StopReason.BUDGET, BETTER);
    assertEquals(List.of(
        "warning: the inner solve took 0 iterations at the first outer step (|grad f| 3.00e-03): its starting "
            + "theta already met the tolerance, so theta was not fitted to lambda there",
        "warning: the inner solve took 0 iterations at 2 of 3 grid points (largest |grad f| 7.00e-03): its "
            + "starting theta already met the tolerance, so theta was not fitted to lambda there"), w);
    List<String> warm = warnings(List.of(FINE, step(0, OK, 6e-9, IhvpResult.Status.CONVERGED, 1e-7),
        step(0, OK, 8e-9, IhvpResult.Status.CONVERGED, 1e-7)), List.of(FINE_POINT), StopReason.BUDGET, BETTER);
    assertEquals(List.of(), warm, "warm-started steps with 0 iterations are fitted");
  }

  /**
   * Lambda that did not move over the run: equal, or changed by less than a relative 1e-12 in
   * every entry at every step; the largest hypergradient norm is given.
   */
  @Test
  void lambdaThatDidNotMoveIsWarnedAbout() {
    double[] l0 = {0.01, 0.02};
    double[] tiny = {0.01 * (1 + 5e-13), 0.02};
    List<String> still = warnings(List.of(at(0, l0, 2e-302, true), at(1, tiny, 3e-302, true), at(2, l0, 1e-302, true)),
        List.of(FINE_POINT), StopReason.BUDGET, BETTER);
    assertEquals(List.of("warning: lambda did not move in 3 steps (|dg/dlambda| at most 3.00e-302): the damping "
        + "may swamp the Hessian or the learning rate be too small"), still);
    double[] moved = {0.01, 0.02 * (1 + 2e-12)};
    assertEquals(List.of(), warnings(List.of(at(0, l0, 1, true), at(1, l0, 1, true), at(2, moved, 1, true)),
        List.of(), StopReason.BUDGET, BETTER), "one entry moved, at the last step");
    assertEquals(List.of(), warnings(List.of(at(0, l0, 1, true)), List.of(), StopReason.BUDGET, BETTER),
        "one step: lambda is only seen before its update");
    List<String> skipped = warnings(List.of(at(0, l0, 1, false), at(1, l0, 1, false)), List.of(), StopReason.BUDGET,
        BETTER);
    assertTrue(skipped.stream().noneMatch(l -> l.startsWith("warning: lambda did not move")),
        "no step was taken: the unreliable steps' warning says why\n" + skipped);
  }

  @Test
  void unconvergedInnerSolvesAreCountedByStatus() {
    List<String> w = warnings(List.of(FINE, step(10000, InnerResult.Status.MAX_ITERATIONS, 2e-4,
        IhvpResult.Status.CONVERGED, 1e-7), step(7, InnerResult.Status.LINE_SEARCH_FAILED, 3e-12,
        IhvpResult.Status.CONVERGED, 1e-7), step(10000, InnerResult.Status.MAX_ITERATIONS, 1e-5,
        IhvpResult.Status.CONVERGED, 1e-7)), List.of(FINE_POINT), StopReason.BUDGET, BETTER);
    assertEquals(1, w.size(), w.toString());
    assertEquals("warning: the inner solve did not converge at 3 of 4 outer steps (1 LINE_SEARCH_FAILED, "
        + "2 MAX_ITERATIONS; largest |grad f| 2.00e-04): theta is not the minimiser the hypergradient assumes",
        w.get(0));
    List<String> g = warnings(List.of(FINE), List.of(point(3, InnerResult.Status.DIVERGED, 1e3)),
        StopReason.BUDGET, BETTER);
    assertEquals(List.of("warning: the inner solve did not converge at 1 of 1 grid points (1 DIVERGED; largest "
        + "|grad f| 1.00e+03): theta is not the minimiser the grid compares"), g);
  }

  @Test
  void unconvergedInverseHvpSolvesReportTheWorstResidualAndNaNIsTheWorst() {
    List<String> w = warnings(List.of(FINE, step(20, OK, 1e-9, IhvpResult.Status.MAX_ITERATIONS, 0.3),
        step(20, OK, 1e-9, IhvpResult.Status.NEGATIVE_CURVATURE, 0.02)), List.of(), StopReason.BUDGET, BETTER);
    assertEquals(List.of("warning: the inverse-HVP solve did not converge at 2 of 3 outer steps (1 MAX_ITERATIONS, "
        + "1 NEGATIVE_CURVATURE; worst relative residual 3.00e-01): those hypergradients are approximate"), w);
    List<String> nan = warnings(List.of(step(20, OK, 1e-9, IhvpResult.Status.DIVERGED, 0.3),
        step(20, OK, 1e-9, IhvpResult.Status.DIVERGED, Double.NaN)), List.of(), StopReason.BUDGET, BETTER);
    assertTrue(nan.get(0).contains("worst relative residual NaN"), nan.get(0));
  }

  @Test
  void everyStopButBudgetAndPlateauIsAWarningWithItsMessage() {
    for (StopReason r : StopReason.values()) {
      List<String> w = warnings(List.of(FINE), List.of(), r, BETTER);
      boolean expected = r != StopReason.BUDGET && r != StopReason.PLATEAU;
      assertEquals(expected ? List.of("warning: the hypergradient run stopped early, " + r + ": the message")
          : List.of(), w);
    }
  }

  @Test
  void fittingTheValidationSetIsWarnedOnlyWhenValidationAndTestDisagree() {
    Outcome overfit = new Outcome("hypergradient", 0.04, 0.07, 0.95, 1, "");
    assertEquals(List.of("warning: the 30 hyperparameters fit the validation set: their validation loss is below "
        + "the grid's (0.04000 < 0.05000) but their test loss is above it (0.07000 > 0.06000)"),
        warnings(List.of(FINE), List.of(), StopReason.BUDGET, overfit));
    // worse on both, better on both, or worse on validation only: the validation loss ranks them right
    for (double[] vt : new double[][] {{0.06, 0.07}, {0.04, 0.05}, {0.06, 0.05}}) {
      Outcome h = new Outcome("hypergradient", vt[0], vt[1], 0.95, 1, "");
      assertEquals(List.of(), warnings(List.of(FINE), List.of(), StopReason.BUDGET, h));
    }
  }
}
