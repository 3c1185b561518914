package io.github.hypergrad4j.bench.stn;

import io.github.hypergrad4j.bilevel.StepRule;
import io.github.hypergrad4j.bilevel.stn.Activation;
import io.github.hypergrad4j.bilevel.stn.HyperMlp;
import io.github.hypergrad4j.bilevel.stn.HyperSchedule;
import io.github.hypergrad4j.bilevel.stn.Hyperparameter;
import io.github.hypergrad4j.bilevel.stn.HyperparameterSet;
import io.github.hypergrad4j.bilevel.stn.ScheduledTraining;
import io.github.hypergrad4j.bilevel.stn.StnData;
import io.github.hypergrad4j.bilevel.stn.StnOptions;
import io.github.hypergrad4j.bilevel.stn.StnResult;
import io.github.hypergrad4j.bilevel.stn.StnTrainer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Training throughput of a Self-Tuning Network against the plain MLP of the same widths: one
 * epoch over n = 2048 training examples in batches of 128 (16 training steps), on the shapes of
 * the README's experiments — {@code digits} (64-128-128-10) and {@code fashion} (784-256-256-10) —
 * with random inputs and labels (the cost does not depend on the values). Both train under the
 * same four hyperparameters (input dropout, dropout on both hidden layers, input noise), so the
 * masks and the noise are in both.
 *
 * <ul>
 *   <li>{@code stn}: one epoch of Algorithm 1 ({@link StnTrainer}, no warm-up): 8 cycles of 2
 *       training steps (the hypernetwork's forward and backward passes) and 1 validation step on a
 *       batch of 128.
 *   <li>{@code plain}: the same 16 training steps of the plain network ({@link ScheduledTraining}
 *       under fixed values).
 * </ul>
 *
 * Both also evaluate a 256-example validation set once or twice (the trainers' final passes), a
 * few per cent of the epoch. The {@code examples} rate is training examples per second; the
 * primary score is epochs per second. One thread ({@code -Dhypergrad4j.linalg.threads=1}).
 * Runs in about 1½ minutes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dhypergrad4j.linalg.threads=1"})
public class StnEpochBenchmark {

  /** Training examples per epoch. */
  static final int EXAMPLES = 2048;

  /** Training (and validation) batch size. */
  static final int BATCH = 128;

  /** The network's shape: {@code digits} (64-128-128-10) or {@code fashion} (784-256-256-10). */
  @Param({"digits", "fashion"})
  public String shape;

  private HyperMlp stn;
  private HyperparameterSet stnSet;
  private HyperMlp plain;
  private HyperparameterSet plainSet;
  private StnData train;
  private StnData validation;
  private StnOptions options;
  private StnOptions plainOptions;

  /** Training examples processed, reported by JMH as a rate per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Examples {
    /** Training examples of the calls so far in this iteration. */
    public long examples;

    /** Cleared before each iteration. */
    @Setup(Level.Iteration)
    public void clear() {
      examples = 0;
    }
  }

  /** Builds the networks and the random data. */
  @Setup
  public void setUp() {
    boolean digits = shape.equals("digits");
    int inputs = digits ? 64 : 784;
    int width = digits ? 128 : 256;
    stn = HyperMlp.builder(inputs, 4).hidden(width).hidden(width).activation(Activation.RELU).outputs(10);
    stnSet = HyperparameterSet.of(stn, Hyperparameter.inputDropout(0.05), Hyperparameter.dropout(1, 0.2),
        Hyperparameter.dropout(2, 0.2), Hyperparameter.inputNoise(0.05));
    plain = stn.plain();
    plainSet = HyperparameterSet.of(plain, stnSet.list());
    train = data(EXAMPLES, inputs, 1);
    validation = data(2 * BATCH, inputs, 2);
    int steps = EXAMPLES / BATCH;
    options = StnOptions.builder().warmupSteps(0).cycles(steps / 2).trainStepsPerCycle(2).hyperStepsPerCycle(1)
        .trainBatchSize(BATCH).validationBatchSize(BATCH).parameterStep(StepRule.adam(1e-3)).seed(3).build();
    plainOptions = StnOptions.builder().trainStepsPerCycle(steps).trainBatchSize(BATCH).validationBatchSize(BATCH)
        .parameterStep(StepRule.adam(1e-3)).seed(3).build();
  }

  private static StnData data(int n, int d, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextGaussian();
    }
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = random.nextInt(10);
    }
    return StnData.classification(x, d, y, 10);
  }

  /** One STN epoch: 16 training steps and 8 validation steps. */
  @Benchmark
  public StnResult stn(Examples counter) {
    StnResult r = new StnTrainer(stn, stnSet, options).run(train, validation);
    counter.examples += EXAMPLES;
    return r;
  }

  /** The plain network's 16 training steps under fixed values. */
  @Benchmark
  public StnResult plain(Examples counter) {
    StnResult r = new ScheduledTraining(plain, plainSet, plainOptions).run(train, validation,
        HyperSchedule.constant(0.05, 0.2, 0.2, 0.05), EXAMPLES / BATCH, null);
    counter.examples += EXAMPLES;
    return r;
  }
}
