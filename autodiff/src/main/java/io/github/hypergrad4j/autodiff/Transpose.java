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
    Transpose node = new Transpose(x);
    return node.emit(Shape.matrix(c, r), transpose(x.value, r, c, null), node.tangent(null));
  }

  /** vᵀ for a rows × cols matrix v, into {@code into} (or a new array). */
  static double[] transpose(double[] v, int rows, int cols, double[] into) {
    double[] t = buffer(into, v.length);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        t[j * rows + i] = v[i * cols + j];
      }
    }
    return t;
  }

  @Override
  double[] tangent(double[] into) {
    return x.tangent == null ? null : transpose(x.tangent, x.shape.rows(), x.shape.cols(), into);
  }

  @Override
  void backward(boolean gradient) {
    int rows = x.shape.cols();
    int cols = x.shape.rows();
    linearBackward(gradient, x, x.shape, true, g -> transpose(g, rows, cols, null));
  }
}
