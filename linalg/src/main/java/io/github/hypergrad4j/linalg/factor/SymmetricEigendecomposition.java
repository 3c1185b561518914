package io.github.hypergrad4j.linalg.factor;

import io.github.hypergrad4j.linalg.Kernels;
import java.util.Arrays;
import java.util.Comparator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.eig.SymmetricQRAlgorithmDecomposition_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;

/**
 * The eigendecomposition A = Q·diag(w)·Qᵀ of a symmetric n×n matrix: w the real eigenvalues in
 * ascending order, Q orthogonal (QᵀQ = I) with the eigenvector of w_j as its column j. Computed by
 * EJML's symmetric QR algorithm: Householder reduction to tridiagonal form, then implicit
 * shifted QR steps (Golub and Van Loan, Matrix Computations, 4th ed., §8.3).
 *
 * <p><b>Cost.</b> About 9n³ flops with eigenvectors (4n³/3 for the tridiagonal reduction, the
 * rest forming Q and accumulating the rotations), plus n² to check and copy the input.
 *
 * <p><b>Input.</b> A is a row-major {@code double[]} of exactly n·n elements and is never
 * modified. It must be symmetric to a relative tolerance of 10⁻⁸ (|a_ij − a_ji| ≤ 10⁻⁸·max|a|;
 * see {@link #SYMMETRY_TOLERANCE}), otherwise {@link IllegalArgumentException}: the tolerance is
 * about √ε, far above the rounding asymmetry of a matrix assembled column by column (e.g. a
 * Hessian from n Hessian-vector products) and far below the O(‖A‖) asymmetry of a wrong
 * matrix. The exception names the worst pair and the relative asymmetry max|a_ij − a_ji|/max|a|;
 * a matrix that is symmetric in theory but further off than the tolerance (entries of very
 * different sizes, say) can be passed as its symmetric part, {@link
 * io.github.hypergrad4j.linalg.DenseMatrixOperator#symmetrized}{@code (a, n).matrix()}. What is
 * decomposed is the symmetric part (A + Aᵀ)/2.
 *
 * <p><b>Failure</b> is a {@link #status()}, never an exception from EJML:
 * {@link FactorizationStatus#NON_FINITE_INPUT} when A holds NaN or ±∞ (EJML is not called);
 * {@link FactorizationStatus#NO_CONVERGENCE} when EJML's QR iteration gives up (it allows 225
 * steps per eigenvalue), throws, or returns non-finite values. Bad arguments (null, n &lt; 0, a
 * wrong length, a non-symmetric matrix) throw {@link IllegalArgumentException}. On a failed
 * result every accessor throws {@link IllegalStateException} carrying the status and {@link
 * #message()}. Eigenvectors of a repeated eigenvalue are some orthonormal basis of its
 * eigenspace, and each eigenvector's sign is arbitrary (but the same for the same input). Results
 * are immutable and may be shared between threads.
 */
public final class SymmetricEigendecomposition implements Factorization {

  /** Relative tolerance of the symmetry check, |a_ij − a_ji| ≤ tol·max|a|. */
  public static final double SYMMETRY_TOLERANCE = FactorArguments.SYMMETRY_TOLERANCE;

  private static final String NAME = "SymmetricEigendecomposition";

  private final int n;
  private final FactorizationStatus status;
  private final String message;
  private final double[] values; // ascending; null unless OK
  private final double[] vectors; // n×n row-major, column j belongs to values[j]; null unless OK

  private SymmetricEigendecomposition(
      int n, FactorizationStatus status, String message, double[] values, double[] vectors) {
    this.n = n;
    this.status = status;
    this.message = message;
    this.values = values;
    this.vectors = vectors;
  }

  /**
   * Decomposes the symmetric n×n matrix {@code a} (row-major, not modified).
   *
   * @param a the matrix, exactly n·n elements, symmetric to {@link #SYMMETRY_TOLERANCE}
   * @param n its dimension, ≥ 0 (n = 0 gives an OK, empty decomposition)
   * @return the decomposition; check {@link #isOk()} before using it
   * @throws IllegalArgumentException if {@code a} is null, n &lt; 0, {@code a.length != n·n} or
   *     {@code a} is not symmetric
   */
  public static SymmetricEigendecomposition factor(double[] a, int n) {
    return factor(a, n, -1);
  }

