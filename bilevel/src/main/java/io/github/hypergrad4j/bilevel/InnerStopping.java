package io.github.hypergrad4j.bilevel;

/**
 * When an inner optimiser stops: at ‖∇_θ f‖₂ ≤ {@code gradientTolerance} (the stationarity the
 * implicit function theorem assumes), or after {@code maxIterations} steps.
 */
public record InnerStopping(double gradientTolerance, int maxIterations) {

  /** Validates the values. */
  public InnerStopping {
    if (!(gradientTolerance >= 0) || Double.isInfinite(gradientTolerance)) {
      throw new IllegalArgumentException("InnerStopping: gradientTolerance must be finite and >= 0, got " + gradientTolerance);
    }
    if (maxIterations < 0) {
      throw new IllegalArgumentException("InnerStopping: maxIterations must be >= 0, got " + maxIterations);
    }
  }
}
