package io.github.hypergrad4j.bilevel.stn;

import io.github.hypergrad4j.bilevel.StepRule;
import java.util.SplittableRandom;

/**
 * Trains a network — usually the plain one, {@link HyperMlp#plain()} — under hyperparameters that
 * do not learn: constant, or following a {@link HyperSchedule} such as the one a Self-Tuning
 * Network traced ({@link StnHistory#schedule()}). This is the baseline a tuned run is compared
 * with: the final values fixed from the start, or the schedule replayed.
 *
 * <pre>
 *   for t = 1 … T:   φ ← φ − step(∇_φ f(φ; λ(t)))
 * </pre>
 *
 * with f the training loss of the Self-Tuning Network's training step with λ(t) unperturbed (σ =
 * 0): dropout, noise, cutout and penalties act with the schedule's values (a cutout's side is
 * still drawn, from Binomial(K, k̄(t)/K)). It uses the options' training batch size, φ optimiser,
 * seed and T_train: an event every T_train steps, with the loss of one validation batch (no
 * regularisers) in {@link StnEvent#validationLoss()}, phase {@link StnEvent.Phase#TUNING}. Stops
 * after T steps, or on a loss or gradient that is not finite.
 *
 * <p>Cost per step: one forward and one backward pass on a training batch; per event, one forward
 * pass on a validation batch.
 */
public final class ScheduledTraining {

  private final HyperMlp model;
  private final HyperparameterSet set;
  private final StnOptions options;

  /**
   * A trainer of {@code model} (plain, or a Self-Tuning Network fed the schedule's values) under
   * the hyperparameters of {@code set}.
   *
   * @throws IllegalArgumentException if an argument is null
   */
  public ScheduledTraining(HyperMlp model, HyperparameterSet set, StnOptions options) {
    this.model = Check.notNull("ScheduledTraining", "model", model);
    this.set = Check.notNull("ScheduledTraining", "hyperparameters", set);
    this.options = Check.notNull("ScheduledTraining", "options", options);
  }

  /**
   * Trains for {@code steps} steps, the hyperparameters' values at step t being {@code
   * schedule.at(t)}.
   *
   * @param listener receives every event (may be null)
   * @throws IllegalArgumentException if the data do not fit the network, the schedule has another
   *     number of hyperparameters or a value outside its domain, or steps &lt; 1
   */
  public StnResult run(StnData train, StnData validation, HyperSchedule schedule, long steps, StnListener listener) {
    Fit.check("ScheduledTraining", model, train, "training data");
    Fit.check("ScheduledTraining", model, validation, "validation data");
    Check.notNull("ScheduledTraining", "schedule", schedule);
    if (schedule.size() != set.size()) {
      throw new IllegalArgumentException("ScheduledTraining: the schedule has " + schedule.size()
          + " hyperparameters but " + set.size() + " are declared");
    }
    if (steps < 1) {
      throw new IllegalArgumentException("ScheduledTraining: steps must be >= 1, got " + steps);
    }
    SplittableRandom root = new SplittableRandom(options.seed());
    double[] phi = model.initialParameters(root.nextLong());
    BatchStream trainBatches = new BatchStream(train.size(), options.trainBatchSize(), root.split());
    BatchStream validationBatches = new BatchStream(validation.size(), options.validationBatchSize(), root.split());
    SplittableRandom trainRandom = root.split();
    TrainStep trainStep = new TrainStep(model, set, train);
    StepRule.Stepper stepper = options.parameterStep().start(phi.length);
    StnHistory history = new StnHistory(set.names(), schedule.at(1));
    long start = System.nanoTime();
    double[] free = set.free(schedule.at(1));
    double[] zeros = new double[set.size()];
    String failure = null;
    double total = 0;
    int block = 0;
    long t = 0;
    while (t < steps && failure == null) {
      free = set.free(schedule.at(t + 1));
      TrainStep.Result r = trainStep.run(phi, free, null, trainBatches.next(), trainRandom);
      failure = Check.nonFinite("training step " + (t + 1), r.loss(), r.gradient());
      if (failure != null) {
        break;
      }
      stepper.step(phi, r.gradient());
      t++;
      total += r.loss();
      block++;
      if (block == options.trainStepsPerCycle() || t == steps) {
        int[] rows = validationBatches.next();
        double validationLoss = Evaluation.sums(model, model.hyperInputs() == 0 ? null : set.meanInputs(free), phi,
            validation, rows)[0] / rows.length;
        StnEvent e = new StnEvent(history.size(), StnEvent.Phase.TUNING, t, trainBatches.epochs(), total / block,
            validationLoss, set.values(free), zeros, (System.nanoTime() - start) / 1e6);
        history.add(e, listener);
        total = 0;
        block = 0;
      }
    }
    String message = failure == null ? "completed " + t + " training steps under the schedule" : failure;
    return new StnResult(phi, free, zeros, set.values(free), history,
        failure == null ? StnResult.StopReason.COMPLETED : StnResult.StopReason.NON_FINITE, message, null,
        Evaluation.of(model, set, phi, free, validation));
  }
}
