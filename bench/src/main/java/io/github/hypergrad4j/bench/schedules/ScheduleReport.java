package io.github.hypergrad4j.bench.schedules;

import io.github.hypergrad4j.bilevel.unrolled.Schedule;
import io.github.hypergrad4j.bilevel.unrolled.UnrolledResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;

/**
 * The summary and the files of a {@link ScheduleExperiment}: a table of the three schedules
 * (start, best constant, learned) with validation loss, test loss, test accuracy and time; the
 * learned schedule at every tenth step; warnings for anything that makes the numbers less
 * trustworthy; and, written into a folder, the learned schedules and the histories as CSV and two
 * PNG figures ({@link #FILES}).
 */
public final class ScheduleReport {

  /** The files {@link #write} writes. */
  public static final List<String> FILES = List.of("schedules.csv", "meta-history.csv", "grid.csv", "schedules.png",
      "meta-loss.png");

  private static final String ROW = "%-28s %9s %10s %9s %9s";

  private ScheduleReport() {}

  /** The summary, one line per element (no trailing newlines). */
  public static List<String> summary(ScheduleExperiment.Report r) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, ROW, "schedule", "val loss", "test loss", "test acc", "time"));
    for (ScheduleExperiment.Result x : List.of(r.start(), r.constant(), r.learned())) {
      lines.add(String.format(Locale.ROOT, ROW, x.method(), number(x.validationLoss()), number(x.testLoss()),
          number(x.testAccuracy()), x == r.start() ? "-" : String.format(Locale.ROOT, "%.1f s", x.seconds())));
    }
    lines.add("  (validation loss: what the grid and the meta-loop minimised; the test part was held out from both)");
    lines.add("  start: " + r.start().detail());
    lines.add("  best constant: " + r.constant().detail());
    lines.add("  learned: " + r.learned().detail());
    lines.add(String.format(Locale.ROOT, "generalisation gap (test loss - validation loss): constant %+.4f, "
        + "learned %+.4f", r.constant().testLoss() - r.constant().validationLoss(),
        r.learned().testLoss() - r.learned().validationLoss()));
    ScheduleLearning.Outcome l = r.learning();
    if (l.learned()) {
      lines.add("");
      lines.add("learned schedule, every tenth step (layer 1 = input-hidden, " + r.groups() + " = hidden-output):");
      lines.addAll(scheduleTable(l.learningRate(), l.momentum()));
    }
    lines.add("stopped: " + l.stop());
    List<String> warnings = warnings(r);
    if (!warnings.isEmpty()) {
      lines.add("");
      lines.addAll(warnings);
    }
    return lines;
  }

  /** The warning lines, each starting with "warning: "; empty when all is well. */
  public static List<String> warnings(ScheduleExperiment.Report r) {
    List<String> lines = new ArrayList<>();
    ScheduleLearning.Outcome l = r.learning();
    List<ScheduleLearning.MetaStep> failed = l.history().stream()
        .filter(m -> m.status() != UnrolledResult.Status.OK).toList();
    if (!l.learned()) {
      lines.add("warning: nothing was learned: " + l.stop());
    } else if (!failed.isEmpty()) {
      ScheduleLearning.MetaStep first = failed.get(0);
      lines.add(String.format(Locale.ROOT, "warning: training failed at %d of %d meta-steps (the first, meta-step %d:"
          + " %s, %s); the loop backed off %d times, the meta learning rate ending at %.3g", failed.size(),
          l.history().size(), first.step(), first.status(), first.detail(), l.backoffs(),
          l.history().get(l.history().size() - 1).metaLearningRate()));
    }
    if (l.learned() && l.history().size() - 1 < r.settings().metaSteps()) {
      lines.add("warning: the meta-loop stopped early: " + l.stop());
    }
    if (Double.isNaN(r.constant().validationLoss())) {
      lines.add("warning: every grid point diverged: there is no best constant schedule");
    }
    ScheduleExperiment.Result c = r.constant();
    ScheduleExperiment.Result s = r.learned();
    if (s.validationLoss() < c.validationLoss() && s.testLoss() > c.testLoss()) {
      lines.add(String.format(Locale.ROOT, "warning: the learned schedule fits the validation set: its validation "
          + "loss is below the best constant's (%.4f < %.4f) but its test loss is above it (%.4f > %.4f)",
          s.validationLoss(), c.validationLoss(), s.testLoss(), c.testLoss()));
    }
    return lines;
  }

  /** α and γ per group at steps 0, 10, 20, … and the last. */
  static List<String> scheduleTable(Schedule alpha, Schedule gamma) {
    List<String> lines = new ArrayList<>();
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %5s", "step"));
    for (int k = 0; k < alpha.groups(); k++) {
      head.append(String.format(Locale.ROOT, " %9s", "alpha " + (k + 1)));
    }
    for (int k = 0; k < gamma.groups(); k++) {
      head.append(String.format(Locale.ROOT, " %9s", "gamma " + (k + 1)));
    }
    lines.add(head.toString());
    for (int t = 0; t < alpha.steps(); t += 10) {
      lines.add(scheduleRow(alpha, gamma, t));
      if (t + 10 >= alpha.steps() && t != alpha.steps() - 1) {
        lines.add(scheduleRow(alpha, gamma, alpha.steps() - 1));
      }
    }
    return lines;
  }

  private static String scheduleRow(Schedule alpha, Schedule gamma, int t) {
    StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %5d", t + 1));
    for (int k = 0; k < alpha.groups(); k++) {
      row.append(String.format(Locale.ROOT, " %9.4f", alpha.value(t, k)));
    }
    for (int k = 0; k < gamma.groups(); k++) {
      row.append(String.format(Locale.ROOT, " %9.4f", gamma.value(t, k)));
    }
    return row.toString();
  }

  private static String number(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
  }

  /**
   * Writes {@link #FILES} into {@code dir} (an existing folder): the learned schedules (one row
   * per step, steps from 1), the meta-loop's history (one row per meta-step), the grid (one row
   * per point), the schedules' figure (α_t and γ_t per layer against t, the start's and the best
   * constant's values dashed) and the meta-loss figure (validation loss against meta-step).
   *
   * @return the files written
   * @throws IOException if a file cannot be written
   */
  public static List<Path> write(ScheduleExperiment.Report r, Path dir) throws IOException {
    ScheduleLearning.Outcome l = r.learning();
    List<Path> files = new ArrayList<>();
    int groups = r.groups();
    StringBuilder header = new StringBuilder("step");
    for (String kind : List.of("alpha", "gamma")) {
      for (int k = 1; k <= groups; k++) {
        header.append(',').append(kind).append("_layer").append(k);
      }
    }
    List<String> rows = new ArrayList<>();
    if (l.learned()) {
      for (int t = 0; t < l.learningRate().steps(); t++) {
        StringBuilder row = new StringBuilder(Integer.toString(t + 1));
        for (Schedule s : List.of(l.learningRate(), l.momentum())) {
          for (int k = 0; k < groups; k++) {
            row.append(',').append(Plots.csv(s.value(t, k)));
          }
        }
        rows.add(row.toString());
      }
    }
    files.add(csv(dir, 0, header.toString(), rows));
    rows = new ArrayList<>();
    for (ScheduleLearning.MetaStep m : l.history()) {
      rows.add(m.step() + "," + m.status() + "," + Plots.csv(m.validationLoss()) + ","
          + Plots.csv(m.bestValidationLoss()) + "," + Plots.csv(m.gradientNorm()) + ","
          + Plots.csv(m.metaLearningRate()) + "," + Plots.csv(m.elapsedMillis() / 1e3) + ","
          + m.detail().replace(',', ';'));
    }
    files.add(csv(dir, 1, "meta_step,status,validation_loss,best_validation_loss,gradient_norm,meta_learning_rate,"
        + "elapsed_seconds,detail", rows));
    rows = new ArrayList<>();
    for (ConstantScheduleGrid.Point p : r.grid().points()) {
      rows.add(Plots.csv(p.alpha()) + "," + Plots.csv(p.gamma()) + "," + p.status() + ","
          + Plots.csv(p.validationLoss()));
    }
    files.add(csv(dir, 2, "alpha,gamma,status,validation_loss", rows));
    Path png = dir.resolve(FILES.get(3));
    Plots.writePng(schedulePanels(r), png);
    files.add(png);
    png = dir.resolve(FILES.get(4));
    Plots.writePng(List.of(metaLossPanel(r)), png);
    files.add(png);
    return files;
  }

  private static Path csv(Path dir, int file, String header, List<String> rows) throws IOException {
    Path path = dir.resolve(FILES.get(file));
    Plots.writeCsv(path, header, rows);
    return path;
  }

  /** α_t per layer and γ_t per layer against t, with the start and the best constant dashed. */
  static List<XYChart> schedulePanels(ScheduleExperiment.Report r) {
    ScheduleLearning.Outcome l = r.learning();
    ScheduleExperiment.Settings s = r.settings();
    int steps = s.trainSteps();
    XYChart alpha = Plots.chart("learning rate per layer", "training step t", "alpha_t");
    if (l.learned() && spread(l.learningRate()) > 20) {
      alpha.getStyler().setYAxisLogarithmic(true);
    }
    XYChart gamma = Plots.chart("momentum per layer", "training step t", "gamma_t");
    double[] t = new double[steps];
    for (int i = 0; i < steps; i++) {
      t[i] = i + 1;
    }
    if (l.learned()) {
      for (int k = 0; k < r.groups(); k++) {
        Plots.line(alpha, "learned, layer " + (k + 1), t, column(l.learningRate(), k), k, false);
        Plots.line(gamma, "learned, layer " + (k + 1), t, column(l.momentum(), k), k, false);
      }
    }
    Plots.reference(alpha, "start", 1, steps, s.startLearningRate(), 4);
    Plots.reference(gamma, "start", 1, steps, s.startMomentum(), 4);
    if (!Double.isNaN(r.grid().alpha())) {
      Plots.reference(alpha, "best constant", 1, steps, r.grid().alpha(), 3);
      Plots.reference(gamma, "best constant", 1, steps, r.grid().gamma(), 3);
    }
    return List.of(alpha, gamma);
  }

  /** The validation loss of every meta-step's schedule, with the start and the best constant dashed. */
  static XYChart metaLossPanel(ScheduleExperiment.Report r) {
    ScheduleLearning.Outcome l = r.learning();
    List<ScheduleLearning.MetaStep> ok = l.history().stream().filter(m -> m.status() == UnrolledResult.Status.OK)
        .toList();
    XYChart chart = Plots.chart("meta-loss: validation loss after " + r.settings().trainSteps() + " training steps",
        "meta-step", "validation loss");
    double last = Math.max(1, l.history().size() - 1);
    if (!ok.isEmpty()) {
      Plots.line(chart, "schedule at meta-step", ok.stream().mapToDouble(ScheduleLearning.MetaStep::step).toArray(),
          ok.stream().mapToDouble(ScheduleLearning.MetaStep::validationLoss).toArray(), 0, ok.size() < 60);
    }
    if (!Double.isNaN(r.constant().validationLoss())) {
      Plots.reference(chart, "best constant (grid)", 0, last, r.constant().validationLoss(), 3);
    }
    return chart;
  }

  /** The ratio of a schedule's largest value to its smallest. */
  private static double spread(Schedule s) {
    double[] v = s.values();
    return java.util.Arrays.stream(v).max().orElse(1) / java.util.Arrays.stream(v).min().orElse(1);
  }

  private static double[] column(Schedule s, int group) {
    double[] c = new double[s.steps()];
    for (int t = 0; t < c.length; t++) {
      c[t] = s.value(t, group);
    }
    return c;
  }
}
