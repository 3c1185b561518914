package io.github.hypergrad4j.bilevel.unrolled;

/**
 * How one run keeps what its backward pass needs: the state s_t before each of the last K steps,
 * handed back in decreasing t. Made by a {@link TrajectoryStore} for one {@link TrainingRun}.
 */
interface Trajectory {

  /** Sees s_t before step t (t = 0 … T − 1) of the forward run. */
  default void beforeStep(int t, double[][] state) {}

  /** Takes step t of the forward run in place; false on overflow. */
  default boolean step(UnrolledOptimizer optimizer, int t, double[][] state, double[] gradient) {
    return optimizer.step(t, state, gradient);
  }

  /** Sees s_T once the forward run is complete. */
  default void finish(double[][] state) {}

  /**
   * s_t, for t = T − 1, T − 2, …, T − K in that order. The arrays are read only and valid until
   * the next call.
   */
  double[][] stateBefore(int t);

  /** The most doubles held at once (states kept for the backward pass). */
  long peakDoubles();

  /** The most bits held in an information buffer (0 unless reversible). */
  default long bufferBits() {
    return 0;
  }
}
