package io.github.hypergrad4j.bench.cli;

import io.github.hypergrad4j.bench.penalties.GlobalPenaltyGrid;
import io.github.hypergrad4j.bench.penalties.PenaltyExperiment;
import io.github.hypergrad4j.bench.penalties.PenaltyTuning;
import io.github.hypergrad4j.ihvp.IhvpResult;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The closing summary of {@code penalties}: the comparison table, the cost, warnings, the overfitting check. */
final class PenaltiesSummary {

  private PenaltiesSummary() {}

  static String text(PenaltyExperiment.Settings s, PenaltyExperiment.Outcome o) {
    StringBuilder b = new StringBuilder();
    PenaltyTuning.Settings t = s.tuning();
    List<PenaltyTuning.Step> steps = o.tuning().steps();
    line(b, "data: %s", o.split().description());
    line(b, "model: tanh MLP %s, %d parameters, %d penalties (one per weight, biases unpenalised)",
        o.model().architecture(), o.model().parameters(), o.model().penalties());
    line(b, "settings: %d outer steps, Adam %.3g on log lambda from %.1e; L-BFGS %d then %d its per step"
        + " (tolerance %.0e); CG at most %d its (tolerance %.0e), damping %.3g, warm-started", t.steps(),
        t.outerLearningRate(), t.initialPenalty(), t.firstInnerIterations(), t.innerIterations(), t.innerTolerance(),
        t.cgIterations(), t.cgTolerance(), t.damping());
    b.append(System.lineSeparator());
    line(b, "%-40s %9s %9s %8s %8s %8s", "", "val loss", "test loss", "val acc", "test acc", "wall s");
    PenaltyTuning.Step best = steps.get(o.tuning().bestStep());
    PenaltyTuning.Step last = steps.get(steps.size() - 1);
    row(b, "per-weight, step " + best.step() + " (lowest val loss)", best.validationLoss(), best.testLoss(),
        best.validationAccuracy(), best.testAccuracy(), o.tuning().seconds());
    row(b, "per-weight, last step " + last.step(), last.validationLoss(), last.testLoss(), last.validationAccuracy(),
        last.testAccuracy(), o.tuning().seconds());
    row(b, "per-weight, step 1 (initial penalty)", steps.get(0).validationLoss(), steps.get(0).testLoss(),
        steps.get(0).validationAccuracy(), steps.get(0).testAccuracy(), steps.get(0).elapsedSeconds());
    GlobalPenaltyGrid.Result grid = o.grid();
    if (grid != null) {
      GlobalPenaltyGrid.Point p = grid.bestPoint();
      row(b, String.format(Locale.ROOT, "global %.0e (best of %d grid values)", p.penalty(), grid.points().size()),
          p.validationLoss(), p.testLoss(), p.validationAccuracy(), p.testAccuracy(), grid.seconds());
    }
    if (grid != null) {
      line(b, "grid: %d of %d values trained (%s), each from the same theta0 with at most %d L-BFGS iterations, the"
          + " per-weight run's total; %.0f s against the per-weight run's %.0f s", grid.points().size(),
          GlobalPenaltyGrid.DEFAULT_PENALTIES.length, s.gridValues() == PenaltyExperiment.GRID_BY_TIME
              ? "as many as fit into the per-weight run's wall time" : "a fixed number",
          t.firstInnerIterations() + (t.steps() - 1) * t.innerIterations(), grid.seconds(), o.tuning().seconds());
    }
    b.append(System.lineSeparator());
    double hgSeconds = 0;
    long products = 0;
    for (PenaltyTuning.Step st : steps) {
      hgSeconds += st.hypergradientSeconds();
      products += st.products();
    }
    line(b, "cost: %.1f s per hypergradient (%.1f Hessian-vector products, %.2f s each, on average over %d); "
        + "peak heap %.0f MB (sum of the heap pools' peaks; max heap %.0f MB)", hgSeconds / steps.size(),
        (double) products / steps.size(), hgSeconds / Math.max(1, products), steps.size(),
        o.peakHeapBytes() / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
    warnings(b, steps, t);
    overfitting(b, steps, o.tuning().bestStep());
    return b.toString();
  }

  private static void warnings(StringBuilder b, List<PenaltyTuning.Step> steps, PenaltyTuning.Settings t) {
    int notConverged = 0;
    double worstInner = 0;
    double worstResidual = 0;
    int skipped = 0;
    Map<IhvpResult.Status, Integer> statuses = new EnumMap<>(IhvpResult.Status.class);
    for (PenaltyTuning.Step st : steps) {
      if (st.innerGradientNorm() > t.innerTolerance()) {
        notConverged++;
      }
      worstInner = Math.max(worstInner, st.innerGradientNorm());
      worstResidual = Math.max(worstResidual, st.relativeResidual());
      statuses.merge(st.cgStatus(), 1, Integer::sum);
      if (!st.stepped() && st.step() < steps.size()) {
        skipped++;
      }
    }
    if (notConverged > 0) {
      line(b, "warning: %d of %d inner solves stopped at their iteration cap above the tolerance %.0e "
          + "(largest |grad f| %.2e): the IFT assumes a stationary theta, so these hypergradients are approximate",
          notConverged, steps.size(), t.innerTolerance(), worstInner);
    }
    if (statuses.getOrDefault(IhvpResult.Status.CONVERGED, 0) < steps.size()) {
      line(b, "warning: CG solves by status %s; worst true relative residual %.3f; %d step%s skipped (unusable solve)",
          statuses, worstResidual, skipped, skipped == 1 ? "" : "s");
    }
    int negative = statuses.getOrDefault(IhvpResult.Status.NEGATIVE_CURVATURE, 0);
    if (negative > 0) {
      line(b, "warning: %d CG solve%s met negative curvature of H + %.3g I (the MLP's Hessian is indefinite there);"
          + " the iterate before that direction was used when its residual was below 1", negative,
          negative == 1 ? "" : "s", t.damping());
    }
  }

  /** Where the validation loss fell while the test loss did not follow. */
  private static void overfitting(StringBuilder b, List<PenaltyTuning.Step> steps, int bestIndex) {
    PenaltyTuning.Step first = steps.get(0);
    PenaltyTuning.Step best = steps.get(bestIndex);
    int testBest = 0;
    for (int i = 1; i < steps.size(); i++) {
      if (steps.get(i).testLoss() < steps.get(testBest).testLoss()) {
        testBest = i;
      }
    }
    line(b, "validation overfitting: from step 1 to step %d the validation loss moved by %+.4f and the test loss by "
        + "%+.4f; the gap test - validation went from %.4f to %.4f (last step: %.4f); the test loss was lowest at "
        + "step %d (reported only, not used)", best.step(), best.validationLoss() - first.validationLoss(),
        best.testLoss() - first.testLoss(), first.testLoss() - first.validationLoss(),
        best.testLoss() - best.validationLoss(),
        steps.get(steps.size() - 1).testLoss() - steps.get(steps.size() - 1).validationLoss(),
        steps.get(testBest).step());
  }

  private static void row(StringBuilder b, String name, double vl, double tl, double va, double ta, double seconds) {
    line(b, "%-40s %9.4f %9.4f %8.4f %8.4f %8.0f", name, vl, tl, va, ta, seconds);
  }

  private static void line(StringBuilder b, String format, Object... args) {
    b.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
  }
}
