package io.github.hypergrad4j.autodiff;

/**
 * y = xᵀ for a matrix. Linear: ẏ = ẋᵀ, x̄ += ȳᵀ, x̄̇ += ȳ̇ᵀ. Cost: one copy each way. (The
 * matrix products read transposed operands in place, so prefer {@code transposeMatmul} and
 * {@code matmulTranspose} over an explicit transpose before a product.)
 */
final class Transpose extends Operation {

  private final Tensor x;

  private Transpose(Tensor x) {
    super("transpose", x);
    this.x = x;
  }

  static Tensor apply(Tensor x) {
    if (x.shape.rank() != 2) {
      throw new IllegalArgumentException(
          "transpose: needs a matrix, got shape " + x.shape + " (reshape a vector to a row or column)");
    }
    int r = x.shape.rows();
    int c = x.shape.cols();
    return new Transpose(x).emit(Shape.matrix(c, r), transpose(x.value, r, c),
        x.tangent == null ? null : transpose(x.tangent, r, c));
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
  public void backward() {
    int rows = out.shape.rows();
    int cols = out.shape.cols();
    linearBackward(x, x.shape, true, g -> transpose(g, rows, cols));
  }
}
