package io.github.hypergrad4j.linalg.factor;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.IGrowArray;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.LUDecomposition_F64;

/**
 * The LU factorisation with partial (row) pivoting P·A = L·U of a square n×n matrix: P a
 * permutation, L unit lower triangular with |L_ij| ≤ 1, U upper triangular. Computed by EJML
 * ({@code DecompositionFactory_DDRM.lu}, Crout/Doolittle as in JAMA).
 *
 * <p><b>Cost.</b> 2n³/3 flops to factor, plus at most 22n² for the singularity test below (11
 * solves); each solve costs 2n² flops per right-hand side.
 *
 * <p><b>Input.</b> A is a row-major {@code double[]} of exactly n·n elements and is never
 * modified.
 *
 * <p><b>Failure</b> is a {@link #status()}, never an exception from EJML:
 *
 * <ul>
 *   <li>{@link FactorizationStatus#NON_FINITE_INPUT}: A holds NaN or ±∞ (EJML is not called).
 *   <li>{@link FactorizationStatus#SINGULAR}: some pivot U_ii is exactly zero, or the estimated
 *       reciprocal condition number rcond = 1/(‖A‖₁·‖A⁻¹‖₁) is at most n·ε with ε = 2⁻⁵² ({@link
 *       #SINGULARITY_TOLERANCE_PER_DIMENSION}). ‖A⁻¹‖₁ is estimated from the factors by the
 *       Hager–Higham method (N. J. Higham, ACM TOMS 14(4), 1988, Algorithm 4.1, as in LAPACK's
 *       {@code dlacon}): at most 5 pairs of solves with A and Aᵀ plus one extra solve. The estimate
 *       is a lower bound on ‖A⁻¹‖₁, almost always within a factor 3, so the test flags matrices
 *       whose solutions would carry essentially no correct digits. EJML's own {@code
 *       isSingular()} is not used: it compares |U_ii| with an absolute 2⁻⁵², so it calls 10⁻²⁰·I
 *       singular and misses large, ill-conditioned matrices. Also used if EJML throws or the
 *       factors overflow (possible only for entries near {@link Double#MAX_VALUE}).
 * </ul>
 *
 * <p>Bad arguments (null, n &lt; 0, a wrong length) throw {@link IllegalArgumentException}. On a
 * failed result every accessor and solve throws {@link IllegalStateException} carrying the status
 * and {@link #message()}. Results are immutable and may be shared between threads.
 */
public final class LuFactorization implements Factorization {

  /** Per-dimension factor c of the singularity test rcond ≤ c·n: machine epsilon 2⁻⁵². */
  public static final double SINGULARITY_TOLERANCE_PER_DIMENSION = Math.ulp(1.0);

  private static final String NAME = "LuFactorization";

  private final int n;
  private final FactorizationStatus status;
  private final String message;
  private final double[] lu; // n×n: L below the diagonal (unit diagonal implied), U on and above
  private final int[] rows; // row i of P·A is row rows[i] of A
  private final double rcond;

  private LuFactorization(
      int n, FactorizationStatus status, String message, double[] lu, int[] rows, double rcond) {
    this.n = n;
    this.status = status;
    this.message = message;
    this.lu = lu;
    this.rows = rows;
    this.rcond = rcond;
  }

