package io.github.hypergrad4j.bilevel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The events of a run, in order, with a CSV form. */
public final class History {

  /** The CSV header written by {@link #writeCsv}. */
  public static final String CSV_HEADER = "step,outer_value,hypergradient_norm,inner_iterations,inner_status,"
      + "inner_gradient_norm,solver_status,solver_relative_residual,hessian_vector_products,elapsed_ms";

  private final List<ProgressEvent> events = new ArrayList<>();

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

  /** Writes a header line and one line per event. */
  public void writeCsv(Appendable out) {
    try {
      out.append(CSV_HEADER).append('\n');
      for (ProgressEvent e : events) {
        out.append(String.format(Locale.ROOT, "%d,%.17g,%.17g,%d,%s,%.6g,%s,%.6g,%d,%.3f\n",
            e.step(), e.outerValue(), e.hypergradientNorm(), e.innerIterations(), e.innerStatus(),
            e.innerGradientNorm(), e.solverStatus() == null ? "" : e.solverStatus(),
            e.solverRelativeResidual(), e.hessianVectorProducts(), e.elapsedMillis()));
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("writing the history as CSV failed", ex);
    }
  }
}
