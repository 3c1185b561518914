package io.github.hypergrad4j.linalg;

/**
 * A dense n×n matrix as an operator: {@code apply} is one {@link Kernels#gemv}, 2n² flops.
 *
 * <p>The matrix is held by reference, not copied (materialised Hessians can be large): later
 * changes to the array are seen by later products. Symmetry is decided once, at construction, by
 * exact comparison of A[i][j] with A[j][i] (so a matrix assembled with rounding asymmetry is not
 * symmetric: wrap it with {@link #symmetrized}, which takes (A + Aᵀ)/2). Any operator becomes one
 * of these by {@code new DenseMatrixOperator(op.toDense(), op.dim())} ({@link
 * LinearOperator#toDense()}: n products).
 */
public final class DenseMatrixOperator implements LinearOperator {

  private final double[] a;
  private final int n;
  private final boolean symmetric;

  /**
   * @param a the matrix, row-major, exactly n·n elements
   * @param n its dimension
   * @throws IllegalArgumentException if {@code a.length != n·n}
   */
  public DenseMatrixOperator(double[] a, int n) {
    if (a == null) {
      throw new IllegalArgumentException("DenseMatrixOperator: a is null");
    }
    if (n < 0 || (long) n * n != a.length) {
      throw new IllegalArgumentException(
          "DenseMatrixOperator: n = " + n + " needs an array of n*n elements, got length " + a.length);
    }
    this.a = a;
    this.n = n;
    this.symmetric = isSymmetric(a, n);
  }

  /**
   * The symmetric part (A + Aᵀ)/2 of an n×n matrix, as a new operator that owns a copy: for a
   * matrix that is symmetric in theory but assembled with rounding asymmetry (a Hessian built
   * column by column from products), so that symmetric-only solvers accept it. Cost: n² additions.
   *
   * @throws IllegalArgumentException if {@code a.length != n·n}
   */
  public static DenseMatrixOperator symmetrized(double[] a, int n) {
    new DenseMatrixOperator(a, n); // validates the sizes
    double[] s = new double[a.length];
    for (int i = 0; i < n; i++) {
      s[i * n + i] = a[i * n + i];
      for (int j = i + 1; j < n; j++) {
        double v = 0.5 * (a[i * n + j] + a[j * n + i]);
        s[i * n + j] = v;
        s[j * n + i] = v;
      }
    }
    return new DenseMatrixOperator(s, n);
  }

  private static boolean isSymmetric(double[] a, int n) {
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (a[i * n + j] != a[j * n + i]) { // 0.0 and -0.0 are equal; NaN is never symmetric
          return false;
        }
      }
    }
    return true;
  }

  /** A copy of the matrix, without products. */
  @Override
  public double[] toDense() {
    return a.clone();
  }

  /** The row-major array this operator reads (not a copy). */
  public double[] matrix() {
    return a;
  }

  @Override
  public int dim() {
    return n;
  }

  @Override
  public void apply(double[] x, double[] out) {
    OperatorArguments.checkApply("DenseMatrixOperator", n, x, out);
    Kernels.gemv(n, n, 1.0, a, x, 0.0, out);
  }

  @Override
  public boolean isSymmetric() {
    return symmetric;
  }
}
