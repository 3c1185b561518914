package io.github.hypergrad4j.linalg.factor;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * The Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite n×n matrix, L lower
 * triangular with a positive diagonal, computed by EJML ({@code DecompositionFactory_DDRM.chol}).
 *
 * <p><b>Cost.</b> n³/3 flops to factor, plus n² to check and copy the input and about 22n² for
 * the condition estimate; each solve costs 2n² flops per right-hand side.
 *
 * <p><b>Input.</b> A is a row-major {@code double[]} of exactly n·n elements and is never
 * modified. It must be symmetric to a relative tolerance of 10⁻⁸ (|a_ij − a_ji| ≤ 10⁻⁸·max|a|;
 * see {@link #SYMMETRY_TOLERANCE}); what is factored is its symmetric part (A + Aᵀ)/2, so rounding
 * asymmetry in an assembled Hessian is harmless while a wrong, non-symmetric matrix is rejected
 * (the exception names the relative asymmetry and {@link
 * io.github.hypergrad4j.linalg.DenseMatrixOperator#symmetrized}, for a matrix that is symmetric
 * in theory but further off than the tolerance).
 *
 * <p><b>Failure</b> is a {@link #status()}, never an exception from EJML:
 *
 * <ul>
 *   <li>{@link FactorizationStatus#NON_FINITE_INPUT}: A holds NaN or ±∞ (checked first; EJML is
 *       not called).
 *   <li>{@link FactorizationStatus#NOT_POSITIVE_DEFINITE}: EJML met a pivot ≤ 0, or it finished
 *       but A is numerically singular by either of two tests with tol = n·ε, ε = 2⁻⁵² ({@link
 *       #SINGULARITY_TOLERANCE_PER_DIMENSION}): (1) min_i L_ii² ≤ tol·max_i A_ii; (2) the estimated
 *       reciprocal condition number 1/(‖A‖₁·‖A⁻¹‖₁) is ≤ tol, with ‖A⁻¹‖₁ estimated by the
 *       Hager–Higham method (N. J. Higham, ACM TOMS 14(4), 1988, Algorithm 4.1; LAPACK's {@code
 *       dlacon}) from at most 11 solves with the factors. Both tests are one-sided: λ_min(A) ≤
 *       L_ii², A_ii ≤ λ_max(A), and the estimate of ‖A⁻¹‖₁ never exceeds the true value, so a
 *       flagged matrix has κ₂(A) ≥ 1/tol (test 1) or κ₁(A) ≥ 1/tol (test 2): semidefinite or
 *       so ill-conditioned that its solves would carry essentially no correct digits. Test 1
 *       alone let about 1% of exactly singular semidefinite matrices B·Bᵀ (n ≤ 40) through.
 *       Also used if EJML throws or returns non-finite factors (it cannot for finite SPD input).
 * </ul>
 *
 * <p>Bad arguments (null, n &lt; 0, a wrong length, a non-symmetric matrix) throw {@link
 * IllegalArgumentException}. On a failed result every accessor and solve throws {@link
 * IllegalStateException} carrying the status and {@link #message()}. Results are immutable and
 * may be shared between threads.
 */
public final class CholeskyFactorization implements Factorization {

  /** Relative tolerance of the symmetry check, |a_ij − a_ji| ≤ tol·max|a|. */
  public static final double SYMMETRY_TOLERANCE = FactorArguments.SYMMETRY_TOLERANCE;

  /** Per-dimension factor c of the tolerance tol = c·n of both tests: machine epsilon 2⁻⁵². */
  public static final double SINGULARITY_TOLERANCE_PER_DIMENSION = Math.ulp(1.0);

  private static final String NAME = "CholeskyFactorization";

  private final int n;
  private final FactorizationStatus status;
  private final String message;
  private final double[] l; // n×n row-major, zero above the diagonal; null unless OK
  private final double rcond;

  private CholeskyFactorization(
      int n, FactorizationStatus status, String message, double[] l, double rcond) {
    this.n = n;
    this.status = status;
    this.message = message;
    this.l = l;
    this.rcond = rcond;
  }

  /**
   * Factors the symmetric positive-definite n×n matrix {@code a} (row-major, not modified).
   *
   * @param a the matrix, exactly n·n elements, symmetric to {@link #SYMMETRY_TOLERANCE}
   * @param n its dimension, ≥ 0 (n = 0 gives an OK, empty factorisation)
   * @return the factorisation; check {@link #isOk()} before using it
   * @throws IllegalArgumentException if {@code a} is null, n &lt; 0, {@code a.length != n·n} or
   *     {@code a} is not symmetric
   */
  public static CholeskyFactorization factor(double[] a, int n) {
    String method = NAME + ".factor";
    FactorArguments.square(method, a, n);
    int bad = FactorArguments.firstNonFinite(a);
    if (bad >= 0) {
      return failed(n, FactorizationStatus.NON_FINITE_INPUT,
          FactorArguments.describeNonFinite(a, bad, n));
    }
    double[] work = FactorArguments.symmetrizedCopy(method, a, n);
    if (n == 0) {
      return new CholeskyFactorization(
          0, FactorizationStatus.OK, "OK (0x0 matrix)", new double[0], Double.POSITIVE_INFINITY);
    }
    double tolerance = SINGULARITY_TOLERANCE_PER_DIMENSION * n;
    double maxDiagonal = 0;
    for (int i = 0; i < n; i++) {
      maxDiagonal = Math.max(maxDiagonal, work[i * n + i]);
    }
    double norm = InverseNormEstimator.oneNorm(work, n, n); // before EJML overwrites work

    double[] factor;
    try {
      CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
      if (!chol.decompose(DMatrixRMaj.wrap(n, n, work))) {
        return failed(n, FactorizationStatus.NOT_POSITIVE_DEFINITE,
            "the " + n + "x" + n + " matrix is not positive definite (a Cholesky pivot was <= 0)");
      }
      factor = chol.getT(null).data;
    } catch (RuntimeException e) {
      return failed(n, FactorizationStatus.NOT_POSITIVE_DEFINITE,
          "EJML could not factor the " + n + "x" + n + " matrix: " + e);
    }

    double[] lower = new double[n * n];
    int smallest = 0;
    for (int i = 0; i < n; i++) {
      System.arraycopy(factor, i * n, lower, i * n, i + 1);
      if (lower[i * n + i] < lower[smallest * n + smallest]) {
        smallest = i;
      }
    }
    if (FactorArguments.firstNonFinite(lower) >= 0) {
      return failed(n, FactorizationStatus.NOT_POSITIVE_DEFINITE,
          "the Cholesky factor of the " + n + "x" + n + " matrix overflowed, so it is not"
              + " positive definite");
    }
    double pivot = lower[smallest * n + smallest];
    if (!(pivot > 0) || pivot * pivot <= tolerance * maxDiagonal) {
      return failed(n, FactorizationStatus.NOT_POSITIVE_DEFINITE,
          "the " + n + "x" + n + " matrix is not numerically positive definite: pivot L["
              + smallest + "," + smallest + "]^2 = " + pivot * pivot + " <= n*eps*max(A_ii) = "
              + tolerance * maxDiagonal);
    }

    CholeskyFactorization candidate =
        new CholeskyFactorization(n, FactorizationStatus.OK, "OK", lower, Double.NaN);
    InverseNormEstimator.Solve solve = x -> candidate.substitute(x, 1);
    double rcond = 1 / (norm * InverseNormEstimator.estimate(n, solve, solve));
    if (!(rcond > tolerance)) {
      return failed(n, FactorizationStatus.NOT_POSITIVE_DEFINITE,
          "the " + n + "x" + n + " matrix is not numerically positive definite: estimated"
              + " reciprocal condition number " + rcond + " <= n*eps = " + tolerance);
    }
    return new CholeskyFactorization(n, FactorizationStatus.OK, "OK", lower, rcond);
  }

  private static CholeskyFactorization failed(int n, FactorizationStatus status, String message) {
    return new CholeskyFactorization(n, status, message, null, Double.NaN);
  }

  @Override
  public FactorizationStatus status() {
    return status;
  }

  @Override
  public String message() {
    return message;
  }

  /** The dimension n of A. */
  @Override
  public int size() {
    return n;
  }

  /**
   * Returns x with A·x = b, by L·y = b then Lᵀ·x = y. Cost: 2n² flops.
   *
   * @param b the right-hand side, length n (not modified)
   * @return a new array holding x
   * @throws IllegalArgumentException if {@code b} is null or not of length n
   * @throws IllegalStateException if the factorisation failed
   */
  @Override
  public double[] solve(double[] b) {
    return solve(b, 1);
  }

  /**
   * Overwrites {@code bx}, holding b, with x such that A·x = b. Cost: 2n² flops.
   *
   * @throws IllegalArgumentException if {@code bx} is null or not of length n
   * @throws IllegalStateException if the factorisation failed
   */
  public void solveInPlace(double[] bx) {
    String method = NAME + ".solveInPlace";
    FactorArguments.requireOk(method, this);
    FactorArguments.rightHandSide(method, "bx", bx, n, 1);
    substitute(bx, 1);
  }

  /**
   * Returns X with A·X = B for k right-hand sides at once. Cost: 2n²·k flops.
   *
   * @param b B, n×k row-major (not modified)
   * @param k the number of right-hand sides (columns of B), ≥ 0
   * @return a new n×k row-major array holding X
   * @throws IllegalArgumentException if {@code b} is null, k &lt; 0 or {@code b.length != n·k}
   * @throws IllegalStateException if the factorisation failed
   */
  public double[] solve(double[] b, int k) {
    String method = NAME + ".solve";
    FactorArguments.requireOk(method, this);
    FactorArguments.rightHandSide(method, "b", b, n, k);
    double[] x = b.clone();
    substitute(x, k);
    return x;
  }

  private void substitute(double[] bx, int k) {
    TriangularSolves.lower(l, n, false, bx, k);
    TriangularSolves.lowerTransposed(l, n, false, bx, k);
  }

  /**
   * A copy of L, n×n row-major, zero above the diagonal.
   *
   * @throws IllegalStateException if the factorisation failed
   */
  public double[] lowerFactor() {
    FactorArguments.requireOk(NAME + ".lowerFactor", this);
    return l.clone();
  }

  /**
   * log det A = 2·Σ log L_ii, which does not overflow where det A itself would. Cost: n logs.
   *
   * @throws IllegalStateException if the factorisation failed
   */
  public double logDeterminant() {
    FactorArguments.requireOk(NAME + ".logDeterminant", this);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Math.log(l[i * n + i]);
    }
    return 2 * sum;
  }

  /**
   * The estimate of 1/(‖A‖₁·‖A⁻¹‖₁) used by the positive-definiteness test: at least the true
   * value, in practice within a factor 3 of it. +∞ for n = 0.
   *
   * @throws IllegalStateException if the factorisation failed
   */
  public double reciprocalConditionEstimate() {
    FactorArguments.requireOk(NAME + ".reciprocalConditionEstimate", this);
    return rcond;
  }

  @Override
  public String toString() {
    return FactorArguments.describe(NAME, n + "x" + n, this);
  }
}
