package io.github.hypergrad4j.linalg;

/**
 * A + ρI, the damped operator of the inverse-HVP solvers: one product with A plus n
 * multiply-adds. Symmetric when A is. Reached through {@link LinearOperator#shifted}.
 */
final class ShiftedOperator implements LinearOperator {

  private static final String NAME = "LinearOperator.shifted";

  private final LinearOperator a;
  private final double rho;

  /** @throws IllegalArgumentException if ρ is not finite */
  ShiftedOperator(LinearOperator a, double rho) {
    this.a = a;
    this.rho = OperatorArguments.finite(NAME, "rho", rho);
  }

  @Override
  public int dim() {
    return a.dim();
  }

  @Override
  public void apply(double[] x, double[] out) {
    OperatorArguments.checkApply(NAME, a.dim(), x, out);
    a.apply(x, out);
    Kernels.axpy(rho, x, out);
  }

  @Override
  public boolean isSymmetric() {
    return a.isSymmetric();
  }
}
