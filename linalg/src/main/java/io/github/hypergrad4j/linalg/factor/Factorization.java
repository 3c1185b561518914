package io.github.hypergrad4j.linalg.factor;

/**
 * What every dense factorisation of this package offers: how it ended, and a solve with it.
 * Implemented by {@link CholeskyFactorization}, {@link LuFactorization}, {@link
 * SymmetricEigendecomposition} and {@link QrFactorization}; each adds its own factors and
 * accessors.
 *
 * <p>A factorisation never throws from inside EJML: failure is a {@link #status()} other than
 * {@link FactorizationStatus#OK} with a {@link #message()} saying why, and then {@link #solve} and
 * every accessor of the factors throw {@link IllegalStateException} carrying both.
 */
public interface Factorization {

  /** How the factorisation ended. */
  FactorizationStatus status();

  /** True when {@link #status()} is {@link FactorizationStatus#OK}. */
  default boolean isOk() {
    return status() == FactorizationStatus.OK;
  }

  /** "OK", or why the factorisation failed (with the sizes and the offending value). */
  String message();

  /**
   * The number of unknowns n: the dimension of a square A, the number of columns of QR's m×n A;
   * the length of the x that {@link #solve} returns.
   */
  int size();

  /**
   * Returns x with A·x = b (for QR, the least-squares solution minimising ‖A·x − b‖₂), a new array.
   * The cost of each implementation is stated on its own {@code solve}.
   *
   * @param b the right-hand side, one element per row of A (not modified)
   * @return x, length {@link #size()}
   * @throws IllegalArgumentException if {@code b} is null or of the wrong length
   * @throws IllegalStateException if the factorisation failed, or (symmetric eigendecomposition)
   *     A is numerically singular
   */
  double[] solve(double[] b);
}
