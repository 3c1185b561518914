package io.github.hypergrad4j.bilevel.unrolled;

/**
 * Checkpointing: keeps every k-th state of the last K steps and recomputes the states in between
 * one segment at a time, as the backward pass reaches it (the two-level scheme of Griewank and
 * Walther, "Evaluating Derivatives", 2nd ed., SIAM 2008, ch. 12; their binomial "revolve"
 * schedule, ACM TOMS 26(1), 2000, would need fewer recomputations for a given memory).
 *
 * <p>Checkpoints are s_c for c = T − K, T − K + k, …; when the backward pass first asks for a
 * state of segment [c, c + k), the segment is recomputed from s_c with the same gradients and
 * steps as the forward run — so its states are bit-identical to the stored ones — and held until
 * the pass moves to the previous segment. Memory (⌈K/k⌉ + k)·m·d doubles, least at k ≈ √K (the
 * default); recomputation about K − K/k extra gradients in all.
 */
final class CheckpointedTrajectory implements Trajectory {

  private final TrainingRun run;
  private final UnrolledOptimizer optimizer;
  private final int first;
  private final int interval;
  private final int d;
  private final double[][][] checkpoints;
  private double[][][] segment;
  private int segmentStart = -1;

  CheckpointedTrajectory(TrainingRun run, int steps, int window, int interval, int d) {
    this.run = run;
    this.optimizer = run.optimizer();
    this.first = steps - window;
    this.interval = interval;
    this.d = d;
    this.checkpoints = new double[(window + interval - 1) / interval][][];
  }

  @Override
  public void beforeStep(int t, double[][] state) {
    if (t >= first && (t - first) % interval == 0) {
      double[][] copy = run.newState(d);
      StoredTrajectory.copy(state, copy);
      checkpoints[(t - first) / interval] = copy;
    }
  }

  @Override
  public double[][] stateBefore(int t) {
    int start = first + (t - first) / interval * interval;
    if (start != segmentStart) {
      if (segment == null) {
        segment = new double[interval][][];
        for (int j = 0; j < interval; j++) {
          segment[j] = run.newState(d);
        }
      }
      StoredTrajectory.copy(checkpoints[(start - first) / interval], segment[0]);
      for (int s = start; s < t; s++) {
        StoredTrajectory.copy(segment[s - start], segment[s - start + 1]);
        if (!run.advance(s, segment[s - start + 1])) {
          throw new IllegalStateException("CheckpointedTrajectory: recomputing step " + s
              + " overflowed, though the forward run did not");
        }
      }
      segmentStart = start;
    }
    return segment[t - start];
  }

  @Override
  public long peakDoubles() {
    return (long) (checkpoints.length + interval) * optimizer.stateVectors() * d;
  }
}
