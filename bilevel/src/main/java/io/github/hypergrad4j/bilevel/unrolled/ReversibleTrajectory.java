package io.github.hypergrad4j.bilevel.unrolled;

/**
 * Exact reversal: keeps only s_T and the information buffer of an {@link
 * ExactReversibleMomentum} run, and undoes one step per request of the backward pass (one
 * gradient each), rebuilding every θ_t and v_t bit for bit. Memory m·d doubles plus the buffer's
 * bits, whatever T.
 */
final class ReversibleTrajectory implements Trajectory {

  private final TrainingRun run;
  private final ExactReversibleMomentum optimizer;
  private final InformationBuffer buffer = new InformationBuffer();
  private double[][] state;
  private int next;

  ReversibleTrajectory(TrainingRun run, ExactReversibleMomentum optimizer) {
    this.run = run;
    this.optimizer = optimizer;
  }

  @Override
  public boolean step(UnrolledOptimizer ignored, int t, double[][] state, double[] gradient) {
    return optimizer.step(t, state, gradient, buffer);
  }

  @Override
  public void finish(double[][] finalState) {
    state = run.newState(finalState[0].length);
    StoredTrajectory.copy(finalState, state);
    next = optimizer.steps();
  }

  @Override
  public double[][] stateBefore(int t) {
    if (t != next - 1) {
      throw new IllegalStateException("ReversibleTrajectory: asked for step " + t + " after step " + next);
    }
    optimizer.undoPosition(t, state);
    double[] gradient = run.gradient(t, state[0]).gradient();
    optimizer.undoVelocity(t, state, gradient, buffer);
    next = t;
    return state;
  }

  @Override
  public long peakDoubles() {
    return state == null ? 0 : (long) state.length * state[0].length;
  }

  @Override
  public long bufferBits() {
    return buffer.peakBits();
  }
}