  /** As {@link #factor(double[], int)}; a positive {@code maxSteps} overrides EJML's step limit. */
  static SymmetricEigendecomposition factor(double[] a, int n, int maxSteps) {
    String method = NAME + ".factor";
    FactorArguments.square(method, a, n);
    int bad = FactorArguments.firstNonFinite(a);
    if (bad >= 0) {
      return failed(n, FactorizationStatus.NON_FINITE_INPUT,
          FactorArguments.describeNonFinite(a, bad, n));
    }
    double[] work = FactorArguments.symmetrizedCopy(method, a, n);
    if (n == 0) {
      return new SymmetricEigendecomposition(
          0, FactorizationStatus.OK, "OK (0x0 matrix)", new double[0], new double[0]);
    }

    double[] rawValues = new double[n];
    double[][] rawVectors = new double[n][];
    try {
      // what DecompositionFactory_DDRM.eig(n, true, true) builds, kept concrete for the step limit
      SymmetricQRAlgorithmDecomposition_DDRM eig = new SymmetricQRAlgorithmDecomposition_DDRM(
          DecompositionFactory_DDRM.tridiagonal(n), true);
      if (maxSteps > 0) {
        eig.setMaxIterations(maxSteps);
      }
      if (!eig.decompose(DMatrixRMaj.wrap(n, n, work))) {
        return failed(n, FactorizationStatus.NO_CONVERGENCE,
            "the symmetric QR algorithm did not converge on the " + n + "x" + n + " matrix");
      }
      for (int j = 0; j < n; j++) {
        rawValues[j] = eig.getEigenvalue(j).real;
        rawVectors[j] = eig.getEigenVector(j).data.clone();
      }
    } catch (RuntimeException e) {
      return failed(n, FactorizationStatus.NO_CONVERGENCE,
          "EJML could not decompose the " + n + "x" + n + " matrix: " + e);
    }

    Integer[] order = new Integer[n];
    for (int j = 0; j < n; j++) {
      order[j] = j;
    }
    Arrays.sort(order, Comparator.comparingDouble(j -> rawValues[j]));
    double[] sortedValues = new double[n];
    double[] q = new double[n * n];
    for (int c = 0; c < n; c++) {
      int j = order[c];
      sortedValues[c] = rawValues[j];
      double[] v = rawVectors[j];
      if (v.length != n) {
        return failed(n, FactorizationStatus.NO_CONVERGENCE,
            "EJML returned an eigenvector of length " + v.length + " for a " + n + "x" + n
                + " matrix");
      }
      for (int i = 0; i < n; i++) {
        q[i * n + c] = v[i];
      }
    }
    if (FactorArguments.firstNonFinite(sortedValues) >= 0
        || FactorArguments.firstNonFinite(q) >= 0) {
      return failed(n, FactorizationStatus.NO_CONVERGENCE,
          "EJML returned non-finite eigenvalues or eigenvectors for the " + n + "x" + n
              + " matrix");
    }
    return new SymmetricEigendecomposition(n, FactorizationStatus.OK, "OK", sortedValues, q);
  }

  private static SymmetricEigendecomposition failed(
      int n, FactorizationStatus status, String message) {
    return new SymmetricEigendecomposition(n, status, message, null, null);
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
   * Returns x = A⁻¹·b = Q·diag(1/w)·Qᵀ·b. Cost: 4n² flops. A symmetric matrix decomposes whether
   * or not it is singular, so this solve refuses one that is numerically singular: min|w_j| ≤
   * n·ε·max|w_j| (1/κ₂(A) at most n·ε, the test of {@link CholeskyFactorization} and {@link
   * LuFactorization}); use {@link #eigenvalues()} and {@link #eigenvectors()} for a
   * pseudo-inverse.
   *
   * @param b the right-hand side, length n (not modified)
   * @return a new array holding x
   * @throws IllegalArgumentException if {@code b} is null or not of length n
   * @throws IllegalStateException if the decomposition failed or A is numerically singular
   */
  @Override
  public double[] solve(double[] b) {
    String method = NAME + ".solve";
    FactorArguments.requireOk(method, this);
    FactorArguments.rightHandSide(method, "b", b, n, 1);
    double largest = n == 0 ? 0 : Math.max(Math.abs(values[0]), Math.abs(values[n - 1]));
    double smallest = Double.POSITIVE_INFINITY;
    for (double w : values) {
      smallest = Math.min(smallest, Math.abs(w));
    }
    double threshold = Math.ulp(1.0) * n * largest;
    if (n > 0 && !(smallest > threshold)) {
      throw new IllegalStateException(method + ": the " + n + "x" + n + " matrix is numerically"
          + " singular: min|w| = " + smallest + " <= n*eps*max|w| = " + threshold);
    }
    double[] c = new double[n];
    Kernels.gemvTransposed(n, n, 1.0, vectors, b, 0.0, c);
    Kernels.divide(c, values, c); // diag(1/w)·Qᵀb
    double[] x = new double[n];
    Kernels.gemv(n, n, 1.0, vectors, c, 0.0, x);
    return x;
  }

  /**
   * A copy of the eigenvalues w, ascending.
   *
   * @throws IllegalStateException if the decomposition failed
   */
  public double[] eigenvalues() {
    FactorArguments.requireOk(NAME + ".eigenvalues", this);
    return values.clone();
  }

  /**
   * A copy of Q, n×n row-major: column j ({@code q[i·n + j]}, i = 0..n−1) is the unit eigenvector
   * of {@code eigenvalues()[j]}.
   *
   * @throws IllegalStateException if the decomposition failed
   */
  public double[] eigenvectors() {
    FactorArguments.requireOk(NAME + ".eigenvectors", this);
    return vectors.clone();
  }

  /**
   * A copy of column j of Q, the unit eigenvector of {@code eigenvalues()[j]}.
   *
   * @throws IllegalArgumentException if j is not in [0, n)
   * @throws IllegalStateException if the decomposition failed
   */
  public double[] eigenvector(int j) {
    String method = NAME + ".eigenvector";
    FactorArguments.requireOk(method, this);
    if (j < 0 || j >= n) {
      throw new IllegalArgumentException(
          method + ": j = " + j + " is outside [0, " + n + ") for a " + n + "x" + n + " matrix");
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = vectors[i * n + j];
    }
    return v;
  }

  @Override
  public String toString() {
    return FactorArguments.describe(NAME, n + "x" + n, this);
  }
}
