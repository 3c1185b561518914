package io.github.hypergrad4j.bilevel;

/**
 * The outcome of an inner minimisation over θ.
 *
 * @param theta the final θ (the best point reached; for a diverged run, the last finite one)
 * @param status how it ended
 * @param iterations steps taken
 * @param gradientEvaluations evaluations of f and ∇f
 * @param value f at θ
 * @param gradientNorm ‖∇f(θ)‖₂ at θ: the distance from the stationarity the IFT assumes
 */
public record InnerResult(
    double[] theta, Status status, int iterations, int gradientEvaluations, double value, double gradientNorm) {

  /** How an inner minimisation ended. */
  public enum Status {
    /** ‖∇f‖ reached the tolerance. */
    CONVERGED,
    /** The iteration budget was spent first. */
    MAX_ITERATIONS,
    /** f or ∇f became NaN or ±∞, or ‖∇f‖ grew beyond 10⁸ times its start. */
    DIVERGED,
    /** L-BFGS found no step that decreases f (usually: the tolerance is below rounding). */
    LINE_SEARCH_FAILED
  }

  /** True for {@link Status#CONVERGED}. */
  public boolean converged() {
    return status == Status.CONVERGED;
  }
}
