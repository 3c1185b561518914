package io.github.hypergrad4j.bilevel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The events of a run, in order, with a CSV form. */
public final class History {

  /**
   * The CSV header written by {@link #writeCsv}. The {@code step} column counts from 1 ({@link
   * ProgressEvent#step()} + 1, as a progress line shows it); {@code reliable} is {@code true} or
   * {@code false}; {@code warning} is quoted (RFC 4180) and empty when all is well.
   */
  public static final String CSV_HEADER = "step,outer_value,hypergradient_norm,inner_iterations,inner_status,"
      + "inner_gradient_norm,solver_status,solver_relative_residual,hessian_vector_products,elapsed_ms,"
      + "damping,reliable,warning";

  private final List<ProgressEvent> events = new ArrayList<>();

  /** An empty history, filled by {@link HyperOptimizer}. */
  History() {}

  void add(ProgressEvent e) {
    events.add(e);
  }

  /** The events so far (an unmodifiable copy). */
  public List<ProgressEvent> events() {
    return List.copyOf(events);
  }

  /** Number of events. */
  public int size() {
    return events.size();
  }

  /**
   * Writes the header line and one line per event, steps numbered from 1. The header is {@link
   * #CSV_HEADER}, followed, for a run on a {@link ProblemBatch} of K members, by the columns
   * {@code outer_value_1} … {@code outer_value_K}: each member's outer value ({@link
   * ProgressEvent#memberOuterValues()}; {@code outer_value} is their mean, and the inner
   * iterations and products are summed over the members).
   *
   * @throws UncheckedIOException if {@code out} throws
   */
  public void writeCsv(Appendable out) {
    Check.notNull("History.writeCsv", "out", out);
    int members = 0;
    for (ProgressEvent e : events) {
      members = Math.max(members, e.memberOuterValues().length);
    }
    try {
      out.append(CSV_HEADER);
      for (int k = 1; k <= members; k++) {
        out.append(",outer_value_").append(Integer.toString(k));
      }
      out.append('\n');
      for (ProgressEvent e : events) {
        out.append(String.format(Locale.ROOT, "%d,%.17g,%.17g,%d,%s,%.6g,%s,%.6g,%d,%.3f,%.6g,%b,%s",
            e.step() + 1, e.outerValue(), e.hypergradientNorm(), e.innerIterations(), e.innerStatus(),
            e.innerGradientNorm(), e.solverStatus() == null ? "" : e.solverStatus(),
            e.solverRelativeResidual(), e.hessianVectorProducts(), e.elapsedMillis(), e.damping(), e.reliable(),
            quoted(e.warning())));
        double[] v = e.memberOuterValues();
        for (int k = 0; k < members; k++) {
          out.append(k < v.length ? String.format(Locale.ROOT, ",%.17g", v[k]) : ",");
        }
        out.append('\n');
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("History.writeCsv: writing the history as CSV failed", ex);
    }
  }

  /** "" for an empty text, else the text in double quotes with each quote doubled. */
  private static String quoted(String text) {
    return text == null || text.isEmpty() ? "" : '"' + text.replace("\"", "\"\"") + '"';
  }
}
