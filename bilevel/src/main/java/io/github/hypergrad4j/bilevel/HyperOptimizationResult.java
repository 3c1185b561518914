package io.github.hypergrad4j.bilevel;

/**
 * The outcome of a {@link HyperOptimizer} run. The best point is the one with the lowest finite
 * outer value seen, which is kept whatever the reason the run ended.
 *
 * @param bestLambda λ with the lowest outer value (λ₀ if no step got as far as a finite value)
 * @param bestTheta the inner solution at that λ (θ₀ if none)
 * @param bestOuterValue that outer value (+∞ if none)
 * @param bestStep the step it was reached at, from 0 like {@link ProgressEvent#step()} (-1 if none)
 * @param stopReason why the run ended
 * @param message one line with the details of the stop: the step (counted from 1, as people
 *     count), the statuses and the numbers that decided it
 * @param history every step's event
 * @param skippedSteps steps whose hypergradient was not used, under {@link
 *     UnreliableStepPolicy#skip(int)}
 */
public record HyperOptimizationResult(
    double[] bestLambda,
    double[] bestTheta,
    double bestOuterValue,
    int bestStep,
    StopReason stopReason,
    String message,
    History history,
    int skippedSteps) {

  /** Why a run ended. */
  public enum StopReason {
    /** The step budget was spent. */
    BUDGET,
    /** The outer value stopped improving for the configured patience. */
    PLATEAU,
    /** The outer value, the hypergradient, or λ (or its free variables u) after a step became NaN or ±∞. */
    NON_FINITE,
    /** The inner optimiser diverged. */
    INNER_DIVERGED,
    /**
     * The inner solve ended far from the stationarity the implicit function theorem assumes
     * (defined in {@link UnreliableStepPolicy}), and the policy ended the run.
     */
    INNER_NOT_STATIONARY,
    /**
     * The inverse-HVP solve failed (defined in {@link UnreliableStepPolicy}), and the policy
     * ended the run.
     */
    SOLVER_FAILED
  }
}
