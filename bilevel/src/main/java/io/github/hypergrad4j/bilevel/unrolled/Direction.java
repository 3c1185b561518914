package io.github.hypergrad4j.bilevel.unrolled;

import java.util.EnumMap;
import java.util.Map;

/**
 * A direction η̇ in hyperparameter space for forward mode: tangents of the schedules (per step
 * and group), of θ₀ and of λ, any of them absent (zero). The directional derivative along it is
 * dL/dη = Σ (∂L/∂hyperparameter)·(its tangent), what {@link ForwardModeHypergradient} computes
 * for each direction at the price of one sweep per step.
 *
 * <p>The usual directions are one scalar hyperparameter each: "the learning rate of layer k,
 * the same at every step" is {@link #scheduleGroup scheduleGroup(LEARNING_RATE, k)}, whose tangent
 * is 1 at every step for group k and 0 elsewhere.
 */
public final class Direction {

  /** The tangent of a schedule's value at (step, group). */
  @FunctionalInterface
  public interface ScheduleTangent {
    /** The tangent at step t, group k. */
    double at(int step, int group);
  }

  private final String name;
  private final Map<HyperparameterKind, ScheduleTangent> schedules;
  private final double[] initialTheta;
  private final double[] lambda;

  private Direction(Builder b) {
    this.name = b.name;
    this.schedules = new EnumMap<>(b.schedules);
    this.initialTheta = b.initialTheta;
    this.lambda = b.lambda;
  }

  /** A builder for a direction named {@code name}. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** One schedule value per group shared by all steps: tangent 1 at every step of group k. */
  public static Direction scheduleGroup(HyperparameterKind kind, int group) {
    return builder(kind + " of group " + group).schedule(kind, (t, k) -> k == group ? 1.0 : 0.0).build();
  }

  /** The schedule value at one step and group alone. */
  public static Direction scheduleEntry(HyperparameterKind kind, int step, int group) {
    return builder(kind + " at step " + step + ", group " + group)
        .schedule(kind, (t, k) -> t == step && k == group ? 1.0 : 0.0).build();
  }

  /** λ_j alone, of a λ of length {@code size}. */
  public static Direction lambda(int j, int size) {
    if (j < 0 || j >= size) {
      throw new IllegalArgumentException("Direction: lambda index " + j + " is outside 0.." + (size - 1));
    }
    double[] e = new double[size];
    e[j] = 1;
    return builder("lambda[" + j + "]").lambda(e).build();
  }

  /** The name for reports. */
  public String name() {
    return name;
  }

  /** Whether the direction moves the schedule of {@code kind}. */
  public boolean movesSchedule(HyperparameterKind kind) {
    return schedules.containsKey(kind);
  }

  /** The tangent of the schedule of {@code kind} at (t, k) (0 if the direction does not move it). */
  public double scheduleTangent(HyperparameterKind kind, int t, int k) {
    ScheduleTangent s = schedules.get(kind);
    return s == null ? 0.0 : s.at(t, k);
  }

  /** The tangent of θ₀ (a copy), or null for zero. */
  public double[] initialThetaTangent() {
    return initialTheta == null ? null : initialTheta.clone();
  }

  /** The tangent of λ (a copy), or null for zero. */
  public double[] lambdaTangent() {
    return lambda == null ? null : lambda.clone();
  }

  /** The kinds of schedules this direction moves. */
  java.util.Set<HyperparameterKind> scheduleKinds() {
    return schedules.keySet();
  }

  @Override
  public String toString() {
    return "Direction(" + name + ")";
  }

  /** Builds a {@link Direction}. */
  public static final class Builder {
    private final String name;
    private final Map<HyperparameterKind, ScheduleTangent> schedules = new EnumMap<>(HyperparameterKind.class);
    private double[] initialTheta;
    private double[] lambda;

    private Builder(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("Direction: the name is empty");
      }
      this.name = name;
    }

    /** The tangent of a schedule (a schedule kind only). */
    public Builder schedule(HyperparameterKind kind, ScheduleTangent tangent) {
      if (kind == null || !kind.isSchedule()) {
        throw new IllegalArgumentException("Direction: " + kind + " is not a schedule kind");
      }
      if (tangent == null) {
        throw new IllegalArgumentException("Direction: the tangent of " + kind + " is null");
      }
      schedules.put(kind, tangent);
      return this;
    }

    /** The tangent of a schedule given as values per step and group (of the schedule's shape). */
    public Builder schedule(HyperparameterKind kind, Schedule tangent) {
      if (tangent == null) {
        throw new IllegalArgumentException("Direction: the tangent of " + kind + " is null");
      }
      return schedule(kind, (t, k) -> tangent.value(t, tangent.groups() == 1 ? 0 : k));
    }

    /** The tangent of θ₀ (copied). */
    public Builder initialTheta(double[] tangent) {
      this.initialTheta = finite("initialTheta", tangent);
      return this;
    }

    /** The tangent of λ (copied). */
    public Builder lambda(double[] tangent) {
      this.lambda = finite("lambda", tangent);
      return this;
    }

    /** The direction. */
    public Direction build() {
      return new Direction(this);
    }

    private static double[] finite(String what, double[] v) {
      if (v == null) {
        throw new IllegalArgumentException("Direction: the " + what + " tangent is null");
      }
      for (int i = 0; i < v.length; i++) {
        if (!Double.isFinite(v[i])) {
          throw new IllegalArgumentException("Direction: the " + what + " tangent[" + i + "] is " + v[i]);
        }
      }
      return v.clone();
    }
  }
}
