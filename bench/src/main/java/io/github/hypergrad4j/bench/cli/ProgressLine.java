package io.github.hypergrad4j.bench.cli;

import io.github.hypergrad4j.bench.examples.TuningComparison;
import io.github.hypergrad4j.bilevel.ProgressEvent;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The live progress of {@code tune}: the untimed warm-up, each grid point, then a table with one
 * row per outer step. On a terminal each stage is one line rewritten in place with {@code \r}, so
 * every line stays within {@value #MAX_WIDTH} characters (an 80-column terminal would otherwise
 * wrap it and the rewrite would scroll); elsewhere (a log file, a pipe) the warm-up gets a line at
 * its start and end, and every grid point and step a line of its own.
 */
final class ProgressLine implements TuningComparison.Listener {

  /** The longest line drawn for any plausible value (up to 99999 steps and 10⁶ products). */
  static final int MAX_WIDTH = 79;

  private static final String WARMUP = "warm-up, untimed (--no-warmup skips it)";
  private static final String ROW = "%-11s %10s %12s  %-15s %-16s %9s";

  /** The header of the step table. */
  static final String STEP_HEADER = String.format(Locale.ROOT, ROW, "step", "val loss", "|dg/dlambda|",
      "inner its", "ihvp products", "time");

  private enum Stage { NONE, WARMUP, GRID, STEPS }

  private final PrintStream out;
  private final int steps;
  private final boolean inPlace;
  private Stage stage = Stage.NONE;
  private int width;

  /**
   * @param out where the progress goes
   * @param steps the outer step budget, shown as "step k/steps"
   * @param inPlace rewrite one line per stage (a terminal) instead of appending lines
   */
  ProgressLine(PrintStream out, int steps, boolean inPlace) {
    this.out = out;
    this.steps = steps;
    this.inPlace = inPlace;
  }

  @Override
  public void warmupStarted() {
    enter(Stage.WARMUP);
    show(WARMUP + " ...", true);
  }

  @Override
  public void warmupFinished(double seconds) {
    show(String.format(Locale.ROOT, "%s: done in %.1f s", WARMUP, seconds), true);
  }

  @Override
  public void gridPoint(TuningComparison.GridPoint p, boolean warmup) {
    if (warmup) {
      show(String.format(Locale.ROOT, "%s: grid %d/%d", WARMUP, p.index() + 1, p.points()), false);
      return;
    }
    enter(Stage.GRID);
    show(gridLine(p), true);
  }

  @Override
  public void outerStep(ProgressEvent e, boolean warmup) {
    if (warmup) {
      show(String.format(Locale.ROOT, "%s: step %d/%d", WARMUP, e.step() + 1, steps), false);
      return;
    }
    if (stage != Stage.STEPS) {
      enter(Stage.STEPS);
      out.println(STEP_HEADER);
    }
    show(stepLine(e, steps), true);
  }

  /** Ends the line being rewritten. */
  void finish() {
    if (inPlace && width > 0) {
      out.println();
    }
    width = 0;
  }

  /** A grid point: its penalty, its validation loss and the best so far. */
  static String gridLine(TuningComparison.GridPoint p) {
    return String.format(Locale.ROOT, "grid %d/%d  lambda %.2e  val loss %.4g  best %.4g  %.1f s", p.index() + 1,
        p.points(), p.lambda(), p.validationLoss(), p.bestValidationLoss(), p.elapsedMillis() / 1e3);
  }

  /**
   * A row of the step table: the validation loss, ‖dg/dλ‖, the inner solve's iterations and the
   * inverse-HVP solve's products, each followed by its status when it did not converge.
   */
  static String stepLine(ProgressEvent e, int steps) {
    String solve = e.solverStatus() == null ? "-"
        : e.hessianVectorProducts() + marker(e.solverStatus());
    return String.format(Locale.ROOT, ROW, (e.step() + 1) + "/" + steps, String.format(Locale.ROOT, "%.4g",
        e.outerValue()), String.format(Locale.ROOT, "%.3e", e.hypergradientNorm()),
        e.innerIterations() + marker(e.innerStatus()), solve, String.format(Locale.ROOT, "%.1f s",
        e.elapsedMillis() / 1e3));
  }

  /**
   * Nothing for a solve (inner or inverse-HVP) that converged, else its status in at most 9
   * characters after a space: " max-it", " diverged", " ls-failed" (the line search failed), "
   * neg-curv" (negative curvature), " breakdown".
   */
  static String marker(Enum<?> status) {
    String word = switch (status.name()) {
      case "CONVERGED" -> "";
      case "MAX_ITERATIONS" -> "max-it";
      case "LINE_SEARCH_FAILED" -> "ls-failed";
      case "NEGATIVE_CURVATURE" -> "neg-curv";
      default -> status.name().toLowerCase(Locale.ROOT).replace('_', '-');
    };
    return word.isEmpty() ? "" : " " + word.substring(0, Math.min(9, word.length()));
  }

  /** Ends the previous stage's line when a new stage begins. */
  private void enter(Stage next) {
    if (stage != next) {
      finish();
      stage = next;
    }
  }

  /**
   * Draws {@code line}: in place on a terminal; elsewhere appended, unless it is only a transient
   * state ({@code permanent} false: the warm-up's grid points and steps).
   */
  private void show(String line, boolean permanent) {
    if (inPlace) {
      out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
      width = line.length();
    } else if (permanent) {
      out.println(line);
    }
    out.flush();
  }
}
