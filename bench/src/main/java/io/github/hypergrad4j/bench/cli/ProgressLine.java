package io.github.hypergrad4j.bench.cli;

import io.github.hypergrad4j.bilevel.ProgressEvent;
import io.github.hypergrad4j.bilevel.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The live progress of a tuning run: one line per outer step, rewritten in place on a terminal
 * and appended elsewhere (a log file, a pipe).
 */
final class ProgressLine implements ProgressListener {

  private final PrintStream out;
  private final int steps;
  private final boolean inPlace;
  private int width;

  ProgressLine(PrintStream out, int steps, boolean inPlace) {
    this.out = out;
    this.steps = steps;
    this.inPlace = inPlace;
  }

  @Override
  public void onStep(ProgressEvent e) {
    String line = String.format(Locale.ROOT,
        "step %d/%d  validation loss %.5f  |dg/dlambda| %.3e  inner %d it %s  solver %s (%d products)  %.1f s",
        e.step() + 1, steps, e.outerValue(), e.hypergradientNorm(), e.innerIterations(),
        e.innerStatus().name().toLowerCase(Locale.ROOT),
        e.solverStatus() == null ? "-" : e.solverStatus().name().toLowerCase(Locale.ROOT),
        e.hessianVectorProducts(), e.elapsedMillis() / 1e3);
    if (inPlace) {
      out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
      width = line.length();
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** Ends the line being rewritten. */
  void finish() {
    if (inPlace && width > 0) {
      out.println();
    }
  }
}
