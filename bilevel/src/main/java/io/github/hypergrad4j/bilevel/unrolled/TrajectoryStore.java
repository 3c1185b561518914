package io.github.hypergrad4j.bilevel.unrolled;

/**
 * How reverse mode has θ_t (and the optimiser's state) at hand in its backward pass. All three
 * give bit-identical hypergradients; they differ in memory and recomputation (per run of T steps
 * truncated to the last K, m state vectors of length d):
 *
 * <table>
 *   <caption>cost of the three stores</caption>
 *   <tr><th>store</th><th>doubles held</th><th>extra gradients</th></tr>
 *   <tr><td>{@link #stored()}</td><td>K·m·d</td><td>0</td></tr>
 *   <tr><td>{@link #checkpointed(int) checkpointed(k)}</td><td>(⌈K/k⌉ + k)·m·d</td>
 *       <td>≈ K − K/k</td></tr>
 *   <tr><td>{@link #reversible()}</td><td>m·d, plus ≈ log₂(1/γ) bits per parameter and step</td>
 *       <td>K</td></tr>
 * </table>
 *
 * The reversible store works only with {@link ExactReversibleMomentum}.
 */
public final class TrajectoryStore {

  private enum Kind { STORED, CHECKPOINTED, REVERSIBLE }

  private static final TrajectoryStore STORED = new TrajectoryStore(Kind.STORED, 0);
  private static final TrajectoryStore REVERSIBLE = new TrajectoryStore(Kind.REVERSIBLE, 0);

  private final Kind kind;
  private final int interval;

  private TrajectoryStore(Kind kind, int interval) {
    this.kind = kind;
    this.interval = interval;
  }

  /** (a) Store every state: O(K·d) memory, no recomputation. */
  public static TrajectoryStore stored() {
    return STORED;
  }

  /** (b) Checkpoint every ⌈√K⌉-th state and recompute the segments between them. */
  public static TrajectoryStore checkpointed() {
    return new TrajectoryStore(Kind.CHECKPOINTED, 0);
  }

  /** (b) Checkpoint every {@code interval}-th state and recompute the segments between them. */
  public static TrajectoryStore checkpointed(int interval) {
    if (interval < 1) {
      throw new IllegalArgumentException("TrajectoryStore: the checkpoint interval must be >= 1, got " + interval);
    }
    return new TrajectoryStore(Kind.CHECKPOINTED, interval);
  }

  /** (c) Exact reversal of {@link ExactReversibleMomentum}: O(d) memory plus an information buffer. */
  public static TrajectoryStore reversible() {
    return REVERSIBLE;
  }

  /** A short description for reports, e.g. {@code "checkpointed every 5"}. */
  public String description() {
    switch (kind) {
      case STORED:
        return "stored";
      case REVERSIBLE:
        return "reversed exactly";
      default:
        return interval == 0 ? "checkpointed every sqrt(K)" : "checkpointed every " + interval;
    }
  }

  /** Throws unless this store can serve {@code optimizer}. */
  void check(String owner, UnrolledOptimizer optimizer) {
    if (kind == Kind.REVERSIBLE && !(optimizer instanceof ExactReversibleMomentum)) {
      throw new IllegalArgumentException(owner + ": the reversible trajectory store needs an optimiser that runs"
          + " backwards exactly (ExactReversibleMomentum), got " + optimizer.name());
    }
  }

  /** The checkpoint interval used for a window of K steps. */
  int interval(int window) {
    return interval > 0 ? Math.min(interval, window) : (int) Math.ceil(Math.sqrt(window));
  }

  /** A trajectory for one run whose backward pass covers the last {@code window} steps. */
  Trajectory open(TrainingRun run, int steps, int window, int d) {
    switch (kind) {
      case STORED:
        return new StoredTrajectory(run.optimizer(), steps, window, d);
      case REVERSIBLE:
        return new ReversibleTrajectory(run, (ExactReversibleMomentum) run.optimizer());
      default:
        return new CheckpointedTrajectory(run, steps, window, interval(window), d);
    }
  }

  @Override
  public String toString() {
    return description();
  }
}
