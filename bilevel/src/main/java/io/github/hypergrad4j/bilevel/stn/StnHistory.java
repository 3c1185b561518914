package io.github.hypergrad4j.bilevel.stn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The events of a run, in order, with a CSV form and the hyperparameter schedule they trace. */
public final class StnHistory {

  private final List<String> names;
  private final double[] initialValues;
  private final List<StnEvent> events = new ArrayList<>();

  /** An empty history of the named hyperparameters starting from {@code initialValues}. */
  StnHistory(List<String> names, double[] initialValues) {
    this.names = List.copyOf(names);
    this.initialValues = initialValues.clone();
  }

  /** Records an event, then hands it to the listener (if any). */
  void add(StnEvent e, StnListener listener) {
    events.add(e);
    if (listener != null) {
      listener.onEvent(e);
    }
  }

  /** The hyperparameters' names, the order of every λ and σ. */
  public List<String> names() {
    return names;
  }

  /** The values λ started from (a copy). */
  public double[] initialValues() {
    return initialValues.clone();
  }

  /** The events so far (an unmodifiable copy). */
  public List<StnEvent> events() {
    return List.copyOf(events);
  }

  /** Number of events. */
  public int size() {
    return events.size();
  }

  /**
   * The CSV header: {@code step,phase,epoch,train_loss,validation_loss}, one column per
   * hyperparameter (its name), one {@code sigma_<name>} per hyperparameter, {@code elapsed_ms}.
   */
  public String csvHeader() {
    StringBuilder s = new StringBuilder("step,phase,epoch,train_loss,validation_loss");
    for (String n : names) {
      s.append(',').append(n);
    }
    for (String n : names) {
      s.append(",sigma_").append(n);
    }
    return s.append(",elapsed_ms").toString();
  }

  /**
   * Writes {@link #csvHeader()} and one line per event: the step (training steps done), the
   * phase ({@code warmup} or {@code tuning}), then the numbers with 17 significant digits (so a
   * rerun with the same seed can be compared bit for bit), the time last, in milliseconds.
   *
   * @throws UncheckedIOException if {@code out} throws
   */
  public void writeCsv(Appendable out) {
    Check.notNull("StnHistory.writeCsv", "out", out);
    try {
      out.append(csvHeader()).append('\n');
      for (StnEvent e : events) {
        out.append(String.format(Locale.ROOT, "%d,%s,%.17g,%.17g,%.17g", e.step(),
            e.phase().name().toLowerCase(Locale.ROOT), e.epoch(), e.trainLoss(), e.validationLoss()));
        for (double v : e.lambda()) {
          out.append(String.format(Locale.ROOT, ",%.17g", v));
        }
        for (double v : e.sigma()) {
          out.append(String.format(Locale.ROOT, ",%.17g", v));
        }
        out.append(String.format(Locale.ROOT, ",%.3f\n", e.elapsedMillis()));
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("StnHistory.writeCsv: writing the history as CSV failed", ex);
    }
  }

  /**
   * The hyperparameter values against the training step: the initial values up to the first
   * event's step, then each event's λ from the step after it (the event reports λ after its
   * validation steps, which governs the training steps that follow), until the next change.
   */
  public HyperSchedule schedule() {
    List<Long> from = new ArrayList<>(List.of(1L));
    List<double[]> values = new ArrayList<>();
    values.add(initialValues);
    for (StnEvent e : events) {
      double[] v = e.lambda();
      if (!Arrays.equals(v, values.get(values.size() - 1))) {
        from.add(e.step() + 1);
        values.add(v);
      }
    }
    long[] starts = new long[from.size()];
    for (int k = 0; k < starts.length; k++) {
      starts[k] = from.get(k);
    }
    return HyperSchedule.piecewise(starts, values.toArray(new double[0][]));
  }
}
