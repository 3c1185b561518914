package io.github.hypergrad4j.ihvp;

/**
 * Estimates of extreme eigenvalues of an operator, with what they cost. Produced by {@link
 * PowerIteration} (only {@code largest}; {@code smallest} is NaN) and {@link Lanczos} (both).
 *
 * <p>For a symmetric operator both methods return Ritz values (Rayleigh quotients), which lie
 * inside the spectrum: {@code smallest} ≥ λ_min and {@code largest} ≤ λ_max (power iteration:
 * |largest| ≤ max|λ|). Each error bound is the residual norm ‖A·u − θ·u‖₂ of the unit Ritz vector
 * u, so some eigenvalue lies within it of θ — usually, once it is small, the extreme one.
 *
 * @param smallest the smallest Ritz value (NaN from power iteration)
 * @param smallestErrorBound the residual norm bounding its distance to an eigenvalue (NaN if
 *     unknown)
 * @param largest the largest Ritz value (power iteration: the dominant, largest-magnitude
 *     eigenvalue estimate, with its sign)
 * @param largestErrorBound the residual norm bounding its distance to an eigenvalue
 * @param iterations iterations (= Lanczos steps or power steps) made
 * @param operatorApplications products with the operator made (one per iteration)
 * @param converged whether the stopping tolerance was met before the iteration limit
 */
public record SpectrumEstimate(
    double smallest,
    double smallestErrorBound,
    double largest,
    double largestErrorBound,
    int iterations,
    long operatorApplications,
    boolean converged) {

  /**
   * The condition-number estimate largest/smallest: a lower bound on κ = λ_max/λ_min for a
   * symmetric positive-definite operator (both Ritz values lie inside the spectrum), +∞ when
   * {@code smallest} ≤ 0 (the operator is then provably not positive definite, or singular),
   * NaN when {@code smallest} is unknown.
   */
  public double conditionNumber() {
    if (Double.isNaN(smallest) || Double.isNaN(largest)) {
      return Double.NaN;
    }
    return smallest > 0 ? largest / smallest : Double.POSITIVE_INFINITY;
  }
}
