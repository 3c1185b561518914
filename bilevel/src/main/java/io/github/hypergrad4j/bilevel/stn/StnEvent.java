package io.github.hypergrad4j.bilevel.stn;

/**
 * What one block of a run did: a cycle of Algorithm 1 (T_train training steps, then T_val
 * validation steps), or T_train steps of the warm-up. Reported to a {@link StnListener} and kept
 * in the {@link StnHistory}.
 *
 * @param index the event's index in the history, from 0
 * @param phase warm-up (λ fixed) or tuning
 * @param step training steps on φ done so far, warm-up included (the x-axis of a schedule)
 * @param epoch training examples seen so far divided by the training set's size
 * @param trainLoss the mean training loss of the block's training steps (perturbed λ,
 *     regularisers and penalties active)
 * @param validationLoss the mean validation loss of the block's validation steps (perturbed λ,
 *     no regularisers); in the warm-up, of one validation batch, without a step
 * @param lambda the hyperparameters' values after the block (rates, scales, penalties, mean
 *     cutout sides), in the order of the {@link HyperparameterSet}; they hold for the training
 *     steps that follow
 * @param sigma the perturbation scales σ on the free variables after the block (0 for a discrete
 *     hyperparameter, whose spread is its Binomial's)
 * @param elapsedMillis time since the run started
 */
public record StnEvent(
    int index,
    Phase phase,
    long step,
    double epoch,
    double trainLoss,
    double validationLoss,
    double[] lambda,
    double[] sigma,
    double elapsedMillis) {

  /** The two phases of a run. */
  public enum Phase {
    /** Training φ with λ fixed at its initial value. */
    WARMUP,
    /** Alternating training and validation steps. */
    TUNING
  }

  /** Copies the arrays. */
  public StnEvent {
    lambda = lambda.clone();
    sigma = sigma.clone();
  }

  /** A copy of λ. */
  @Override
  public double[] lambda() {
    return lambda.clone();
  }

  /** A copy of σ. */
  @Override
  public double[] sigma() {
    return sigma.clone();
  }
}
