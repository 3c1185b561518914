package io.github.hypergrad4j.autodiff;

/**
 * Row-wise softmax y_ij = exp(x_ij) / Σ_k exp(x_ik) (a vector is one row), computed stably.
 *
 * <ul>
 *   <li>JVP: ẏ_ij = y_ij (ẋ_ij − Σ_k y_ik ẋ_ik).
 *   <li>VJP: x̄_ij += y_ij (ȳ_ij − s_i) with s_i = Σ_k ȳ_ik y_ik.
 *   <li>Second order: x̄̇_ij += ẏ_ij (ȳ_ij − s_i) + y_ij (ȳ̇_ij − ṡ_i), ṡ_i = Σ_k (ȳ̇_ik y_ik +
 *       ȳ_ik ẏ_ik).
 * </ul>
 */
final class Softmax extends Operation {

  private final Tensor x;
  private final double[] p; // the value

  private Softmax(Tensor x, double[] p) {
    super("softmaxRows", x);
    this.x = x;
    this.p = p;
  }

  static Tensor apply(Tensor x) {
    RowSoftmax.checkRows("softmaxRows", x.shape);
    int rows = RowSoftmax.rows(x.shape);
    int cols = RowSoftmax.cols(x.shape);
    double[] p = new double[x.size()];
    RowSoftmax.softmax(x.value, rows, cols, p);
    Softmax node = new Softmax(x, p);
    return node.emit(x.shape, p, node.tangent(null));
  }

  @Override
  double[] tangent(double[] into) {
    return x.tangent == null ? null
        : RowSoftmax.tangent(p, x.tangent, RowSoftmax.rows(x.shape), RowSoftmax.cols(x.shape), into);
  }

  @Override
  void backward(boolean gradient) {
    int rows = RowSoftmax.rows(x.shape);
    int cols = RowSoftmax.cols(x.shape);
    double[] y = out.value;
    double[] yt = out.tangent;
    double[] g = out.grad;
    double[] gt = out.gradTangent;
    double[] s = RowSoftmax.rowDot(g, y, rows, cols);
    if (gradient) {
      double[] xg = x.gradAccumulator();
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          int ij = i * cols + j;
          xg[ij] += y[ij] * (g[ij] - s[i]);
        }
      }
    }
    if (gt == null && yt == null) {
      return;
    }
    double[] sdot = new double[rows];
    if (gt != null) {
      double[] a = RowSoftmax.rowDot(gt, y, rows, cols);
      for (int i = 0; i < rows; i++) {
        sdot[i] += a[i];
      }
    }
    if (yt != null) {
      double[] b = RowSoftmax.rowDot(g, yt, rows, cols);
      for (int i = 0; i < rows; i++) {
        sdot[i] += b[i];
      }
    }
    double[] xgt = x.gradTangentAccumulator();
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        int ij = i * cols + j;
        double v = y[ij] * ((gt == null ? 0.0 : gt[ij]) - sdot[i]);
        if (yt != null) {
          v += yt[ij] * (g[ij] - s[i]);
        }
        xgt[ij] += v;
      }
    }
  }
}
