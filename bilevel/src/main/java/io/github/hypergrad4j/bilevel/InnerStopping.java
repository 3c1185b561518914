package io.github.hypergrad4j.bilevel;

/**
 * When an inner optimiser stops: at ‖∇_θ f‖₂ ≤ {@code gradientTolerance} (the stationarity the
 * implicit function theorem assumes), or after {@code maxIterations} steps. Start from {@link
 * #defaults()} and derive with the {@code with…} methods.
 *
 * @param gradientTolerance stop when ‖∇_θ f‖₂ is at most this; finite and ≥ 0
 * @param maxIterations the iteration budget, ≥ 0
 */
public record InnerStopping(double gradientTolerance, int maxIterations) {

  /** The default gradient tolerance, 10⁻⁶. */
  public static final double DEFAULT_GRADIENT_TOLERANCE = 1e-6;

  /** The default iteration budget, 1000. */
  public static final int DEFAULT_MAX_ITERATIONS = 1000;

  /**
   * Validates the values.
   *
   * @throws IllegalArgumentException if the tolerance is negative, NaN or infinite, or the budget
   *     is negative
   */
  public InnerStopping {
    Check.nonNegativeFinite("InnerStopping", "gradientTolerance", gradientTolerance);
    if (maxIterations < 0) {
      throw new IllegalArgumentException("InnerStopping: maxIterations must be >= 0, got " + maxIterations);
    }
  }

  /**
   * ‖∇f‖ ≤ {@value #DEFAULT_GRADIENT_TOLERANCE} or {@value #DEFAULT_MAX_ITERATIONS} iterations,
   * whichever comes first (what {@link HyperOptimizer} uses unless told otherwise).
   */
  public static InnerStopping defaults() {
    return new InnerStopping(DEFAULT_GRADIENT_TOLERANCE, DEFAULT_MAX_ITERATIONS);
  }

  /**
   * This stopping rule with another gradient tolerance.
   *
   * @throws IllegalArgumentException if it is negative, NaN or infinite
   */
  public InnerStopping withGradientTolerance(double tolerance) {
    return new InnerStopping(tolerance, maxIterations);
  }

  /**
   * This stopping rule with another iteration budget.
   *
   * @throws IllegalArgumentException if it is negative
   */
  public InnerStopping withMaxIterations(int limit) {
    return new InnerStopping(gradientTolerance, limit);
  }
}
