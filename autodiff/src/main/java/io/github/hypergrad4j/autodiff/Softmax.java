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
final class Softmax implements Node {

  private final Tensor x;
  private final Tensor out;

  private Softmax(Tensor x, Tensor out) {
    this.x = x;
    this.out = out;
  }

  static Tensor apply(Tensor x) {
    if (x.shape.rank() == 0 || x.size() == 0) {
      throw new IllegalArgumentException("softmaxRows: needs a non-empty vector or matrix, got shape " + x.shape);
    }
    int rows = RowSoftmax.rows(x.shape);
    int cols = RowSoftmax.cols(x.shape);
    double[] p = new double[x.size()];
    RowSoftmax.softmax(x.value, rows, cols, p);
    double[] tangent = x.tangent == null ? null : RowSoftmax.tangent(p, x.tangent, rows, cols);
    Tensor out = x.tape.result("softmaxRows", x.shape, p, tangent, x.differentiable);
    if (x.differentiable) {
      x.tape.record(new Softmax(x, out));
    }
    return out;
  }

  @Override
  public String name() {
    return "softmaxRows";
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
    int rows = RowSoftmax.rows(x.shape);
    int cols = RowSoftmax.cols(x.shape);
    double[] y = out.value;
    double[] yt = out.tangent;
    double[] g = out.grad;
    double[] gt = out.gradTangent;
    double[] s = RowSoftmax.rowDot(g, y, rows, cols);
    double[] xg = x.gradAccumulator();
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        int ij = i * cols + j;
        xg[ij] += y[ij] * (g[ij] - s[i]);
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
