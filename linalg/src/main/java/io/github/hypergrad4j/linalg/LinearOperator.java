package io.github.hypergrad4j.linalg;

/**
 * A square linear map A: ℝⁿ → ℝⁿ known only through its products {@code out = A·x}: a dense or
 * diagonal matrix, a Hessian at a point (each product one forward-over-reverse sweep), or a sum,
 * scaling or shift of other operators. The inverse-HVP solvers see nothing else of a Hessian.
 *
 * <p>Contract of {@link #apply}: {@code x} and {@code out} have length {@link #dim()} and are
 * different arrays; {@code x} is only read; every element of {@code out} is overwritten (its
 * previous content is ignored). Implementations throw {@link IllegalArgumentException} naming
 * the lengths when this is violated.
 *
 * <p>Operators are combined with {@link #plus}, {@link #scaled} and {@link #shifted}, and
 * materialised as a dense matrix with {@link #toDense()}.
 */
public interface LinearOperator {

  /** The largest n for which an n×n matrix fits one Java array (n² ≤ 2³¹ − 1). */
  int MAX_DENSE_DIMENSION = 46340;

  /** n, the dimension of the (square) operator. */
  int dim();

  /** out ← A·x. */
  void apply(double[] x, double[] out);

  /**
   * Whether A = Aᵀ is guaranteed (a Hessian, a diagonal, a symmetric dense matrix). Solvers that
   * need symmetry (CG, MINRES, Lanczos) refuse an operator that does not say so. Default: false.
   */
  default boolean isSymmetric() {
    return false;
  }

  /**
   * The operator A + B (same dimension); symmetric when both are. Each of its products is one
   * product of each.
   *
   * @throws IllegalArgumentException if {@code other} is null or of another dimension
   */
  default LinearOperator plus(LinearOperator other) {
    return new SumOperator(this, other);
  }

  /**
   * The operator c·A; symmetric when A is. Each of its products is one product with A.
   *
   * @throws IllegalArgumentException if c is NaN or infinite
   */
  default LinearOperator scaled(double c) {
    return new ScaledOperator(this, c);
  }

  /**
   * The operator A + ρI (damping, Tikhonov shift); symmetric when A is. Each of its products is
   * one product with A.
   *
   * @throws IllegalArgumentException if ρ is NaN or infinite
   */
  default LinearOperator shifted(double rho) {
    return new ShiftedOperator(this, rho);
  }

  /**
   * A as a dense n×n matrix, row-major, in a new array: column j is A·e_j.
   *
   * <p><b>Cost.</b> n products with A (this default; an operator that holds its matrix, such as
   * {@link DenseMatrixOperator} or {@link DiagonalOperator}, returns it without products) and n²
   * doubles of memory.
   *
   * <p>The matrix is what the products give. A Hessian assembled from n Hessian-vector products is
   * symmetric only to rounding: symmetrise it with {@link DenseMatrixOperator#symmetrized} before a
   * routine that wants exact symmetry.
   *
   * @return the n·n elements, {@code a[i·n + j]} = (A·e_j)_i
   * @throws IllegalArgumentException if n &gt; {@value #MAX_DENSE_DIMENSION} (n² elements do not
   *     fit an array)
   */
  default double[] toDense() {
    int n = dim();
    OperatorArguments.denseDimension("LinearOperator.toDense", n);
    double[] a = new double[n * n];
    double[] unit = new double[n];
    double[] column = new double[n];
    for (int j = 0; j < n; j++) {
      unit[j] = 1;
      apply(unit, column);
      unit[j] = 0;
      for (int i = 0; i < n; i++) {
        a[i * n + j] = column[i];
      }
    }
    return a;
  }
}
