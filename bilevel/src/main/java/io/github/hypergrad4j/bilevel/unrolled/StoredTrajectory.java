package io.github.hypergrad4j.bilevel.unrolled;

import io.github.hypergrad4j.linalg.Kernels;

/**
 * Keeps a copy of every state the backward pass will need: s_t for the last K steps. Memory
 * K·m·d doubles (m state vectors of length d); no recomputation.
 */
final class StoredTrajectory implements Trajectory {

  private final UnrolledOptimizer optimizer;
  private final int first;
  private final int d;
  private final double[][][] states;

  StoredTrajectory(UnrolledOptimizer optimizer, int steps, int window, int d) {
    this.optimizer = optimizer;
    this.first = steps - window;
    this.d = d;
    this.states = new double[window][optimizer.stateVectors()][d];
  }

  @Override
  public void beforeStep(int t, double[][] state) {
    if (t >= first) {
      copy(state, states[t - first]);
    }
  }

  @Override
  public double[][] stateBefore(int t) {
    return states[t - first];
  }

  @Override
  public long peakDoubles() {
    return (long) states.length * optimizer.stateVectors() * d;
  }

  static void copy(double[][] from, double[][] to) {
    for (int j = 0; j < from.length; j++) {
      Kernels.copy(from[j], to[j]);
    }
  }
}
