package io.github.hypergrad4j.ihvp;

/**
 * The outcome of an {@link IhvpSolver#solve}: the approximate solution and an honest account of
 * how it was obtained.
 *
 * <p>{@code x} is the solver's own new array and is not copied again by this record (solutions
 * can be long); the record's {@code equals} therefore compares it by reference.
 *
 * @param x the approximate solution, length n; partial (the last iterate) unless {@code status}
 *     is {@link Status#CONVERGED}
 * @param status how the solve ended
 * @param iterations iterations of the solver's main loop (for one-shot solvers — Nyström, exact —
 *     1, or 0 when nothing was solved)
 * @param operatorApplications every product with A made by the solve, including those of
 *     spectrum estimates, sketches and the final residual check (products with ρI, a known
 *     diagonal or a preconditioner are not products with A and are not counted)
 * @param residualNorm the true residual ‖b − (A + ρI)·x‖₂ of the returned x, computed from x
 *     itself (never a recurrence's estimate); NaN if that product produced NaN (then {@code
 *     status} is {@link Status#DIVERGED})
 * @param rhsNorm ‖b‖₂, the scale of the relative tolerance
 * @param detail one line saying why the solve stopped, with the numbers that decided it (the
 *     curvature met, the step size chosen, the factorisation that failed, …)
 */
public record IhvpResult(
    double[] x,
    Status status,
    int iterations,
    long operatorApplications,
    double residualNorm,
    double rhsNorm,
    String detail) {

  /** How a solve ended. Anything but {@link #CONVERGED} still returns the partial x. */
  public enum Status {
    /**
     * The true residual is at most tolerance·‖b‖₂ — whichever way the solve stopped (its own
     * test, its iteration limit or budget, or a method that could not continue), unless it met
     * negative curvature or non-finite values, which are reported as such.
     */
    CONVERGED,
    /**
     * The iteration limit or budget (for one-shot solvers: their single approximate solve) was
     * spent without reaching the tolerance; x is the last iterate.
     */
    MAX_ITERATIONS,
    /**
     * Conjugate gradient met a direction p with pᵀ(A + ρI)p ≤ 0: the operator is not positive
     * definite, so CG's minimisation has no minimum; x is the iterate before that direction.
     */
    NEGATIVE_CURVATURE,
    /** NaN or ±∞ appeared, or the residual grew far beyond its initial size. */
    DIVERGED,
    /**
     * The method cannot continue, and x misses the tolerance: a division by zero in its
     * recurrence, a failed factorisation, a preconditioner that is not positive definite, a
     * square that underflows, no usable step size, or a true residual that stagnates above the
     * tolerance (the tolerance is below the attainable accuracy, about ε·κ). The detail names
     * which.
     */
    BREAKDOWN
  }

  /**
   * @throws IllegalArgumentException if x, status or detail is null, or a count is negative
   */
  public IhvpResult {
    if (x == null || status == null || detail == null) {
      throw new IllegalArgumentException("IhvpResult: x, status and detail must not be null");
    }
    if (iterations < 0 || operatorApplications < 0) {
      throw new IllegalArgumentException("IhvpResult: counts must be >= 0, got iterations = "
          + iterations + ", operatorApplications = " + operatorApplications);
    }
  }

  /** ‖b − (A + ρI)·x‖₂ / ‖b‖₂ (0 when b = 0). */
  public double relativeResidual() {
    return rhsNorm == 0 ? residualNorm : residualNorm / rhsNorm;
  }

  /** True when {@link #status()} is {@link Status#CONVERGED}. */
  public boolean converged() {
    return status == Status.CONVERGED;
  }
}
