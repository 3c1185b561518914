package io.github.hypergrad4j.bench.schedules;

import io.github.hypergrad4j.bilevel.unrolled.UnrolledResult;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The live progress of {@code tune --method unrolled}: each grid point, then a table with one row
 * per meta-step (or, for the gap experiment, per T). On a terminal each stage is one line
 * rewritten in place with {@code \r}, so that every line stays within {@value #MAX_WIDTH}
 * characters; elsewhere (a log, a pipe) every point and row is a line of its own.
 */
public final class UnrolledProgress implements ScheduleExperiment.Listener, GapExperiment.Listener {

  /** The longest line drawn for any plausible value. */
  public static final int MAX_WIDTH = 79;

  private static final String META_ROW = "%-11s %10s %10s %11s %9s %9s";

  /** The header of the meta-step table. */
  public static final String META_HEADER = String.format(Locale.ROOT, META_ROW, "meta-step", "val loss", "best",
      "|dL/dx|", "meta-lr", "time");

  private static final String GAP_ROW = "%-7s %14s %12s %12s %9s";

  /** The header of the gap table. */
  public static final String GAP_HEADER = String.format(Locale.ROOT, GAP_ROW, "T", "|h_T-h*|/|h*|", "val loss",
      "|grad f|", "time");

  private final PrintStream out;
  private final boolean inPlace;
  private String header;
  private int width;

  /**
   * @param out where the progress goes
   * @param inPlace rewrite one line per stage (a terminal) instead of appending lines
   */
  public UnrolledProgress(PrintStream out, boolean inPlace) {
    this.out = out;
    this.inPlace = inPlace;
  }

  @Override
  public void gridPoint(ConstantScheduleGrid.Point p) {
    show(gridLine(p), null);
  }

  @Override
  public void metaStep(ScheduleLearning.MetaStep m) {
    show(metaLine(m), META_HEADER);
  }

  @Override
  public void row(GapExperiment.Row row) {
    show(gapLine(row), GAP_HEADER);
  }

  /** Ends the line being rewritten. */
  public void finish() {
    if (inPlace && width > 0) {
      out.println();
    }
    width = 0;
  }

  /** A grid point: (α, γ), its validation loss (or how its run failed) and the best so far. */
  static String gridLine(ConstantScheduleGrid.Point p) {
    return String.format(Locale.ROOT, "grid %d/%d  alpha %.2e gamma %.2f %s best %s %.1f s", p.index() + 1,
        p.points(), p.alpha(), p.gamma(), p.status() == UnrolledResult.Status.OK
            ? "loss " + loss(p.validationLoss()) : status(p.status()), loss(p.bestValidationLoss()),
        p.elapsedMillis() / 1e3);
  }

  /** A row of the meta-step table; a failed run shows its status and the back-off. */
  static String metaLine(ScheduleLearning.MetaStep m) {
    boolean ok = m.status() == UnrolledResult.Status.OK;
    return String.format(Locale.ROOT, META_ROW, m.step() + "/" + m.steps(), ok ? loss(m.validationLoss())
        : status(m.status()), loss(m.bestValidationLoss()), ok ? String.format(Locale.ROOT, "%.3e", m.gradientNorm())
        : "back-off", String.format(Locale.ROOT, "%.3g", m.metaLearningRate()),
        String.format(Locale.ROOT, "%.1f s", m.elapsedMillis() / 1e3));
  }

  /** A row of the gap table. */
  static String gapLine(GapExperiment.Row r) {
    boolean ok = r.status() == UnrolledResult.Status.OK;
    return String.format(Locale.ROOT, GAP_ROW, r.steps(), ok ? String.format(Locale.ROOT, "%.3e", r.gap())
        : status(r.status()), ok ? String.format(Locale.ROOT, "%.6g", r.validationLoss()) : "-",
        ok ? String.format(Locale.ROOT, "%.3e", r.gradientNorm()) : "-",
        String.format(Locale.ROOT, "%.2f s", r.seconds()));
  }

  private static String status(UnrolledResult.Status s) {
    return s.name().toLowerCase(Locale.ROOT).replace('_', '-').substring(0, Math.min(10, s.name().length()));
  }

  private static String loss(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4g", v);
  }

  /** Draws {@code line}, after {@code tableHeader} when it starts a new table (null: no table). */
  private void show(String line, String tableHeader) {
    if (tableHeader != null && !tableHeader.equals(header)) {
      finish();
      out.println(tableHeader);
    }
    header = tableHeader;
    if (inPlace) {
      out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
      width = line.length();
    } else {
      out.println(line);
    }
    out.flush();
  }
}
