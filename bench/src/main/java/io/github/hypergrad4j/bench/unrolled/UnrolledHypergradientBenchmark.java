package io.github.hypergrad4j.bench.unrolled;

import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.unrolled.UnrolledResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of one unrolled hypergradient against the number of training steps T (100, 1000) for
 * L2-regularised logistic regression with d = 10⁴ features and n = 1000 examples ({@link
 * SyntheticLogistic}, seed 5, full batch; X is 80 MB), momentum in Maclaurin's form: the training
 * run alone ({@link #trainingRun}, T gradients; {@link #trainingRunFixedPoint} the same in the
 * fixed point of exact reversal) and one hypergradient in each {@link UnrolledMode} — reverse mode
 * with the trajectory stored, checkpointed every ⌈√T⌉ steps, or reversed exactly, and forward
 * mode along two directions. The ratios mode/trainingRun are what issue 11 asks for (goals:
 * reverse ≤ 3, checkpointed ≤ 4.5). In gradients and HVPs (one HVP ≈ two gradients): reverse mode
 * costs T + 2 gradients and T HVPs (≈ 3×), checkpointing T − ⌈T/k⌉ gradients more (≈ 4×), exact
 * reversal T more (≈ 4×), forward mode 2T HVPs (≈ 5×).
 *
 * <p>Secondary metrics ({@link UnrolledCounters}): gradients, HVPs, the trajectory store's peak
 * doubles and the reversal buffer's peak bits, per hypergradient. Stored mode at T = 1000 holds
 * 2·10⁷ doubles (θ and v at every step, 160 MB): the forks get 2 GB of heap. One thread.
 * {@link UnrolledMemoryTable} prints the memory against T without the timings.
 *
 * <p>12 configurations, each one fork with 1 warm-up and 3 measured single calls ({@link
 * Mode#SingleShotTime}: a call takes seconds); see {@code bench --help} for the time it all takes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dhypergrad4j.linalg.threads=1", "-Xmx2g"})
public class UnrolledHypergradientBenchmark {

  /** The seed of the synthetic data. */
  static final long SEED = 5;

  /** T, the training steps. */
  @Param({"100", "1000"})
  public int steps;

  /** Features (= parameters = penalties). */
  @Param({"10000"})
  public int d;

  /** Training examples. */
  @Param({"1000"})
  public int n;

  private BilevelProblem problem;

  @Setup
  public void setUp() {
    problem = SyntheticLogistic.problem(d, n, SEED);
  }

  /** T momentum steps, gradients only: the yardstick. */
  @Benchmark
  public double[] trainingRun(UnrolledCounters counters) {
    return counters.recordTraining(UnrolledMode.trainingRun(problem, UnrolledMode.momentum(steps)), steps);
  }

  /** The same run in fixed point ({@code ExactReversibleMomentum}): what its arithmetic adds. */
  @Benchmark
  public double[] trainingRunFixedPoint(UnrolledCounters counters) {
    return counters.recordTraining(UnrolledMode.trainingRun(problem, UnrolledMode.exactlyReversible(steps)), steps);
  }

  @Benchmark
  public UnrolledResult reverseStored(UnrolledCounters counters) {
    return counters.record(UnrolledMode.STORED.run(problem, steps));
  }

  @Benchmark
  public UnrolledResult reverseCheckpointed(UnrolledCounters counters) {
    return counters.record(UnrolledMode.CHECKPOINTED.run(problem, steps));
  }

  @Benchmark
  public UnrolledResult reverseReversible(UnrolledCounters counters) {
    return counters.record(UnrolledMode.REVERSIBLE.run(problem, steps));
  }

  @Benchmark
  public UnrolledResult forwardTwoDirections(UnrolledCounters counters) {
    return counters.record(UnrolledMode.FORWARD.run(problem, steps));
  }
}
