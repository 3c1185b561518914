package io.github.hypergrad4j.bilevel.stn;

import io.github.hypergrad4j.bilevel.StepRule;

/**
 * The settings of a {@link StnTrainer} run: the schedule of Algorithm 1 (warm-up, cycles of
 * T_train training steps and T_val validation steps), batch sizes, the two optimisers, the
 * entropy weight τ, the initial perturbation scale σ₀ and the seed. Immutable; made by {@link
 * #builder()}.
 *
 * <p>Defaults: 100 warm-up steps, 200 cycles of T_train = 2 and T_val = 1, batches of 128 (the
 * whole set when smaller), Adam with learning rate 10⁻³ on φ and 3·10⁻³ on (u, log σ), τ = 10⁻³,
 * σ₀ = 0.5 on every free variable, σ learned, seed 0.
 */
public final class StnOptions {

  private final int warmupSteps;
  private final int cycles;
  private final int trainStepsPerCycle;
  private final int hyperStepsPerCycle;
  private final int trainBatchSize;
  private final int validationBatchSize;
  private final StepRule parameterStep;
  private final StepRule hyperStep;
  private final double entropyWeight;
  private final double initialSigma;
  private final boolean learnSigma;
  private final long seed;

  private StnOptions(Builder b) {
    warmupSteps = b.warmupSteps;
    cycles = b.cycles;
    trainStepsPerCycle = b.trainStepsPerCycle;
    hyperStepsPerCycle = b.hyperStepsPerCycle;
    trainBatchSize = b.trainBatchSize;
    validationBatchSize = b.validationBatchSize;
    parameterStep = b.parameterStep;
    hyperStep = b.hyperStep;
    entropyWeight = b.entropyWeight;
    initialSigma = b.initialSigma;
    learnSigma = b.learnSigma;
    seed = b.seed;
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Training steps on φ before λ first moves (λ fixed at its initial value, perturbed). */
  public int warmupSteps() {
    return warmupSteps;
  }

  /** Cycles after the warm-up, each T_train training steps then T_val validation steps. */
  public int cycles() {
    return cycles;
  }

  /** T_train. */
  public int trainStepsPerCycle() {
    return trainStepsPerCycle;
  }

  /** T_val. */
  public int hyperStepsPerCycle() {
    return hyperStepsPerCycle;
  }

  /** Training batch size. */
  public int trainBatchSize() {
    return trainBatchSize;
  }

  /** Validation batch size (0: the whole validation set every step). */
  public int validationBatchSize() {
    return validationBatchSize;
  }

  /** The optimiser of φ. */
  public StepRule parameterStep() {
    return parameterStep;
  }

  /** The optimiser of (u, log σ). */
  public StepRule hyperStep() {
    return hyperStep;
  }

  /** τ, the weight of the perturbation's entropy in the validation objective. */
  public double entropyWeight() {
    return entropyWeight;
  }

  /** σ₀ of every continuous hyperparameter's free variable. */
  public double initialSigma() {
    return initialSigma;
  }

  /** Whether σ is stepped with u (false: it stays σ₀). */
  public boolean learnSigma() {
    return learnSigma;
  }

  /** The seed of every random choice: initial φ, batches, perturbations, masks, noise, cutouts. */
  public long seed() {
    return seed;
  }

  @Override
  public String toString() {
    return "warm-up " + warmupSteps + ", " + cycles + " cycles of " + trainStepsPerCycle + " train + "
        + hyperStepsPerCycle + " validation steps, batches " + trainBatchSize + "/"
        + (validationBatchSize == 0 ? "all" : validationBatchSize) + ", phi " + parameterStep.name() + ", lambda "
        + hyperStep.name() + ", tau " + entropyWeight + ", sigma0 " + initialSigma + (learnSigma ? "" : " (fixed)")
        + ", seed " + seed;
  }

  /** Sets the options; every setter checks its value. */
  public static final class Builder {
    private int warmupSteps = 100;
    private int cycles = 200;
    private int trainStepsPerCycle = 2;
    private int hyperStepsPerCycle = 1;
    private int trainBatchSize = 128;
    private int validationBatchSize = 128;
    private StepRule parameterStep = StepRule.adam(1e-3);
    private StepRule hyperStep = StepRule.adam(3e-3);
    private double entropyWeight = 1e-3;
    private double initialSigma = 0.5;
    private boolean learnSigma = true;
    private long seed;

    private Builder() {}

    /** Warm-up training steps, ≥ 0. */
    public Builder warmupSteps(int steps) {
      warmupSteps = Check.atLeast("StnOptions", "warmupSteps", steps, 0);
      return this;
    }

    /** Cycles, ≥ 0 (0: only the warm-up, λ never moves). */
    public Builder cycles(int count) {
      cycles = Check.atLeast("StnOptions", "cycles", count, 0);
      return this;
    }

    /** T_train ≥ 1. */
    public Builder trainStepsPerCycle(int steps) {
      trainStepsPerCycle = Check.atLeast("StnOptions", "trainStepsPerCycle", steps, 1);
      return this;
    }

    /** T_val ≥ 1. */
    public Builder hyperStepsPerCycle(int steps) {
      hyperStepsPerCycle = Check.atLeast("StnOptions", "hyperStepsPerCycle", steps, 1);
      return this;
    }

    /** Training batch size ≥ 1 (the whole set when it is larger). */
    public Builder trainBatchSize(int size) {
      trainBatchSize = Check.atLeast("StnOptions", "trainBatchSize", size, 1);
      return this;
    }

    /** Validation batch size ≥ 0 (0 or larger than the set: the whole set). */
    public Builder validationBatchSize(int size) {
      validationBatchSize = Check.atLeast("StnOptions", "validationBatchSize", size, 0);
      return this;
    }

    /** The optimiser of φ. */
    public Builder parameterStep(StepRule rule) {
      parameterStep = Check.notNull("StnOptions", "parameterStep", rule);
      return this;
    }

    /** The optimiser of (u, log σ). */
    public Builder hyperStep(StepRule rule) {
      hyperStep = Check.notNull("StnOptions", "hyperStep", rule);
      return this;
    }

    /** τ ≥ 0. */
    public Builder entropyWeight(double tau) {
      entropyWeight = Check.nonNegative("StnOptions", "entropyWeight", tau);
      return this;
    }

    /** σ₀ &gt; 0. */
    public Builder initialSigma(double sigma) {
      initialSigma = Check.positive("StnOptions", "initialSigma", sigma);
      return this;
    }

    /** Whether σ is learned (default true). */
    public Builder learnSigma(boolean learn) {
      learnSigma = learn;
      return this;
    }

    /** The seed. */
    public Builder seed(long s) {
      seed = s;
      return this;
    }

    /** The options. */
    public StnOptions build() {
      return new StnOptions(this);
    }
  }
}
