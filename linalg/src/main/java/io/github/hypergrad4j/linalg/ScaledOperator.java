package io.github.hypergrad4j.linalg;

/** c·A: one product with A and n multiplications. Symmetric when A is. */
public final class ScaledOperator implements LinearOperator {

  private final LinearOperator a;
  private final double c;

  /** @throws IllegalArgumentException if {@code a} is null or c is not finite */
  public ScaledOperator(LinearOperator a, double c) {
    if (a == null) {
      throw new IllegalArgumentException("ScaledOperator: operator is null");
    }
    this.a = a;
    this.c = OperatorArguments.finite("ScaledOperator", "c", c);
  }

  @Override
  public int dim() {
    return a.dim();
  }

  @Override
  public void apply(double[] x, double[] out) {
    OperatorArguments.checkApply("ScaledOperator", a.dim(), x, out);
    a.apply(x, out);
    Kernels.scal(c, out);
  }

  @Override
  public boolean isSymmetric() {
    return a.isSymmetric();
  }
}
