package io.github.hypergrad4j.linalg.factor;

/**
 * Checks of the arguments and of the input matrix shared by the factorisations of this package.
 * Each argument failure is an {@link IllegalArgumentException} naming the method, the argument
 * and the sizes it saw; the input checks (finiteness, symmetry) either return where the problem
 * is or, for symmetry, throw.
 */
final class FactorArguments {

  /**
   * Relative tolerance of the symmetry check: |a_ij − a_ji| must not exceed this times max |a_kl|.
   * About √ε: far above the rounding asymmetry of a matrix assembled column by column (a few ε
   * times the size of the terms summed), far below the O(‖A‖) asymmetry of a wrong matrix.
   */
  static final double SYMMETRY_TOLERANCE = 1e-8;

  private FactorArguments() {}

  /** Requires {@code a} to hold exactly a rows×cols matrix, with rows, cols ≥ 0. */
  static void matrix(String method, double[] a, int rows, int cols) {
    if (a == null) {
      throw new IllegalArgumentException(method + ": a is null");
    }
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException(
          method + ": dimensions must be >= 0, got " + rows + "x" + cols);
    }
    long need = (long) rows * cols;
    if (a.length != need) {
      throw new IllegalArgumentException(
          method + ": a " + rows + "x" + cols + " matrix needs an array of " + need
              + " elements, but a has length " + a.length);
    }
  }

  /** Requires {@code a} to hold exactly an n×n matrix, with n ≥ 0. */
  static void square(String method, double[] a, int n) {
    if (n < 0) {
      throw new IllegalArgumentException(method + ": n must be >= 0, got " + n);
    }
    matrix(method, a, n, n);
  }

  /**
   * Requires {@code b} to hold exactly a rows×columns right-hand side (row-major) for a system
   * with {@code rows} equations.
   */
  static void rightHandSide(String method, String name, double[] b, int rows, int columns) {
    if (b == null) {
      throw new IllegalArgumentException(method + ": " + name + " is null");
    }
    if (columns < 0) {
      throw new IllegalArgumentException(
          method + ": the number of right-hand sides must be >= 0, got " + columns);
    }
    long need = (long) rows * columns;
    if (b.length != need) {
      String shape = columns == 1 ? "" : " (" + rows + "x" + columns + ")";
      throw new IllegalArgumentException(
          method + ": " + name + " has length " + b.length + " but the system has " + rows
              + " equations, so it needs " + need + " elements" + shape);
    }
  }

  /** Index of the first NaN or infinite element, or −1 when all are finite. */
  static int firstNonFinite(double[] a) {
    for (int i = 0; i < a.length; i++) {
      if (!Double.isFinite(a[i])) {
        return i;
      }
    }
    return -1;
  }

  /** Describes the non-finite element at {@code index} of a matrix with {@code cols} columns. */
  static String describeNonFinite(double[] a, int index, int cols) {
    return "a[" + index + "] (row " + index / cols + ", column " + index % cols + ") is "
        + a[index] + "; nothing was computed";
  }

  /** Largest absolute value of the elements (0 for an empty array). */
  static double maxAbs(double[] a) {
    double max = 0;
    for (double v : a) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }

  /**
   * Returns (A + Aᵀ)/2 as a new array after checking that the finite n×n matrix A is symmetric
   * to {@link #SYMMETRY_TOLERANCE}.
   *
   * @throws IllegalArgumentException naming the worst pair when |a_ij − a_ji| &gt; tol·max|a|
   */
  static double[] symmetrizedCopy(String method, double[] a, int n) {
    double allowed = SYMMETRY_TOLERANCE * maxAbs(a);
    double[] s = a.clone();
    int worstI = -1;
    int worstJ = -1;
    double worst = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double upper = a[i * n + j];
        double lower = a[j * n + i];
        double gap = Math.abs(upper - lower);
        if (gap > worst) {
          worst = gap;
          worstI = i;
          worstJ = j;
        }
        double mean = 0.5 * upper + 0.5 * lower;
        s[i * n + j] = mean;
        s[j * n + i] = mean;
      }
    }
    if (worst > allowed) {
      throw new IllegalArgumentException(
          method + ": the " + n + "x" + n + " matrix a is not symmetric: |a[" + worstI + ","
              + worstJ + "] - a[" + worstJ + "," + worstI + "]| = " + worst + " exceeds "
              + SYMMETRY_TOLERANCE + " * max|a| = " + allowed + " (relative asymmetry "
              + worst / maxAbs(a) + "); if a is symmetric in theory and only rounding (or"
              + " assembly from products) made it asymmetric, pass its symmetric part (a + a^T)/2,"
              + " DenseMatrixOperator.symmetrized(a, n).matrix()");
    }
    return s;
  }

  /** Throws the exception of a failed factorisation used anyway, unless it is OK. */
  static void requireOk(String method, Factorization factorization) {
    if (!factorization.isOk()) {
      throw new IllegalStateException(method + ": the factorisation failed ("
          + factorization.status() + ": " + factorization.message() + ")");
    }
  }

  /** The toString of a factorisation: name, shape, status and message. */
  static String describe(String name, String shape, Factorization factorization) {
    return name + "[" + shape + ", " + factorization.status() + ": " + factorization.message()
        + "]";
  }
}
