package io.github.hypergrad4j.bilevel.stn;

/**
 * The outcome of a {@link StnTrainer} run.
 *
 * @param parameters the final φ (a copy)
 * @param free the final free variables u
 * @param sigma the final perturbation scales σ (0 for discrete hyperparameters)
 * @param values the final hyperparameter values (rates, scales, penalties, mean cutout sides)
 * @param history every event, with the CSV and the schedule
 * @param stopReason why the run ended
 * @param message one line: how the run ended, naming the step and the value when it failed
 * @param warmupValidation the whole validation set at the end of the warm-up (see {@link
 *     Evaluation}); null when the run failed before
 * @param finalValidation the whole validation set at the end, at the final u
 */
public record StnResult(
    double[] parameters,
    double[] free,
    double[] sigma,
    double[] values,
    StnHistory history,
    StopReason stopReason,
    String message,
    Evaluation warmupValidation,
    Evaluation finalValidation) {

  /** Why a run ended. */
  public enum StopReason {
    /** Every step of the options was done. */
    COMPLETED,
    /** A loss or gradient was NaN or infinite; the state is the one before that step. */
    NON_FINITE
  }

  /** Copies the arrays. */
  public StnResult {
    parameters = parameters.clone();
    free = free.clone();
    sigma = sigma.clone();
    values = values.clone();
  }

  /** A copy of φ. */
  @Override
  public double[] parameters() {
    return parameters.clone();
  }

  /** A copy of u. */
  @Override
  public double[] free() {
    return free.clone();
  }

  /** A copy of σ. */
  @Override
  public double[] sigma() {
    return sigma.clone();
  }

  /** A copy of the values. */
  @Override
  public double[] values() {
    return values.clone();
  }
}