  /**
   * Factors the square n×n matrix {@code a} (row-major, not modified).
   *
   * @param a the matrix, exactly n·n elements
   * @param n its dimension, ≥ 0 (n = 0 gives an OK, empty factorisation with determinant 1)
   * @return the factorisation; check {@link #isOk()} before using it
   * @throws IllegalArgumentException if {@code a} is null, n &lt; 0 or {@code a.length != n·n}
   */
  public static LuFactorization factor(double[] a, int n) {
    FactorArguments.square(NAME + ".factor", a, n);
    int bad = FactorArguments.firstNonFinite(a);
    if (bad >= 0) {
      return failed(n, FactorizationStatus.NON_FINITE_INPUT,
          FactorArguments.describeNonFinite(a, bad, n));
    }
    if (n == 0) {
      return new LuFactorization(0, FactorizationStatus.OK, "OK (0x0 matrix)", new double[0],
          new int[0], Double.POSITIVE_INFINITY);
    }

    double[] lower;
    double[] upper;
    int[] pivots;
    try {
      LUDecomposition_F64<DMatrixRMaj> decomposition = DecompositionFactory_DDRM.lu(n, n);
      if (!decomposition.decompose(DMatrixRMaj.wrap(n, n, a.clone()))) {
        return failed(n, FactorizationStatus.SINGULAR,
            "EJML could not factor the " + n + "x" + n + " matrix");
      }
      lower = decomposition.getLower(null).data;
      upper = decomposition.getUpper(null).data;
      pivots = decomposition.getRowPivotV(new IGrowArray()).clone();
    } catch (RuntimeException e) {
      return failed(n, FactorizationStatus.SINGULAR,
          "EJML could not factor the " + n + "x" + n + " matrix: " + e);
    }

    double[] packed = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        packed[i * n + j] = j < i ? lower[i * n + j] : upper[i * n + j];
      }
    }
    int[] rows = Arrays.copyOf(pivots, n);
    if (FactorArguments.firstNonFinite(packed) >= 0) {
      return failed(n, FactorizationStatus.SINGULAR,
          "the LU factors of the " + n + "x" + n + " matrix overflowed; rescale it");
    }
    for (int i = 0; i < n; i++) {
      if (packed[i * n + i] == 0) {
        return failed(n, FactorizationStatus.SINGULAR,
            "the " + n + "x" + n + " matrix is singular: pivot U[" + i + "," + i + "] is zero");
      }
    }

    LuFactorization candidate =
        new LuFactorization(n, FactorizationStatus.OK, "OK", packed, rows, Double.NaN);
    double inverseNorm = InverseNormEstimator.estimate(
        n, x -> candidate.substitute(x, 1), candidate::substituteTransposed);
    double estimate = 1 / (InverseNormEstimator.oneNorm(a, n, n) * inverseNorm);
    double threshold = SINGULARITY_TOLERANCE_PER_DIMENSION * n;
    if (!(estimate > threshold)) {
      return failed(n, FactorizationStatus.SINGULAR,
          "the " + n + "x" + n + " matrix is numerically singular: estimated reciprocal condition"
              + " number " + estimate + " <= n*eps = " + threshold);
    }
    return new LuFactorization(n, FactorizationStatus.OK, "OK", packed, rows, estimate);
  }

  private static LuFactorization failed(int n, FactorizationStatus status, String message) {
    return new LuFactorization(n, status, message, null, null, Double.NaN);
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
   * Returns x with A·x = b, by L·y = P·b then U·x = y. Cost: 2n² flops.
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
    double[] x = new double[b.length];
    for (int i = 0; i < n; i++) {
      System.arraycopy(b, rows[i] * k, x, i * k, k);
    }
    TriangularSolves.lower(lu, n, true, x, k);
    TriangularSolves.upper(lu, n, false, x, k);
    return x;
  }

  /** bx ← A⁻¹·bx for an n×k block: permute, then L and U substitutions. */
  private void substitute(double[] bx, int k) {
    double[] permuted = solve(bx, k);
    System.arraycopy(permuted, 0, bx, 0, permuted.length);
  }

  /** x ← A⁻ᵀ·x: Aᵀ = Uᵀ·Lᵀ·P, so Uᵀ·w = x, Lᵀ·v = w, then x = Pᵀ·v. */
  private void substituteTransposed(double[] x) {
    TriangularSolves.upperTransposed(lu, n, false, x, 1);
    TriangularSolves.lowerTransposed(lu, n, true, x, 1);
    double[] v = x.clone();
    for (int i = 0; i < n; i++) {
      x[rows[i]] = v[i];
    }
  }

  /**
   * det A = sign(P)·Π U_ii. Cost: n flops. May overflow or underflow for large n even when A is
   * well conditioned.
   *
   * @throws IllegalStateException if the factorisation failed
   */
  public double determinant() {
    FactorArguments.requireOk(NAME + ".determinant", this);
    boolean[] seen = new boolean[n];
    double det = 1;
    for (int start = 0; start < n; start++) {
      // a cycle of length c in the permutation contributes (−1)^(c−1)
      int length = 0;
      for (int i = start; !seen[i]; i = rows[i]) {
        seen[i] = true;
        length++;
      }
      if (length > 0 && length % 2 == 0) {
        det = -det;
      }
    }
    for (int i = 0; i < n; i++) {
      det *= lu[i * n + i];
    }
    return det;
  }

  /**
   * The estimate of 1/(‖A‖₁·‖A⁻¹‖₁) used by the singularity test; it is at least the true value
   * and almost always within a factor 3 of it. +∞ for n = 0.
   *
   * @throws IllegalStateException if the factorisation failed
   */
  public double reciprocalConditionEstimate() {
    FactorArguments.requireOk(NAME + ".reciprocalConditionEstimate", this);
    return rcond;
  }

  /** A copy of the unit lower triangular L, n×n row-major. */
  public double[] lowerFactor() {
    FactorArguments.requireOk(NAME + ".lowerFactor", this);
    double[] l = new double[n * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(lu, i * n, l, i * n, i);
      l[i * n + i] = 1;
    }
    return l;
  }

  /** A copy of the upper triangular U, n×n row-major. */
  public double[] upperFactor() {
    FactorArguments.requireOk(NAME + ".upperFactor", this);
    double[] u = new double[n * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(lu, i * n + i, u, i * n + i, n - i);
    }
    return u;
  }

  /**
   * The permutation P as row indices, a copy: row i of P·A is row {@code rowPermutation()[i]} of
   * A.
   *
   * @throws IllegalStateException if the factorisation failed
   */
  public int[] rowPermutation() {
    FactorArguments.requireOk(NAME + ".rowPermutation", this);
    return rows.clone();
  }

  @Override
  public String toString() {
    return FactorArguments.describe(NAME, n + "x" + n, this);
  }
}
