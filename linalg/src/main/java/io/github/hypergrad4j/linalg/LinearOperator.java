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
 */
public interface LinearOperator {

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

  /** The operator A + B (same dimension); symmetric when both are. One product of each. */
  default LinearOperator plus(LinearOperator other) {
    return new SumOperator(this, other);
  }

  /** The operator c·A; symmetric when A is. */
  default LinearOperator scaled(double c) {
    return new ScaledOperator(this, c);
  }

  /** The operator A + ρI (damping, Tikhonov shift); symmetric when A is. */
  default LinearOperator shifted(double rho) {
    return new ShiftedOperator(this, rho);
  }
}
