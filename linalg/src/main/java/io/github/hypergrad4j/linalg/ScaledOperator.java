package io.github.hypergrad4j.linalg;

/**
 * c·A: one product with A and n multiplications. Symmetric when A is. Reached through {@link
 * LinearOperator#scaled}.
 */
final class ScaledOperator implements LinearOperator {

  private static final String NAME = "LinearOperator.scaled";

  private final LinearOperator a;
  private final double c;

  /** @throws IllegalArgumentException if c is not finite */
  ScaledOperator(LinearOperator a, double c) {
    this.a = a;
    this.c = OperatorArguments.finite(NAME, "c", c);
  }

  @Override
  public int dim() {
    return a.dim();
  }

  @Override
  public void apply(double[] x, double[] out) {
    OperatorArguments.checkApply(NAME, a.dim(), x, out);
    a.apply(x, out);
    Kernels.scal(c, out);
  }

  @Override
  public boolean isSymmetric() {
    return a.isSymmetric();
  }
}
