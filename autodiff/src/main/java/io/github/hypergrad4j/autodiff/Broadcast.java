package io.github.hypergrad4j.autodiff;

/**
 * The two halves of broadcasting (see {@link Shape}): {@link #expand} repeats an operand along its
 * length-1 axes to the result's shape (forward), and {@link #accumulate} sums a result-shaped
 * adjoint back over those axes into the operand's adjoint (backward) — the VJP of expansion.
 * Equal shapes cost nothing: expand returns its argument and accumulate is a plain sum.
 */
final class Broadcast {

  private Broadcast() {}

  /** {@code v} (of shape {@code from}) repeated to shape {@code to}; {@code v} itself if equal. */
  static double[] expand(double[] v, Shape from, Shape to) {
    if (v == null || (from.rows() == to.rows() && from.cols() == to.cols())) {
      return v;
    }
    int rows = to.rows();
    int cols = to.cols();
    int rs = from.rows() == 1 ? 0 : from.cols();
    int cs = from.cols() == 1 ? 0 : 1;
    double[] out = new double[rows * cols];
    for (int i = 0; i < rows; i++) {
      int base = i * rs;
      for (int j = 0; j < cols; j++) {
        out[i * cols + j] = v[base + j * cs];
      }
    }
    return out;
  }

  /** target += (g, of shape {@code from}) summed over the axes along which {@code to} was expanded. */
  static void accumulate(double[] g, Shape from, double[] target, Shape to) {
    if (from.rows() == to.rows() && from.cols() == to.cols()) {
      for (int i = 0; i < g.length; i++) {
        target[i] += g[i];
      }
      return;
    }
    int rows = from.rows();
    int cols = from.cols();
    int rs = to.rows() == 1 ? 0 : to.cols();
    int cs = to.cols() == 1 ? 0 : 1;
    for (int i = 0; i < rows; i++) {
      int base = i * rs;
      for (int j = 0; j < cols; j++) {
        target[base + j * cs] += g[i * cols + j];
      }
    }
  }
}
