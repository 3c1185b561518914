package io.github.hypergrad4j.bench.stn;

import io.github.hypergrad4j.bilevel.StepRule;
import io.github.hypergrad4j.bilevel.stn.Activation;
import io.github.hypergrad4j.bilevel.stn.StnOptions;
import java.util.Arrays;
import java.util.Locale;

/**
 * Every setting of a {@link StnTuning} experiment. The network is an MLP with the given hidden
 * widths; the hyperparameters are input dropout, dropout on the input of every hidden layer after
 * the first (one rate per layer) and Gaussian input noise. Every run — the Self-Tuning Network,
 * each grid point, each random draw, the two replays — trains φ for the same {@link
 * #trainingSteps()} = warmupSteps + cycles·trainStepsPerCycle steps of Adam on batches of {@code
 * batchSize}, from the same seed.
 *
 * <p>Defaults ({@link #defaults()}, sized for the digits: well under a minute in all): hidden 128,
 * 128, ReLU; 150 warm-up steps, then 675 cycles of 2 training and 1 validation step (1500 training
 * steps per run); batches of 128, validation batches of 128; Adam 10⁻³ on φ and 3·10⁻² on the
 * hyperparameters' free variables and log σ; entropy weight τ = 10⁻³, σ₀ = 0.5; starting values
 * input dropout 0.05, dropout 0.2, input noise 0.05; a grid of input dropout {0.05, 0.2} × dropout
 * (one rate for all hidden layers) {0.2, 0.5} × noise {0.05, 0.3} (8 points), and as many random
 * draws from the box those values span; seed 7; an untimed warm-up of the JVM first. {@link
 * #fashionMnist()} changes the widths to 256, 256, the run to 200 warm-up steps and 900 cycles
 * (2000 steps) and the hyperparameters' learning rate to 3·10⁻³.
 *
 * <p>How the values were chosen: the grid, the starting values, τ, σ₀, T_train, T_val and φ's
 * optimiser before any run (common dropout rates; the library's defaults); the widths and the
 * number of steps to fit the time budget; the hyperparameters' learning rate, alone, as the one
 * with the lowest final validation loss of the STN among 0.003, 0.01, 0.03 and 0.1 ({@code
 * StnExperiment --sweep}), per data set. The test set chose nothing.
 *
 * @param hidden the hidden layers' widths (at least one, each ≥ 1)
 * @param activation the hidden layers' activation
 * @param warmupSteps the Self-Tuning Network's training steps before λ moves (≥ 0)
 * @param cycles its cycles of Algorithm 1 (≥ 1)
 * @param trainStepsPerCycle T_train ≥ 1
 * @param hyperStepsPerCycle T_val ≥ 1
 * @param batchSize training batch size ≥ 1
 * @param validationBatchSize validation batch size ≥ 1 (the STN's validation steps)
 * @param learningRate Adam's learning rate on φ (&gt; 0), for every run
 * @param hyperLearningRate Adam's learning rate on the free variables and log σ (&gt; 0)
 * @param entropyWeight τ ≥ 0
 * @param initialSigma σ₀ &gt; 0 on every free variable
 * @param initialInputDropout the STN's starting input dropout rate, in (0, 1)
 * @param initialDropout its starting rate for every hidden layer, in (0, 1)
 * @param initialNoise its starting input-noise scale, &gt; 0
 * @param gridInputDropout the grid's input dropout rates, each in (0, 1)
 * @param gridDropout the grid's hidden dropout rates (one rate for all hidden layers), in (0, 1)
 * @param gridNoise the grid's noise scales, each &gt; 0
 * @param seed the seed of φ₀, batches, masks, noise, perturbations and the random draws
 * @param jitWarmup run every kind of training briefly, untimed, before the timed runs
 */
