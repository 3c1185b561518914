package io.github.hypergrad4j.bench.unrolled;

import io.github.hypergrad4j.bilevel.unrolled.UnrolledCost;
import io.github.hypergrad4j.bilevel.unrolled.UnrolledResult;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * What one timed hypergradient cost, from its {@link UnrolledCost}, reported by JMH as secondary
 * metrics: {@code gradients}, {@code hessianVectorProducts}, {@code peakStoredDoubles} (the
 * trajectory store's most doubles held) and {@code bufferBits} (the exact-reversal buffer's most
 * bits).
 *
 * <p>JMH sums an {@code EVENTS} counter over the measurement iterations. The runs are
 * deterministic, so every invocation costs the same; each iteration records value/(number of
 * measurement iterations), and the sum JMH prints is the value itself, whatever {@code -i} is.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class UnrolledCounters {

  /** Gradients of f or g (scaled, see the class comment). */
  public double gradients;

  /** Forward-over-reverse sweeps of f (scaled). */
  public double hessianVectorProducts;

  /** The most doubles the trajectory store held (scaled). */
  public double peakStoredDoubles;

  /** The most bits the exact-reversal buffer held (scaled). */
  public double bufferBits;

  private double share = 1;

  @Setup(Level.Trial)
  public void measurementIterations(BenchmarkParams params) {
    share = 1.0 / Math.max(1, params.getMeasurement().getCount());
  }

  @Setup(Level.Iteration)
  public void clear() {
    gradients = 0;
    hessianVectorProducts = 0;
    peakStoredDoubles = 0;
    bufferBits = 0;
  }

  /**
   * Records one hypergradient.
   *
   * @throws IllegalStateException if the run did not end OK (its time would not be a
   *     hypergradient's)
   */
  UnrolledResult record(UnrolledResult result) {
    if (!result.isOk()) {
      throw new IllegalStateException("UnrolledCounters: " + result);
    }
    UnrolledCost cost = result.cost();
    gradients = cost.gradients() * share;
    hessianVectorProducts = cost.hessianVectorProducts() * share;
    peakStoredDoubles = cost.peakStoredDoubles() * share;
    bufferBits = cost.informationBufferBits() * share;
    return result;
  }

  /** Records the training run alone: T gradients, nothing else. */
  double[] recordTraining(double[] theta, int steps) {
    gradients = steps * share;
    return theta;
  }
}
