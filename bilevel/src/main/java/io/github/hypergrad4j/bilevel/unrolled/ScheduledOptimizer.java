package io.github.hypergrad4j.bilevel.unrolled;

import io.github.hypergrad4j.linalg.Kernels;
import java.util.List;

/**
 * What every optimiser of this package shares: its name, the number of its state vectors, its
 * validated {@link ScheduleSet} and the accessors on it, and the default start s₀ = (θ₀, 0, …, 0).
 *
 * @param <O> the concrete optimiser, returned by {@link #withSchedule}
 */
abstract class ScheduledOptimizer<O extends UnrolledOptimizer> implements UnrolledOptimizer {

  final ScheduleSet schedules;
  private final String name;
  private final int stateVectors;

  ScheduledOptimizer(String name, int stateVectors, ScheduleSet schedules) {
    this.name = name;
    this.stateVectors = stateVectors;
    this.schedules = schedules;
  }

  /** The same optimiser on other (validated) schedules. */
  abstract O rebuild(ScheduleSet replaced);

  @Override
  public String name() {
    return name;
  }

  @Override
  public int stateVectors() {
    return stateVectors;
  }

  @Override
  public int steps() {
    return schedules.steps();
  }

  @Override
  public List<HyperparameterKind> scheduleKinds() {
    return schedules.kinds();
  }

  @Override
  public Schedule schedule(HyperparameterKind kind) {
    return schedules.get(kind);
  }

  @Override
  public O withSchedule(HyperparameterKind kind, Schedule schedule) {
    return rebuild(schedules.with(kind, schedule));
  }

  @Override
  public ParameterGroups groups() {
    return schedules.groups();
  }

  @Override
  public void start(double[] theta0, double[][] state) {
    schedules.checkDimension(theta0.length);
    Kernels.copy(theta0, state[0]);
    for (int j = 1; j < state.length; j++) {
      Kernels.fill(state[j], 0.0);
    }
  }

  /** Every schedule's values at step t, one per parameter: {@code [j][i]} (new arrays). */
  final double[][] values(int t, int d) {
    double[][] out = new double[schedules.kinds().size()][];
    for (int j = 0; j < out.length; j++) {
      out[j] = expand(j, t, d);
    }
    return out;
  }

  /** Schedule j's values at step t, one per parameter (a new array of length d). */
  final double[] expand(int j, int t, int d) {
    double[] out = new double[d];
    schedules.expand(j, t, out);
    return out;
  }

  /** Schedule j's tangent at step t, one per parameter, or null when it is zero. */
  final double[] expandTangent(int j, double[][] scheduleTangents, int d) {
    double[] out = new double[d];
    return schedules.expandTangent(j, scheduleTangents[j], out) ? out : null;
  }

  @Override
  public String toString() {
    return name() + " (" + steps() + " steps)";
  }
}