public record StnTuningOptions(int[] hidden, Activation activation, int warmupSteps, int cycles,
    int trainStepsPerCycle, int hyperStepsPerCycle, int batchSize, int validationBatchSize, double learningRate,
    double hyperLearningRate, double entropyWeight, double initialSigma, double initialInputDropout,
    double initialDropout, double initialNoise, double[] gridInputDropout, double[] gridDropout, double[] gridNoise,
    long seed, boolean jitWarmup) {

  private static final String ME = "StnTuningOptions";

  /** Checks every value; copies the arrays. */
  public StnTuningOptions {
    if (hidden == null || hidden.length == 0) {
      throw new IllegalArgumentException(ME + ": hidden must hold at least one width, got "
          + (hidden == null ? "null" : "none"));
    }
    hidden = hidden.clone();
    for (int w : hidden) {
      atLeast("hidden width", w, 1);
    }
    if (activation == null) {
      throw new IllegalArgumentException(ME + ": activation must be given, got null");
    }
    atLeast("warmupSteps", warmupSteps, 0);
    atLeast("cycles", cycles, 1);
    atLeast("trainStepsPerCycle", trainStepsPerCycle, 1);
    atLeast("hyperStepsPerCycle", hyperStepsPerCycle, 1);
    atLeast("batchSize", batchSize, 1);
    atLeast("validationBatchSize", validationBatchSize, 1);
    if ((long) warmupSteps + (long) cycles * trainStepsPerCycle > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(ME + ": warmupSteps + cycles * trainStepsPerCycle must fit an int, got "
          + warmupSteps + " + " + cycles + " * " + trainStepsPerCycle);
    }
    positive("learningRate", learningRate);
    positive("hyperLearningRate", hyperLearningRate);
    if (!(entropyWeight >= 0) || Double.isInfinite(entropyWeight)) {
      throw new IllegalArgumentException(ME + ": entropyWeight must be >= 0 and finite, got " + entropyWeight);
    }
    positive("initialSigma", initialSigma);
    rate("initialInputDropout", initialInputDropout);
    rate("initialDropout", initialDropout);
    positive("initialNoise", initialNoise);
    gridInputDropout = grid("gridInputDropout", gridInputDropout, true);
    gridDropout = grid("gridDropout", gridDropout, true);
    gridNoise = grid("gridNoise", gridNoise, false);
  }

  /** The defaults (see the class comment), sized for the digits. */
  public static StnTuningOptions defaults() {
    return new StnTuningOptions(new int[] {128, 128}, Activation.RELU, 150, 675, 2, 1, 128, 128, 1e-3, 3e-2, 1e-3,
        0.5, 0.05, 0.2, 0.05, new double[] {0.05, 0.2}, new double[] {0.2, 0.5}, new double[] {0.05, 0.3}, 7, true);
  }

  /**
   * The settings of the Fashion-MNIST experiment: the defaults with hidden widths 256, 256, 200
   * warm-up steps and 900 cycles (2000 training steps), and 3·10⁻³ on the hyperparameters.
   */
  public static StnTuningOptions fashionMnist() {
    return defaults().withHidden(256, 256).withSchedule(200, 900, 2, 1).withRates(1e-3, 3e-3, 1e-3);
  }

  /** Training steps on φ of every run: warmupSteps + cycles · trainStepsPerCycle. */
  public int trainingSteps() {
    return warmupSteps + cycles * trainStepsPerCycle;
  }

  /** The grid's number of points (the product of the three lists' lengths), and of random draws. */
  public int gridSize() {
    return gridInputDropout.length * gridDropout.length * gridNoise.length;
  }

  /** The Self-Tuning Network's options. */
  public StnOptions stnOptions() {
    return StnOptions.builder().warmupSteps(warmupSteps).cycles(cycles).trainStepsPerCycle(trainStepsPerCycle)
        .hyperStepsPerCycle(hyperStepsPerCycle).trainBatchSize(batchSize).validationBatchSize(validationBatchSize)
        .parameterStep(StepRule.adam(learningRate)).hyperStep(StepRule.adam(hyperLearningRate))
        .entropyWeight(entropyWeight).initialSigma(initialSigma).seed(seed).build();
  }

  /**
   * The options of a run under fixed or scheduled values: the same φ optimiser, batch size and
   * seed; one event (with the loss of one validation batch) every 1 % of the steps.
   */
  StnOptions fixedOptions() {
    return StnOptions.builder().trainStepsPerCycle(Math.max(1, trainingSteps() / 100)).trainBatchSize(batchSize)
        .validationBatchSize(validationBatchSize).parameterStep(StepRule.adam(learningRate)).seed(seed).build();
  }

  /** These options with other hidden widths. */
  public StnTuningOptions withHidden(int... widths) {
    return new StnTuningOptions(widths, activation, warmupSteps, cycles, trainStepsPerCycle, hyperStepsPerCycle,
        batchSize, validationBatchSize, learningRate, hyperLearningRate, entropyWeight, initialSigma,
        initialInputDropout, initialDropout, initialNoise, gridInputDropout, gridDropout, gridNoise, seed, jitWarmup);
  }

  /** These options with another length of run. */
  public StnTuningOptions withSchedule(int warmup, int cycleCount, int trainSteps, int hyperSteps) {
    return new StnTuningOptions(hidden, activation, warmup, cycleCount, trainSteps, hyperSteps, batchSize,
        validationBatchSize, learningRate, hyperLearningRate, entropyWeight, initialSigma, initialInputDropout,
        initialDropout, initialNoise, gridInputDropout, gridDropout, gridNoise, seed, jitWarmup);
  }

  /** These options with other batch sizes. */
  public StnTuningOptions withBatchSizes(int train, int validation) {
    return new StnTuningOptions(hidden, activation, warmupSteps, cycles, trainStepsPerCycle, hyperStepsPerCycle,
        train, validation, learningRate, hyperLearningRate, entropyWeight, initialSigma, initialInputDropout,
        initialDropout, initialNoise, gridInputDropout, gridDropout, gridNoise, seed, jitWarmup);
  }

  /** These options with other learning rates (φ; hyperparameters and log σ) and τ. */
  public StnTuningOptions withRates(double phi, double hyper, double tau) {
    return new StnTuningOptions(hidden, activation, warmupSteps, cycles, trainStepsPerCycle, hyperStepsPerCycle,
        batchSize, validationBatchSize, phi, hyper, tau, initialSigma, initialInputDropout, initialDropout,
        initialNoise, gridInputDropout, gridDropout, gridNoise, seed, jitWarmup);
  }

  /** These options with another grid (and so another number of random draws). */
  public StnTuningOptions withGrid(double[] inputDropout, double[] dropout, double[] noise) {
    return new StnTuningOptions(hidden, activation, warmupSteps, cycles, trainStepsPerCycle, hyperStepsPerCycle,
        batchSize, validationBatchSize, learningRate, hyperLearningRate, entropyWeight, initialSigma,
        initialInputDropout, initialDropout, initialNoise, inputDropout, dropout, noise, seed, jitWarmup);
  }

  /** These options with another seed and JVM warm-up choice. */
  public StnTuningOptions withSeed(long newSeed, boolean warmJvm) {
    return new StnTuningOptions(hidden, activation, warmupSteps, cycles, trainStepsPerCycle, hyperStepsPerCycle,
        batchSize, validationBatchSize, learningRate, hyperLearningRate, entropyWeight, initialSigma,
        initialInputDropout, initialDropout, initialNoise, gridInputDropout, gridDropout, gridNoise, newSeed, warmJvm);
  }

  @Override
  public int[] hidden() {
    return hidden.clone();
  }

  @Override
  public double[] gridInputDropout() {
    return gridInputDropout.clone();
  }

  @Override
  public double[] gridDropout() {
    return gridDropout.clone();
  }

  @Override
  public double[] gridNoise() {
    return gridNoise.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StnTuningOptions other && toString().equals(other.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  /** Every setting on one line. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "hidden %s %s; %d warm-up steps + %d cycles of %d train + %d validation steps "
        + "(%d training steps per run); batches %d/%d; adam(%s) on phi, adam(%s) on lambda; tau %s, sigma0 %s; start "
        + "input dropout %s, dropout %s, noise %s; grid input dropout %s x dropout %s x noise %s; seed %d%s",
        Arrays.toString(hidden), activation.name().toLowerCase(Locale.ROOT), warmupSteps, cycles, trainStepsPerCycle,
        hyperStepsPerCycle, trainingSteps(), batchSize, validationBatchSize, learningRate, hyperLearningRate,
        entropyWeight, initialSigma, initialInputDropout, initialDropout, initialNoise,
        Arrays.toString(gridInputDropout), Arrays.toString(gridDropout), Arrays.toString(gridNoise), seed,
        jitWarmup ? "" : "; no JVM warm-up");
  }

  private static void atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(ME + ": " + name + " must be >= " + min + ", got " + value);
    }
  }

  private static void positive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(ME + ": " + name + " must be > 0 and finite, got " + value);
    }
  }

  private static void rate(String name, double value) {
    if (!(value > 0 && value < 1)) {
      throw new IllegalArgumentException(ME + ": " + name + " must be in (0, 1), got " + value);
    }
  }

  private static double[] grid(String name, double[] values, boolean rates) {
    if (values == null || values.length == 0) {
      throw new IllegalArgumentException(ME + ": " + name + " must hold at least one value, got "
          + (values == null ? "null" : "none"));
    }
    for (double v : values) {
      if (rates) {
        rate(name + " value", v);
      } else {
        positive(name + " value", v);
      }
    }
    return values.clone();
  }
}
