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
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The warnings at the end of {@code tune}'s summary: what makes its numbers less trustworthy than
 * they look. One line per kind, each with the number of steps (or grid points) concerned and the
 * worst value seen among them:
 *
 * <ul>
 *   <li>inner solves that took 0 iterations (θ not fitted to its λ);
 *   <li>inner solves that did not converge (the implicit function theorem assumes ∇_θ f = 0);
 *   <li>inverse-HVP solves that did not converge (the hypergradient is approximate);
 *   <li>a run that stopped for another reason than its budget or a plateau;
 *   <li>a hypergradient run whose validation loss beats the grid's while its test loss is worse
 *       (the hyperparameters fitted the validation set).
 * </ul>
 */
final class TuneWarnings {

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
    zeroIterations(lines, "outer steps", steps, e -> e.innerIterations() == 0, ProgressEvent::innerGradientNorm);
    zeroIterations(lines, "grid points", grid, p -> p.innerIterations() == 0,
        TuningComparison.GridPoint::innerGradientNorm);
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

    if (h.validationLoss() < g.validationLoss() && h.testLoss() > g.testLoss()) {
      lines.add(String.format(Locale.ROOT, "warning: the %d hyperparameters fit the validation set: their validation "
          + "loss is below the grid's (%.5f < %.5f) but their test loss is above it (%.5f > %.5f)",
          hyperparameters, h.validationLoss(), g.validationLoss(), h.testLoss(), g.testLoss()));
    }
    return lines;
  }

  private static <T> void zeroIterations(List<String> lines, String what, List<T> items, Predicate<T> zero,
      ToDoubleFunction<T> gradientNorm) {
    List<T> hit = items.stream().filter(zero).toList();
    if (!hit.isEmpty()) {
      lines.add(String.format(Locale.ROOT, "warning: the inner solve took 0 iterations at %d of %d %s "
          + "(largest |grad f| %.2e): theta was not fitted to lambda there", hit.size(), items.size(), what,
          worst(hit, gradientNorm)));
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
