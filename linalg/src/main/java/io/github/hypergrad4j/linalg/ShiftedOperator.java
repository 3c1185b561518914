package io.github.hypergrad4j.linalg;

/**
 * A + ρI, the damped operator of the inverse-HVP solvers: one product with A plus n
 * multiply-adds. Symmetric when A is.
 */
public final class ShiftedOperator implements LinearOperator {

  private final LinearOperator a;
  private final double rho;

  /** @throws IllegalArgumentException if {@code a} is null or ρ is not finite */
  public ShiftedOperator(LinearOperator a, double rho) {
    if (a == null) {
      throw new IllegalArgumentException("ShiftedOperator: operator is null");
    }
    this.a = a;
    this.rho = OperatorArguments.finite("ShiftedOperator", "rho", rho);
  }

  /** The shift ρ. */
  public double shift() {
    return rho;
  }

  /** The operator that is shifted. */
  public LinearOperator base() {
    return a;
  }

  @Override
  public int dim() {
    return a.dim();
  }

  @Override
  public void apply(double[] x, double[] out) {
    OperatorArguments.checkApply("ShiftedOperator", a.dim(), x, out);
    a.apply(x, out);
    Kernels.axpy(rho, x, out);
  }

  @Override
  public boolean isSymmetric() {
    return a.isSymmetric();
  }
}
