package io.github.hypergrad4j.bilevel.stn;

import java.util.Arrays;

/**
 * Hyperparameter values as a function of the training step: constant, or piecewise constant as
 * a Self-Tuning Network moved them ({@link StnHistory#schedule()}), to be replayed on a plain
 * network. Steps count from 1 (the first training step on φ).
 */
public final class HyperSchedule {

  private final long[] from;
  private final double[][] values;

  private HyperSchedule(long[] from, double[][] values) {
    this.from = from;
    this.values = values;
  }

  /**
   * The same values at every step.
   *
   * @throws IllegalArgumentException if {@code values} is null, empty or not finite
   */
  public static HyperSchedule constant(double... values) {
    Check.notNull("HyperSchedule", "values", values);
    Check.atLeast("HyperSchedule", "number of values", values.length, 1);
    return new HyperSchedule(new long[] {1}, new double[][] {Check.finite("HyperSchedule", "values", values.clone(),
        values.length)});
  }

  /**
   * values[k] from step from[k] on, until the next start; {@code from} must begin at 1 and
   * increase.
   *
   * @throws IllegalArgumentException if the starts do not begin at 1 and increase, or the rows
   *     differ in length or hold a value that is not finite
   */
  public static HyperSchedule piecewise(long[] from, double[][] values) {
    Check.notNull("HyperSchedule", "from", from);
    Check.notNull("HyperSchedule", "values", values);
    if (from.length == 0 || from.length != values.length || from[0] != 1) {
      throw new IllegalArgumentException("HyperSchedule: needs starts beginning at step 1, one per row of values; got "
          + from.length + " starts (first " + (from.length == 0 ? "none" : from[0]) + ") and " + values.length + " rows");
    }
    double[][] copy = new double[values.length][];
    for (int k = 0; k < from.length; k++) {
      if (k > 0 && from[k] <= from[k - 1]) {
        throw new IllegalArgumentException("HyperSchedule: starts must increase, got " + from[k - 1] + " then " + from[k]);
      }
      Check.notNull("HyperSchedule", "values[" + k + "]", values[k]);
      copy[k] = Check.finite("HyperSchedule", "values[" + k + "]", values[k].clone(), values[0].length);
    }
    return new HyperSchedule(from.clone(), copy);
  }

  /** Number of hyperparameters. */
  public int size() {
    return values[0].length;
  }

  /** The values at training step t ≥ 1 (a copy). */
  public double[] at(long step) {
    if (step < 1) {
      throw new IllegalArgumentException("HyperSchedule: steps count from 1, got " + step);
    }
    int k = Arrays.binarySearch(from, step);
    return values[k >= 0 ? k : -k - 2].clone();
  }

  /** Number of pieces. */
  public int pieces() {
    return from.length;
  }
}
