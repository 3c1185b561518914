package io.github.hypergrad4j.bench.penalties;

import io.github.hypergrad4j.bench.schedules.Plots;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;

/**
 * The files of the million-penalty experiment: the per-step history as CSV, the grid baseline as
 * CSV, and the history plot (validation and test loss against the outer step, the grid's best
 * global penalty as dashed lines, the step of the lowest validation loss marked).
 */
public final class PenaltyReport {

  /** The columns of the history CSV. */
  public static final String HISTORY_HEADER = "step,inner_iterations,inner_status,inner_gradient_norm,cg_status,"
      + "cg_iterations,cg_relative_residual,hvps,warm_started,stepped,hypergradient_norm,validation_loss,test_loss,"
      + "validation_accuracy,test_accuracy,mean_log_penalty,sd_log_penalty,inner_seconds,hypergradient_seconds,"
      + "elapsed_seconds";

  /** The columns of the grid CSV. */
  public static final String GRID_HEADER = "penalty,iterations,status,gradient_norm,validation_loss,test_loss,"
      + "validation_accuracy,test_accuracy,seconds,best";

  private PenaltyReport() {}

  /** Writes one line per outer step. */
  public static void writeHistory(PenaltyTuning.Result run, Path csv) throws IOException {
    List<String> rows = new ArrayList<>();
    for (PenaltyTuning.Step s : run.steps()) {
      rows.add(String.join(",", Integer.toString(s.step()), Integer.toString(s.innerIterations()),
          s.innerStatus().name(), Plots.csv(s.innerGradientNorm()), s.cgStatus().name(),
          Integer.toString(s.cgIterations()), Plots.csv(s.relativeResidual()), Long.toString(s.products()),
          Boolean.toString(s.warmStarted()), Boolean.toString(s.stepped()), Plots.csv(s.hypergradientNorm()),
          Plots.csv(s.validationLoss()), Plots.csv(s.testLoss()), Plots.csv(s.validationAccuracy()),
          Plots.csv(s.testAccuracy()), Plots.csv(s.meanLogPenalty()), Plots.csv(s.sdLogPenalty()),
          Plots.csv(s.innerSeconds()), Plots.csv(s.hypergradientSeconds()), Plots.csv(s.elapsedSeconds())));
    }
    Plots.writeCsv(csv, HISTORY_HEADER, rows);
  }

  /** Writes one line per trained grid value. */
  public static void writeGrid(GlobalPenaltyGrid.Result grid, Path csv) throws IOException {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < grid.points().size(); i++) {
      GlobalPenaltyGrid.Point p = grid.points().get(i);
      rows.add(String.join(",", Plots.csv(p.penalty()), Integer.toString(p.iterations()), p.status().name(),
          Plots.csv(p.gradientNorm()), Plots.csv(p.validationLoss()), Plots.csv(p.testLoss()),
          Plots.csv(p.validationAccuracy()), Plots.csv(p.testAccuracy()), Plots.csv(p.seconds()),
          Boolean.toString(i == grid.best())));
    }
    Plots.writeCsv(csv, GRID_HEADER, rows);
  }

  /**
   * Writes the history plot: validation and test loss of the per-weight run against the outer
   * step, the grid's best global penalty (chosen on validation) as dashed lines of the same
   * colours, and a marker at the step of the lowest validation loss.
   */
  public static void writePlot(PenaltyTuning.Result run, GlobalPenaltyGrid.Result grid, String title, Path png)
      throws IOException {
    List<PenaltyTuning.Step> steps = run.steps();
    double[] x = new double[steps.size()];
    double[] validation = new double[x.length];
    double[] test = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = steps.get(i).step();
      validation[i] = steps.get(i).validationLoss();
      test[i] = steps.get(i).testLoss();
    }
    XYChart chart = Plots.chart(title, "outer step", "cross-entropy");
    Plots.line(chart, "validation", x, validation, 0, true);
    Plots.line(chart, "test", x, test, 1, true);
    double x1 = Math.max(x[x.length - 1], 2);
    if (grid != null) {
      GlobalPenaltyGrid.Point best = grid.bestPoint();
      String c = String.format(Locale.ROOT, "%.0e", best.penalty());
      Plots.reference(chart, "val, global " + c, 1, x1, best.validationLoss(), 0);
      Plots.reference(chart, "test, global " + c, 1, x1, best.testLoss(), 1);
    }
    int b = run.bestStep();
    Plots.line(chart, "lowest val", new double[] {x[b]}, new double[] {validation[b]}, 2, true);
    chart.getStyler().setXAxisDecimalPattern("0").setYAxisDecimalPattern("0.00");
    Plots.writePng(List.of(chart), png);
  }
}
