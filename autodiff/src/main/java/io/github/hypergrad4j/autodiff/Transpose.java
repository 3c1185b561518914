package io.github.hypergrad4j.autodiff;

/**
 * y = xᵀ for a matrix. Linear: ẏ = ẋᵀ, x̄ += ȳᵀ, x̄̇ += ȳ̇ᵀ. Cost: one copy each way. (The
 * matrix products read transposed operands in place, so prefer {@code transposeMatmul} and
 * {@code matmulTranspose} over an explicit transpose before a product.)
 */
final class Transpose implements Node {

  private final Tensor x;
  private final Tensor out;

  private Transpose(Tensor x, Tensor out) {
    this.x = x;
    this.out = out;
  }

  static Tensor apply(Tensor x) {
    if (x.shape.rank() != 2) {
      throw new IllegalArgumentException(
          "transpose: needs a matrix, got shape " + x.shape + " (reshape a vector to a row or column)");
    }
    int r = x.shape.rows();
    int c = x.shape.cols();
    Tensor out = x.tape.result("transpose", Shape.matrix(c, r), transpose(x.value, r, c),
        x.tangent == null ? null : transpose(x.tangent, r, c), x.differentiable);
    if (x.differentiable) {
      x.tape.record(new Transpose(x, out));
    }
    return out;
  }

  static double[] transpose(double[] v, int rows, int cols) {
    double[] t = new double[v.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        t[j * rows + i] = v[i * cols + j];
      }
    }
    return t;
  }

  @Override
  public String name() {
    return "transpose";
  }

  @Override
  public Tensor[] inputs() {
    return new Tensor[] {x};
  }

  @Override
  public Tensor output() {
    return out;
  }

  @Override
  public void backward() {
    int rows = out.shape.rows();
    int cols = out.shape.cols();
    x.addGrad(transpose(out.grad, rows, cols), x.shape, true);
    if (out.gradTangent != null) {
      x.addGradTangent(transpose(out.gradTangent, rows, cols), x.shape, true);
    }
  }
}
