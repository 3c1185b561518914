package io.github.hypergrad4j.linalg;

/** A diagonal matrix diag(d) as an operator: out_i = d_i·x_i, n multiplications. Symmetric. */
public final class DiagonalOperator implements LinearOperator {

  private final double[] d;

  /** @param diagonal the diagonal entries (copied) */
  public DiagonalOperator(double[] diagonal) {
    if (diagonal == null) {
      throw new IllegalArgumentException("DiagonalOperator: diagonal is null");
    }
    this.d = diagonal.clone();
  }

  /** A copy of the diagonal. */
  public double[] diagonal() {
    return d.clone();
  }

  /** diag(d) as a dense n×n matrix, without products. */
  @Override
  public double[] toDense() {
    int n = d.length;
    OperatorArguments.denseDimension("DiagonalOperator.toDense", n);
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      a[i * n + i] = d[i];
    }
    return a;
  }

  @Override
  public int dim() {
    return d.length;
  }

  @Override
  public void apply(double[] x, double[] out) {
    OperatorArguments.checkApply("DiagonalOperator", d.length, x, out);
    Kernels.hadamard(d, x, out);
  }

  @Override
  public boolean isSymmetric() {
    return true;
  }
}
