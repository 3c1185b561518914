package io.github.hypergrad4j.autodiff;

/**
 * Row-wise log-sum-exp y_i = log Σ_j exp(x_ij) (a matrix gives one value per row, a vector one
 * scalar), computed stably (see {@link RowSoftmax}); p = softmax(x) row-wise is kept from the
 * forward pass.
 *
 * <ul>
 *   <li>JVP: ẏ_i = Σ_j p_ij ẋ_ij.
 *   <li>VJP: x̄_ij += ȳ_i p_ij.
 *   <li>Second order: x̄̇_ij += ȳ̇_i p_ij + ȳ_i ṗ_ij with ṗ_ij = p_ij (ẋ_ij − ẏ_i).
 * </ul>
 */
final class LogSumExp extends Operation {

  private final Tensor x;
  private final double[] p;

  private LogSumExp(Tensor x, double[] p) {
    super("logSumExpRows", x);
    this.x = x;
    this.p = p;
  }

  static Tensor apply(Tensor x) {
    RowSoftmax.checkRows("logSumExpRows", x.shape);
    int rows = RowSoftmax.rows(x.shape);
    int cols = RowSoftmax.cols(x.shape);
    double[] p = new double[x.size()];
    double[] value = RowSoftmax.softmax(x.value, rows, cols, p);
    Shape shape = x.shape.rank() == 2 ? Shape.vector(rows) : Shape.scalar();
    LogSumExp node = new LogSumExp(x, p);
    return node.emit(shape, value, node.tangent(null));
  }

  @Override
  double[] tangent(double[] into) {
    return x.tangent == null ? null
        : RowSoftmax.rowDot(p, x.tangent, RowSoftmax.rows(x.shape), RowSoftmax.cols(x.shape), into);
  }

  @Override
  void backward(boolean gradient) {
    int rows = RowSoftmax.rows(x.shape);
    int cols = RowSoftmax.cols(x.shape);
    double[] g = out.grad;
    if (gradient) {
      double[] xg = x.gradAccumulator();
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          xg[i * cols + j] += g[i] * p[i * cols + j];
        }
      }
    }
    double[] gt = out.gradTangent;
    if (gt == null && x.tangent == null) {
      return;
    }
    double[] xgt = x.gradTangentAccumulator();
    double[] pt = x.tangent == null ? null : RowSoftmax.tangent(p, x.tangent, rows, cols);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        int ij = i * cols + j;
        double s = gt == null ? 0.0 : gt[i] * p[ij];
        if (pt != null) {
          s += g[i] * pt[ij];
        }
        xgt[ij] += s;
      }
    }
  }
}
