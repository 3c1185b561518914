package io.github.hypergrad4j.autodiff;

/**
 * Per-row softmax cross-entropy of logits x against integer labels: ℓ_i = lse_i − x_{i,y_i}
 * (= −log softmax(x_i)_{y_i}), computed stably through log-sum-exp, so logits of any size give a
 * finite loss. A matrix [m, c] gives a vector of m losses, a vector [c] (one row) a scalar; the
 * usual mean loss is {@code .mean()} of this.
 *
 * <ul>
 *   <li>JVP: ℓ̇_i = Σ_j p_ij ẋ_ij − ẋ_{i,y_i}.
 *   <li>VJP: x̄_ij += ℓ̄_i (p_ij − δ_{j,y_i}).
 *   <li>Second order: x̄̇_ij += ℓ̄̇_i (p_ij − δ_{j,y_i}) + ℓ̄_i ṗ_ij with ṗ the softmax JVP
 *       ({@link RowSoftmax#tangent}); the Hessian per row is diag(p_i) − p_i p_iᵀ.
 * </ul>
 */
final class SoftmaxCrossEntropy extends Operation {

  private final Tensor x;
  private final int[] labels;
  private final double[] p;

  private SoftmaxCrossEntropy(Tensor x, int[] labels, double[] p) {
    super("softmaxCrossEntropy", x);
    this.x = x;
    this.labels = labels;
    this.p = p;
  }

  static Tensor apply(Tensor x, int[] labels) {
    String op = "softmaxCrossEntropy";
    RowSoftmax.checkRows(op, x.shape);
    int rows = RowSoftmax.rows(x.shape);
    int cols = RowSoftmax.cols(x.shape);
    if (labels == null || labels.length != rows) {
      throw new IllegalArgumentException(op + ": logits of shape " + x.shape + " need " + rows
          + " labels, got " + (labels == null ? "null" : labels.length));
    }
    for (int i = 0; i < rows; i++) {
      if (labels[i] < 0 || labels[i] >= cols) {
        throw new IllegalArgumentException(
            op + ": label " + labels[i] + " of row " + i + " is outside [0, " + cols + ")");
      }
    }
    int[] y = labels.clone();
    double[] p = new double[x.size()];
    double[] lse = RowSoftmax.softmax(x.value, rows, cols, p);
    double[] value = new double[rows];
    for (int i = 0; i < rows; i++) {
      value[i] = lse[i] - x.value[i * cols + y[i]];
    }
    Shape shape = x.shape.rank() == 2 ? Shape.vector(rows) : Shape.scalar();
    SoftmaxCrossEntropy node = new SoftmaxCrossEntropy(x, y, p);
    return node.emit(shape, value, node.tangent(null));
  }

  @Override
  double[] tangent(double[] into) {
    if (x.tangent == null) {
      return null;
    }
    int rows = RowSoftmax.rows(x.shape);
    int cols = RowSoftmax.cols(x.shape);
    double[] tangent = RowSoftmax.rowDot(p, x.tangent, rows, cols, into);
    for (int i = 0; i < rows; i++) {
      tangent[i] -= x.tangent[i * cols + labels[i]];
    }
    return tangent;
  }

  @Override
  void backward(boolean gradient) {
    int rows = RowSoftmax.rows(x.shape);
    int cols = RowSoftmax.cols(x.shape);
    double[] g = out.grad;
    if (gradient) {
      double[] xg = x.gradAccumulator();
      for (int i = 0; i < rows; i++) {
        int o = i * cols;
        for (int j = 0; j < cols; j++) {
          xg[o + j] += g[i] * p[o + j];
        }
        xg[o + labels[i]] -= g[i];
      }
    }
    double[] gt = out.gradTangent;
    if (gt == null && x.tangent == null) {
      return;
    }
    double[] xgt = x.gradTangentAccumulator();
    if (gt != null) {
      for (int i = 0; i < rows; i++) {
        int o = i * cols;
        for (int j = 0; j < cols; j++) {
          xgt[o + j] += gt[i] * p[o + j];
        }
        xgt[o + labels[i]] -= gt[i];
      }
    }
    if (x.tangent != null) {
      double[] pt = RowSoftmax.tangent(p, x.tangent, rows, cols);
      for (int i = 0; i < rows; i++) {
        int o = i * cols;
        for (int j = 0; j < cols; j++) {
          xgt[o + j] += g[i] * pt[o + j];
        }
      }
    }
  }
}
