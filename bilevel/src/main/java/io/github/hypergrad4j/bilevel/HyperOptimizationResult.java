package io.github.hypergrad4j.bilevel;

/**
 * The outcome of a {@link HyperOptimizer} run. The best point is the one with the lowest outer
 * value seen, which is kept even when the run ends on a failure.
 *
 * @param bestLambda λ with the lowest outer value
 * @param bestTheta the inner solution at that λ
 * @param bestOuterValue that outer value
 * @param bestStep the step it was reached at
 * @param stopReason why the run ended
 * @param message one line with the details of the stop
 * @param history every step's event
 */
public record HyperOptimizationResult(
    double[] bestLambda,
    double[] bestTheta,
    double bestOuterValue,
    int bestStep,
    StopReason stopReason,
    String message,
    History history) {

  /** Why a run ended. */
  public enum StopReason {
    /** The step budget was spent. */
    BUDGET,
    /** The outer value stopped improving for the configured patience. */
    PLATEAU,
    /** The outer value or the hypergradient became NaN or ±∞. */
    NON_FINITE,
    /** The inner optimiser diverged. */
    INNER_DIVERGED
  }
}
