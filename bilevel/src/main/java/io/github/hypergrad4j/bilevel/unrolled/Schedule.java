package io.github.hypergrad4j.bilevel.unrolled;

import java.util.Arrays;

/**
 * One value per training step and parameter group: a learning-rate, momentum or β schedule of an
 * {@link UnrolledOptimizer}. A schedule with one group applies to every parameter; one with G &gt;
 * 1 groups pairs with {@link ParameterGroups} of G groups (for example one learning rate per
 * layer). Values are held step-major: value(t, k) is element t·G + k of {@link #values()}, the
 * same layout as the hypergradient of a schedule in {@link UnrolledResult#gradient}.
 *
 * <p>Immutable. Values must be finite; the range a kind needs (α ≥ 0, γ in [0, 1), …) is checked
 * by the optimiser that uses the schedule.
 */
public final class Schedule {

  private final int steps;
  private final int groups;
  private final double[] values;

  private Schedule(int steps, int groups, double[] values) {
    if (steps < 1) {
      throw new IllegalArgumentException("Schedule: steps must be >= 1, got " + steps);
    }
    if (groups < 1) {
      throw new IllegalArgumentException("Schedule: groups must be >= 1, got " + groups);
    }
    if (values == null || values.length != (long) steps * groups) {
      throw new IllegalArgumentException("Schedule: " + steps + " steps x " + groups + " groups need "
          + (long) steps * groups + " values, got " + (values == null ? "null" : values.length));
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException("Schedule: the value at step " + i / groups + ", group "
            + i % groups + " is " + values[i] + ", not finite");
      }
    }
    this.steps = steps;
    this.groups = groups;
    this.values = values;
  }

  /** The same value at every step, one group. */
  public static Schedule constant(int steps, double value) {
    if (steps < 1) {
      throw new IllegalArgumentException("Schedule: steps must be >= 1, got " + steps);
    }
    double[] v = new double[steps];
    Arrays.fill(v, value);
    return new Schedule(steps, 1, v);
  }

  /** One value per step (the array's length is the number of steps), one group. */
  public static Schedule perStep(double... values) {
    return new Schedule(values == null ? 0 : values.length, 1, values == null ? null : values.clone());
  }

  /** One value per group, the same at every step. */
  public static Schedule perGroup(int steps, double... valuesPerGroup) {
    if (steps < 1) {
      throw new IllegalArgumentException("Schedule: steps must be >= 1, got " + steps);
    }
    if (valuesPerGroup == null || valuesPerGroup.length == 0) {
      throw new IllegalArgumentException("Schedule: perGroup needs at least one value");
    }
    int g = valuesPerGroup.length;
    double[] v = new double[steps * g];
    for (int t = 0; t < steps; t++) {
      System.arraycopy(valuesPerGroup, 0, v, t * g, g);
    }
    return new Schedule(steps, g, v);
  }

  /** A schedule from its step-major values (value(t, k) = {@code values[t·groups + k]}; copied). */
  public static Schedule of(int steps, int groups, double[] values) {
    return new Schedule(steps, groups, values == null ? null : values.clone());
  }

  /** The number of steps T. */
  public int steps() {
    return steps;
  }

  /** The number of groups G (1: the value applies to every parameter). */
  public int groups() {
    return groups;
  }

  /** The value at step t for group k. */
  public double value(int t, int k) {
    if (t < 0 || t >= steps || k < 0 || k >= groups) {
      throw new IllegalArgumentException("Schedule: (step " + t + ", group " + k + ") is outside "
          + steps + " steps x " + groups + " groups");
    }
    return values[t * groups + k];
  }

  /** A copy of the values, step-major. */
  public double[] values() {
    return values.clone();
  }

  /** This schedule with {@code delta} added to the value at step t, group k. */
  public Schedule plus(int t, int k, double delta) {
    value(t, k); // range check
    double[] v = values.clone();
    v[t * groups + k] += delta;
    return new Schedule(steps, groups, v);
  }

  /**
   * This schedule plus {@code scale·direction} (step-major, of this schedule's size): an outer
   * step on the schedule, or a point of a finite difference.
   */
  public Schedule plus(double scale, double[] direction) {
    if (direction == null || direction.length != values.length) {
      throw new IllegalArgumentException("Schedule: the direction must have " + values.length + " values, got "
          + (direction == null ? "null" : direction.length));
    }
    double[] v = values.clone();
    for (int i = 0; i < v.length; i++) {
      v[i] += scale * direction[i];
    }
    return new Schedule(steps, groups, v);
  }

  /** Read-only access for the package (no copy). */
  double at(int index) {
    return values[index];
  }

  /** The values array itself, for the package's read-only use. */
  double[] valuesView() {
    return values;
  }

  @Override
  public String toString() {
    return "Schedule(" + steps + " steps x " + groups + " groups)";
  }
}
