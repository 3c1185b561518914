package io.github.hypergrad4j.bilevel.stn;

import io.github.hypergrad4j.bilevel.StepRule;
import java.util.SplittableRandom;

/**
 * Trains a Self-Tuning Network: φ (the network and its best-response hypernetwork) and the
 * hyperparameters (u, log σ) together, in one run (Algorithm 1 of MacKay et al. 2019):
 *
 * <pre>
 *   warm-up: W steps  φ ← φ − step(∇_φ f)           λ fixed at λ₀ (perturbed by σ₀)
 *   repeat C cycles:
 *     T_train steps   φ ← φ − step(∇_φ f)           training batch, λ_i = u + σ ⊙ ε_i, regularisers on
 *     T_val steps     (u, s) ← (u, s) − step(∇ J)   validation batch, no regularisers, λ only through ŵ_φ
 * </pre>
 *
 * with f the training loss of {@link TrainStep} and J = E_ε[L_val(ŵ_φ(u + σ ⊙ ε))] − τ·H(σ) of
 * {@link HyperStep} (s = log σ; discrete hyperparameters by REINFORCE). Each optimiser keeps its
 * own state across the run (Adam by default, see {@link StnOptions}).
 *
 * <p><b>Reports.</b> After every warm-up block of T_train steps and every cycle, a {@link
 * StnEvent} goes to the listener and into the {@link StnHistory} (losses, every λ and σ, time);
 * the history writes CSV and gives the hyperparameter schedule. The whole validation set is
 * evaluated at the end of the warm-up and at the end ({@link Evaluation}).
 *
 * <p><b>Stopping.</b> After the warm-up and C cycles; earlier, with {@link
 * StnResult.StopReason#NON_FINITE}, when a loss or gradient is NaN or infinite (the state is then
 * the one before that step, and the message names the step and the value).
 *
 * <p><b>Determinism.</b> Every random choice (initial φ, batches, ε, masks, noise, cutouts,
 * Binomial draws) comes from streams split off one {@link SplittableRandom} seeded with {@link
 * StnOptions#seed()}, in a fixed order: the same seed gives the same history, bit for bit (the
 * times aside).
 *
 * <p><b>Cost</b> per cycle: T_train forward and backward passes on training batches, T_val on
 * validation batches (one more forward pass each with a discrete hyperparameter); each pass about
 * twice a plain network's (see {@link HyperLinear}).
 */
public final class StnTrainer {

  private final HyperMlp model;
  private final HyperparameterSet set;
  private final StnOptions options;

  /**
   * A trainer of {@code model} tuning {@code hyperparameters} with {@code options}.
   *
   * @throws IllegalArgumentException if an argument is null, or the network is plain (it must
   *     respond to the hyperparameters; {@link HyperparameterSet#of} has checked the count)
   */
  public StnTrainer(HyperMlp model, HyperparameterSet hyperparameters, StnOptions options) {
    this.model = Check.notNull("StnTrainer", "model", model);
    this.set = Check.notNull("StnTrainer", "hyperparameters", hyperparameters);
    this.options = Check.notNull("StnTrainer", "options", options);
    if (model.hyperInputs() != hyperparameters.size()) {
      throw new IllegalArgumentException("StnTrainer: the network responds to " + model.hyperInputs()
          + " hyperparameters but " + hyperparameters.size() + " are declared; build it with HyperMlp.builder(inputs, "
          + hyperparameters.size() + ")");
    }
  }

  /** {@link #run(StnData, StnData, StnListener)} without a listener. */
  public StnResult run(StnData train, StnData validation) {
    return run(train, validation, null);
  }

  /**
   * Runs Algorithm 1 (see the class comment).
   *
   * @param listener receives every event (may be null)
   * @throws IllegalArgumentException if the data do not fit the network
   */
  public StnResult run(StnData train, StnData validation, StnListener listener) {
    Fit.check("StnTrainer", model, train, "training data");
    Fit.check("StnTrainer", model, validation, "validation data");
    return new Run(train, validation, listener).execute();
  }

  /** The state of one run. */
  private final class Run {
    private final StnListener listener;
    private final TrainStep trainStep;
    private final HyperStep hyperStep;
    private final BatchStream trainBatches;
    private final BatchStream validationBatches;
    private final SplittableRandom trainRandom;
    private final SplittableRandom validationRandom;
    private final StnData validation;
    private final double[] phi;
    private final double[] free;
    private final double[] logSigma;
    private final StepRule.Stepper phiStepper;
    private final StepRule.Stepper hyperStepper;
    private final StnHistory history;
    private final long start = System.nanoTime();
    private long step;
    private String failure;

