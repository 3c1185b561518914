package io.github.hypergrad4j.linalg.factor;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * The thin QR factorisation A = Q·R of an m×n matrix with m ≥ n: Q m×n with orthonormal columns
 * (QᵀQ = I), R n×n upper triangular. Computed by EJML's Householder QR without column pivoting
 * ({@code DecompositionFactory_DDRM.qr}). The diagonal of R may have either sign.
 *
 * <p><b>Cost.</b> 2mn² − 2n³/3 flops for the Householder reflections plus about as many again to
 * form the thin Q explicitly, and about 11n² for the rank test; each least-squares solve costs
 * 2mn + n² flops per right-hand side.
 *
 * <p><b>Input.</b> A is a row-major {@code double[]} of exactly m·n elements and is never
 * modified.
 *
 * <p><b>Failure</b> is a {@link #status()}, never an exception from EJML:
 *
 * <ul>
 *   <li>{@link FactorizationStatus#NON_FINITE_INPUT}: A holds NaN or ±∞ (EJML is not called).
 *   <li>{@link FactorizationStatus#SINGULAR}: A is numerically rank deficient by either of two
 *       tests with tol = m·ε, ε = 2⁻⁵² ({@link #RANK_TOLERANCE_PER_ROW}). (1) Some |R_ii| ≤
 *       tol·c, c = max_j ‖A e_j‖₂ the largest column norm of A. (2) The estimated reciprocal
 *       condition number of R, 1/(‖R‖₁·‖R⁻¹‖₁), is ≤ tol, with ‖R⁻¹‖₁ estimated by the
 *       Hager–Higham method (N. J. Higham, ACM TOMS 14(4), 1988, Algorithm 4.1; LAPACK's {@code
 *       dlacon}) from at most 11 triangular solves. Both tests are one-sided: since σ_min(A) ≤
 *       |R_ii|, c ≤ σ_max(A), and the estimate of ‖R⁻¹‖₁ never exceeds the true value, a flagged
 *       matrix has κ₂(A) ≥ 1/tol (test 1) or κ₁(R) ≥ 1/tol, hence κ₂(A) ≥ 1/(n·tol) (test 2).
 *       Test 1 alone is what the pivots offer, but without column pivoting R's diagonal does not
 *       reveal rank reliably: on exactly rank-deficient integer matrices (n ≤ 40) it missed about
 *       0.3%, which test 2 catches. Comparing with the columns of A rather than with max_j |R_jj|
 *       also flags a matrix whose pivots are all tiny next to A, such as [[δ, 1], [0, δ]]. Also
 *       reported when EJML's Householder step meets a column that is exactly zero on and below
 *       the diagonal (exact rank deficiency), throws, or returns factors that overflowed.
 * </ul>
 *
 * <p>Bad arguments (null, m &lt; n, negative sizes, a wrong length) throw {@link
 * IllegalArgumentException}. On a failed result every accessor and solve throws {@link
 * IllegalStateException} carrying the status and {@link #message()}. Results are immutable and
 * may be shared between threads.
 */
public final class QrFactorization implements Factorization {

  /** Per-row factor c of the rank tolerance tol = c·m: machine epsilon 2⁻⁵². */
  public static final double RANK_TOLERANCE_PER_ROW = Math.ulp(1.0);

  private static final String NAME = "QrFactorization";

  private final int m;
  private final int n;
  private final FactorizationStatus status;
  private final String message;
  private final double[] q; // m×n row-major; null unless OK
  private final double[] r; // n×n row-major, zero below the diagonal; null unless OK
  private final double rcond;

  private QrFactorization(int m, int n, FactorizationStatus status, String message, double[] q,
      double[] r, double rcond) {
    this.m = m;
    this.n = n;
    this.status = status;
    this.message = message;
    this.q = q;
    this.r = r;
    this.rcond = rcond;
  }

  /**
   * Factors the m×n matrix {@code a} (row-major, not modified), m ≥ n.
   *
   * @param a the matrix, exactly m·n elements
   * @param m its number of rows
   * @param n its number of columns, 0 ≤ n ≤ m (n = 0 gives an OK, empty factorisation)
   * @return the factorisation; check {@link #isOk()} before using it
   * @throws IllegalArgumentException if {@code a} is null, m or n is negative, m &lt; n, or
   *     {@code a.length != m·n}
   */
  public static QrFactorization factor(double[] a, int m, int n) {
    String method = NAME + ".factor";
    FactorArguments.matrix(method, a, m, n);
    if (m < n) {
      throw new IllegalArgumentException(
          method + ": a " + m + "x" + n + " matrix has fewer rows than columns; thin QR needs"
              + " rows >= columns");
    }
    int bad = FactorArguments.firstNonFinite(a);
    if (bad >= 0) {
      return failed(m, n, FactorizationStatus.NON_FINITE_INPUT,
          FactorArguments.describeNonFinite(a, bad, n));
    }
    if (n == 0) {
      return new QrFactorization(m, 0, FactorizationStatus.OK, "OK (no columns)", new double[0],
          new double[0], Double.POSITIVE_INFINITY);
    }

    double[] qFactor;
    double[] rFactor;
    try {
      QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(m, n);
      if (!qr.decompose(DMatrixRMaj.wrap(m, n, a.clone()))) {
        // EJML's Householder step fails only when a column is exactly zero below the diagonal
        return failed(m, n, FactorizationStatus.SINGULAR,
            "the " + m + "x" + n + " matrix is rank deficient: after the earlier reflections a"
                + " column is exactly zero on and below the diagonal");
      }
      qFactor = qr.getQ(null, true).data;
      rFactor = qr.getR(null, true).data;
    } catch (RuntimeException e) {
      return failed(m, n, FactorizationStatus.SINGULAR,
          "EJML could not factor the " + m + "x" + n + " matrix: " + e);
    }
    if (qFactor.length < m * n || rFactor.length < n * n) {
      return failed(m, n, FactorizationStatus.SINGULAR,
          "EJML returned factors of the wrong size for the " + m + "x" + n + " matrix");
    }
    double[] qCopy = Arrays.copyOf(qFactor, m * n);
    double[] rCopy = new double[n * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(rFactor, i * n + i, rCopy, i * n + i, n - i);
    }
    if (FactorArguments.firstNonFinite(qCopy) >= 0 || FactorArguments.firstNonFinite(rCopy) >= 0) {
      return failed(m, n, FactorizationStatus.SINGULAR,
          "the QR factors of the " + m + "x" + n + " matrix overflowed; rescale it");
    }

    double threshold = RANK_TOLERANCE_PER_ROW * m * largestColumnNorm(a, m, n);
    for (int i = 0; i < n; i++) {
      double pivot = Math.abs(rCopy[i * n + i]);
      if (!(pivot > threshold)) {
        return failed(m, n, FactorizationStatus.SINGULAR,
            "the " + m + "x" + n + " matrix is numerically rank deficient: |R[" + i + "," + i
                + "]| = " + pivot + " <= m*eps*max column norm = " + threshold);
      }
    }
    double tolerance = RANK_TOLERANCE_PER_ROW * m;
    double inverseNorm = InverseNormEstimator.estimate(
        n,
        x -> TriangularSolves.upper(rCopy, n, false, x, 1),
        x -> TriangularSolves.upperTransposed(rCopy, n, false, x, 1));
    double rcond = 1 / (InverseNormEstimator.oneNorm(rCopy, n, n) * inverseNorm);
    if (!(rcond > tolerance)) {
      return failed(m, n, FactorizationStatus.SINGULAR,
          "the " + m + "x" + n + " matrix is numerically rank deficient: estimated reciprocal"
              + " condition number of R " + rcond + " <= m*eps = " + tolerance);
    }
    return new QrFactorization(m, n, FactorizationStatus.OK, "OK", qCopy, rCopy, rcond);
  }

  private static QrFactorization failed(int m, int n, FactorizationStatus status, String message) {
    return new QrFactorization(m, n, status, message, null, null, Double.NaN);
  }

  /** max_j ‖A e_j‖₂, each norm scaled by the column's largest entry so that it cannot overflow. */
  private static double largestColumnNorm(double[] a, int m, int n) {
    double largest = 0;
    for (int j = 0; j < n; j++) {
      double scale = 0;
      for (int i = 0; i < m; i++) {
        scale = Math.max(scale, Math.abs(a[i * n + j]));
      }
      if (scale == 0) {
        continue;
      }
      double sum = 0;
      for (int i = 0; i < m; i++) {
        double v = a[i * n + j] / scale;
        sum += v * v;
      }
      largest = Math.max(largest, scale * Math.sqrt(sum));
    }
    return largest;
  }

  @Override
  public FactorizationStatus status() {
    return status;
  }

  @Override
  public String message() {
    return message;
  }

  /** The number of rows m of A. */
  public int rows() {
    return m;
  }

  /** The number of columns n of A. */
  public int columns() {
    return n;
  }

  /** The number of unknowns: the number of columns n of A, as {@link #columns()}. */
  @Override
  public int size() {
    return n;
  }

  /**
   * A copy of the thin Q, m×n row-major, with orthonormal columns.
   *
   * @throws IllegalStateException if the factorisation failed
   */
  public double[] q() {
    FactorArguments.requireOk(NAME + ".q", this);
    return q.clone();
  }

  /**
   * A copy of R, n×n row-major, zero below the diagonal.
   *
   * @throws IllegalStateException if the factorisation failed
   */
  public double[] r() {
    FactorArguments.requireOk(NAME + ".r", this);
    return r.clone();
  }

  /**
   * The estimate of 1/(‖R‖₁·‖R⁻¹‖₁) used by the rank test: at least the true value, in practice
   * within a factor 3 of it; κ₂(A) = κ₂(R) lies within a factor n of its reciprocal. +∞ for n = 0.
   *
   * @throws IllegalStateException if the factorisation failed
   */
  public double reciprocalConditionEstimate() {
    FactorArguments.requireOk(NAME + ".reciprocalConditionEstimate", this);
    return rcond;
  }

  /**
   * Returns the x minimising ‖A·x − b‖₂, x = R⁻¹·Qᵀ·b (unique, since A has full column rank).
   * When m = n this is the solution of A·x = b. Cost: 2mn + n² flops.
   *
   * @param b the right-hand side, length m (not modified)
   * @return a new array of length n holding x
   * @throws IllegalArgumentException if {@code b} is null or not of length m
   * @throws IllegalStateException if the factorisation failed
   */
  public double[] solveLeastSquares(double[] b) {
    return solveLeastSquares(b, 1);
  }

  /**
   * {@link #solveLeastSquares(double[])}: the x minimising ‖A·x − b‖₂, the solution of A·x = b
   * when m = n. Cost: 2mn + n² flops.
   *
   * @throws IllegalArgumentException if {@code b} is null or not of length m
   * @throws IllegalStateException if the factorisation failed
   */
  @Override
  public double[] solve(double[] b) {
    return solveLeastSquares(b, 1);
  }

  /**
   * Returns the n×k X minimising ‖A·X − B‖_F (column by column), X = R⁻¹·Qᵀ·B. Cost: (2mn + n²)·k
   * flops.
   *
   * @param b B, m×k row-major (not modified)
   * @param k the number of right-hand sides (columns of B), ≥ 0
   * @return a new n×k row-major array holding X
   * @throws IllegalArgumentException if {@code b} is null, k &lt; 0 or {@code b.length != m·k}
   * @throws IllegalStateException if the factorisation failed
   */
  public double[] solveLeastSquares(double[] b, int k) {
    String method = NAME + ".solveLeastSquares";
    FactorArguments.requireOk(method, this);
    FactorArguments.rightHandSide(method, "b", b, m, k);
    double[] x = new double[n * k];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double qij = q[i * n + j];
        for (int c = 0; c < k; c++) {
          x[j * k + c] += qij * b[i * k + c];
        }
      }
    }
    TriangularSolves.upper(r, n, false, x, k);
    return x;
  }

  @Override
  public String toString() {
    return FactorArguments.describe(NAME, m + "x" + n, this);
  }
}
