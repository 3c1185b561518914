package io.github.hypergrad4j.linalg.factor;

/** How a dense factorisation ended. Anything but {@link #OK} leaves the result unusable. */
public enum FactorizationStatus {
  /** The factorisation exists and its accessors and solves may be used. */
  OK,
  /** Cholesky: the matrix is not (numerically) symmetric positive definite. */
  NOT_POSITIVE_DEFINITE,
  /** LU or QR: the matrix is (numerically) singular or rank deficient. */
  SINGULAR,
  /** The input held NaN or an infinity; nothing was computed. */
  NON_FINITE_INPUT,
  /** Eigendecomposition: the iteration did not converge. */
  NO_CONVERGENCE
}