    Run(StnData train, StnData validation, StnListener listener) {
      this.listener = listener;
      this.validation = validation;
      SplittableRandom root = new SplittableRandom(options.seed());
      phi = model.initialParameters(root.nextLong());
      trainBatches = new BatchStream(train.size(), options.trainBatchSize(), root.split());
      validationBatches = new BatchStream(validation.size(), options.validationBatchSize(), root.split());
      trainRandom = root.split();
      validationRandom = root.split();
      trainStep = new TrainStep(model, set, train);
      hyperStep = new HyperStep(model, set, validation);
      free = set.initialFree();
      logSigma = new double[set.size()];
      double[] mask = set.continuousMask();
      for (int j = 0; j < logSigma.length; j++) {
        logSigma[j] = mask[j] * Math.log(options.initialSigma());
      }
      phiStepper = options.parameterStep().start(phi.length);
      hyperStepper = options.hyperStep().start(2 * set.size());
      history = new StnHistory(set.names(), set.values(free));
    }

    StnResult execute() {
      Evaluation afterWarmup = null;
      for (int done = 0; done < options.warmupSteps() && failure == null; ) {
        int block = Math.min(options.trainStepsPerCycle(), options.warmupSteps() - done);
        double trainLoss = train(block);
        done += block;
        if (failure == null) {
          HyperStep.Result probe = hyperStep.run(phi, free, logSigma, options.entropyWeight(),
              validationBatches.next(), validationRandom);
          emit(StnEvent.Phase.WARMUP, trainLoss, probe.loss());
        }
      }
      if (failure == null) {
        afterWarmup = Evaluation.of(model, set, phi, free, validation);
      }
      for (int c = 0; c < options.cycles() && failure == null; c++) {
        double trainLoss = train(options.trainStepsPerCycle());
        double validationLoss = failure == null ? tune(options.hyperStepsPerCycle()) : Double.NaN;
        if (failure == null) {
          emit(StnEvent.Phase.TUNING, trainLoss, validationLoss);
        }
      }
      Evaluation last = Evaluation.of(model, set, phi, free, validation);
      boolean ok = failure == null;
      String message = ok ? "completed " + step + " training steps (" + options.warmupSteps() + " warm-up, "
          + options.cycles() + " cycles)" : failure;
      return new StnResult(phi, free, sigma(), set.values(free), history,
          ok ? StnResult.StopReason.COMPLETED : StnResult.StopReason.NON_FINITE, message, afterWarmup, last);
    }

    /** {@code steps} training steps on φ; their mean loss. */
    private double train(int steps) {
      double total = 0;
      for (int t = 0; t < steps; t++) {
        TrainStep.Result r = trainStep.run(phi, free, sigma(), trainBatches.next(), trainRandom);
        failure = Check.nonFinite("training step " + (step + 1), r.loss(), r.gradient());
        if (failure != null) {
          return Double.NaN;
        }
        phiStepper.step(phi, r.gradient());
        step++;
        total += r.loss();
      }
      return total / steps;
    }

    /** {@code steps} validation steps on (u, log σ); their mean loss. */
    private double tune(int steps) {
      double total = 0;
      int h = set.size();
      for (int t = 0; t < steps; t++) {
        HyperStep.Result r = hyperStep.run(phi, free, logSigma, options.entropyWeight(), validationBatches.next(),
            validationRandom);
        double[] x = new double[2 * h];
        double[] g = new double[2 * h];
        System.arraycopy(free, 0, x, 0, h);
        System.arraycopy(logSigma, 0, x, h, h);
        System.arraycopy(r.freeGradient(), 0, g, 0, h);
        if (options.learnSigma()) {
          System.arraycopy(r.logSigmaGradient(), 0, g, h, h);
        }
        failure = Check.nonFinite("validation step after training step " + step, r.loss(), g);
        if (failure != null) {
          return Double.NaN;
        }
        hyperStepper.step(x, g);
        System.arraycopy(x, 0, free, 0, h);
        System.arraycopy(x, h, logSigma, 0, h);
        total += r.loss();
      }
      return total / steps;
    }

    private void emit(StnEvent.Phase phase, double trainLoss, double validationLoss) {
      StnEvent e = new StnEvent(history.size(), phase, step, trainBatches.epochs(), trainLoss, validationLoss,
          set.values(free), sigma(), (System.nanoTime() - start) / 1e6);
      history.add(e, listener);
    }

    /** σ = exp(s) for the continuous hyperparameters, 0 for the discrete ones. */
    private double[] sigma() {
      double[] mask = set.continuousMask();
      double[] s = new double[logSigma.length];
      for (int j = 0; j < s.length; j++) {
        s[j] = mask[j] * Math.exp(logSigma[j]);
      }
      return s;
    }
  }
}
