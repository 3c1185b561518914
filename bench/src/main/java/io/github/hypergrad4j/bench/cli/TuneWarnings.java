package io.github.hypergrad4j.bench.cli;

import io.github.hypergrad4j.bench.examples.TuningComparison;
import io.github.hypergrad4j.bilevel.HyperOptimizationResult;
import io.github.hypergrad4j.bilevel.HyperOptimizationResult.StopReason;
import io.github.hypergrad4j.bilevel.InnerResult;
import io.github.hypergrad4j.bilevel.ProgressEvent;
import io.github.hypergrad4j.ihvp.IhvpResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The warnings at the end of {@code tune}'s summary: what makes its numbers less trustworthy than
 * they look. One line per kind, each with the number of steps (or grid points) concerned and the
 * worst value seen among them:
 *
 * <ul>
 *   <li>cold-started inner solves (each grid point's, the first outer step's) that took 0
 *       iterations: the starting θ already met the tolerance, so θ was never fitted to its λ (a
 *       warm-started solve that takes 0 iterations found its θ still fitted, and is not warned
 *       about);
 *   <li>inner solves that did not converge (the implicit function theorem assumes ∇_θ f = 0);
 *   <li>inverse-HVP solves that did not converge (the hypergradient is approximate);
 *   <li>a run that stopped for another reason than its budget or a plateau;
 *   <li>a run whose λ did not move (relative change below {@value #STILL}), as when the damping
 *       swamps the Hessian or the learning rate is too small;
 *   <li>a hypergradient run whose validation loss beats the grid's while its test loss is worse
 *       (the hyperparameters fitted the validation set).
 * </ul>
 */
final class TuneWarnings {

  /** The largest relative change of λ over a run that counts as not moving. */
  static final double STILL = 1e-12;

  private TuneWarnings() {}

  /** The warning lines for {@code r}, each starting with "warning: "; empty when all is well. */
  static List<String> of(TuningComparison.Report r) {
    HyperOptimizationResult t = r.tuning();
    return of(t.history().events(), r.gridPoints(), t.stopReason(), t.message(), r.grid(), r.hypergradient(),
        t.bestLambda().length);
  }

  /**
   * The warning lines for a run's parts.
   *
   * @param steps the hypergradient run's events
   * @param grid the grid's points
   * @param stop why the hypergradient run ended
   * @param message its message
   * @param g the grid's outcome
   * @param h the hypergradient run's outcome
   * @param hyperparameters how many hyperparameters it tuned
   */
  static List<String> of(List<ProgressEvent> steps, List<TuningComparison.GridPoint> grid, StopReason stop,
      String message, TuningComparison.Outcome g, TuningComparison.Outcome h, int hyperparameters) {
    List<String> lines = new ArrayList<>();
    if (!steps.isEmpty() && steps.get(0).innerIterations() == 0) {
      lines.add(String.format(Locale.ROOT, "warning: the inner solve took 0 iterations at the first outer step "
          + "(|grad f| %.2e): its starting theta already met the tolerance, so theta was not fitted to lambda there",
          steps.get(0).innerGradientNorm()));
    }
    List<TuningComparison.GridPoint> unfitted = grid.stream().filter(p -> p.innerIterations() == 0).toList();
    if (!unfitted.isEmpty()) {
      lines.add(String.format(Locale.ROOT, "warning: the inner solve took 0 iterations at %d of %d grid points "
          + "(largest |grad f| %.2e): its starting theta already met the tolerance, so theta was not fitted to "
          + "lambda there", unfitted.size(), grid.size(), worst(unfitted, TuningComparison.GridPoint::innerGradientNorm)));
    }
    notConverged(lines, "outer steps", "the hypergradient assumes", steps, ProgressEvent::innerStatus,
        ProgressEvent::innerGradientNorm);
    notConverged(lines, "grid points", "the grid compares", grid, TuningComparison.GridPoint::innerStatus,
        TuningComparison.GridPoint::innerGradientNorm);

    List<ProgressEvent> approximate = steps.stream()
        .filter(e -> e.solverStatus() != null && e.solverStatus() != IhvpResult.Status.CONVERGED).toList();
    if (!approximate.isEmpty()) {
      lines.add(String.format(Locale.ROOT, "warning: the inverse-HVP solve did not converge at %d of %d outer steps "
          + "(%s; worst relative residual %.2e): those hypergradients are approximate",
          approximate.size(), steps.size(), tally(approximate, e -> e.solverStatus().name()),
          worst(approximate, ProgressEvent::solverRelativeResidual)));
    }

    List<ProgressEvent> flagged = steps.stream().filter(e -> !e.warning().isEmpty()).toList();
    if (!flagged.isEmpty()) {
      lines.add(String.format(Locale.ROOT, "warning: %d of %d outer steps were unreliable (%d skipped or ended the "
          + "run, %d saved by more damping); the first: %s", flagged.size(), steps.size(),
          flagged.stream().filter(e -> !e.reliable()).count(), flagged.stream().filter(ProgressEvent::reliable).count(),
          flagged.get(0).warning()));
    }

    if (stop != StopReason.BUDGET && stop != StopReason.PLATEAU) {
      lines.add("warning: the hypergradient run stopped early, " + stop + ": " + message);
    }
    lambdaStill(lines, steps);

    if (h.validationLoss() < g.validationLoss() && h.testLoss() > g.testLoss()) {
      lines.add(String.format(Locale.ROOT, "warning: the %d hyperparameters fit the validation set: their validation "
          + "loss is below the grid's (%.5f < %.5f) but their test loss is above it (%.5f > %.5f)",
          hyperparameters, h.validationLoss(), g.validationLoss(), h.testLoss(), g.testLoss()));
    }
    return lines;
  }

  /**
   * A warning when λ did not move from the first step's over the run: at most a relative change
   * of {@value #STILL} in any entry, at any later step. Not for a run of one step (λ is only seen
   * before its update), nor for one none of whose steps before the last was taken (the unreliable
   * steps' warning says why).
   */
  private static void lambdaStill(List<String> lines, List<ProgressEvent> steps) {
    if (steps.size() < 2 || steps.subList(0, steps.size() - 1).stream().noneMatch(ProgressEvent::reliable)) {
      return;
    }
    double[] first = steps.get(0).lambda();
    double change = 0;
    for (ProgressEvent e : steps) {
      for (int j = 0; j < first.length; j++) {
        double a = first[j];
        double b = e.lambda()[j];
        change = Math.max(change, a == b ? 0 : Math.abs(b - a) / Math.max(Math.abs(a), Math.abs(b)));
      }
    }
    if (change < STILL) {
      lines.add(String.format(Locale.ROOT, "warning: lambda did not move in %d steps (|dg/dlambda| at most %.2e): "
          + "the damping may swamp the Hessian or the learning rate be too small", steps.size(),
          worst(steps, ProgressEvent::hypergradientNorm)));
    }
  }

  private static <T> void notConverged(List<String> lines, String what, String assumer, List<T> items,
      Function<T, InnerResult.Status> status, ToDoubleFunction<T> gradientNorm) {
    List<T> hit = items.stream().filter(x -> status.apply(x) != InnerResult.Status.CONVERGED).toList();
    if (!hit.isEmpty()) {
      lines.add(String.format(Locale.ROOT, "warning: the inner solve did not converge at %d of %d %s "
          + "(%s; largest |grad f| %.2e): theta is not the minimiser %s", hit.size(), items.size(), what,
          tally(hit, x -> status.apply(x).name()), worst(hit, gradientNorm), assumer));
    }
  }

  /** "3 MAX_ITERATIONS, 1 DIVERGED". */
  private static <T> String tally(List<T> items, Function<T, String> name) {
    Map<String, Long> counts = items.stream().collect(Collectors.groupingBy(name, TreeMap::new,
        Collectors.counting()));
    return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
        .collect(Collectors.joining(", "));
  }

  /** The largest value, NaN if any is NaN (a NaN residual is the worst there is). */
  private static <T> double worst(List<T> items, ToDoubleFunction<T> value) {
    double w = Double.NEGATIVE_INFINITY;
    for (T x : items) {
      double v = value.applyAsDouble(x);
      if (Double.isNaN(v)) {
        return Double.NaN;
      }
      w = Math.max(w, v);
    }
    return w;
  }
}
