package io.github.hypergrad4j.bench.ihvp;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The accuracy of one solve against the known solution, and its cost, as JMH secondary metrics:
 * {@code relativeError} = ‖x − x*‖₂/‖x*‖₂ and {@code applications}, scaled as in {@link
 * SolveCounters} so that JMH's sum over the measurement iterations prints the value itself.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class AccuracyCounters {

  /** ‖x − x*‖₂ / ‖x*‖₂ of a solve (scaled). */
  public double relativeError;

  /** Products with A of a solve (scaled). */
  public double applications;

  private double share = 1;

  @Setup(Level.Trial)
  public void measurementIterations(BenchmarkParams params) {
    share = 1.0 / Math.max(1, params.getMeasurement().getCount());
  }

  @Setup(Level.Iteration)
  public void clear() {
    relativeError = 0;
    applications = 0;
  }

  void record(double error, long products) {
    relativeError = error * share;
    applications = products * share;
  }
}
