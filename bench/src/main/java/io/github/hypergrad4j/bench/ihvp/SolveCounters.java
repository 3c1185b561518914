package io.github.hypergrad4j.bench.ihvp;

import io.github.hypergrad4j.ihvp.IhvpResult;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * What one timed solve cost and reached, reported by JMH as secondary metrics: {@code
 * applications} (the solve's reported products with A) and {@code relativeResidual} (its true
 * ‖b − Ax‖/‖b‖).
 *
 * <p>JMH sums an {@code EVENTS} counter over the measurement iterations. The solves are
 * deterministic, so every invocation produces the same values; each iteration therefore records
 * value/(number of measurement iterations), and the sum JMH prints is the value itself, whatever
 * {@code -i} is.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class SolveCounters {

  /** Products with A of a solve (scaled, see the class comment). */
  public double applications;

  /** ‖b − Ax‖₂/‖b‖₂ of a solve (scaled, see the class comment). */
  public double relativeResidual;

  private double share = 1;

  @Setup(Level.Trial)
  public void measurementIterations(BenchmarkParams params) {
    share = 1.0 / Math.max(1, params.getMeasurement().getCount());
  }

  @Setup(Level.Iteration)
  public void clear() {
    applications = 0;
    relativeResidual = 0;
  }

  /** Records one solve. */
  IhvpResult record(IhvpResult result) {
    applications = result.operatorApplications() * share;
    relativeResidual = result.relativeResidual() * share;
    return result;
  }
}
