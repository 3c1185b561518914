package io.github.hypergrad4j.autodiff;

/**
 * Row-wise softmax p_ij = exp(x_ij − lse_i) with lse_i = log Σ_k exp(x_ik), computed stably by
 * subtracting the row maximum first (so no exp overflows, and at least one term is 1). Shared by
 * {@link LogSumExp}, {@link Softmax} and {@link SoftmaxCrossEntropy}, together with the JVP of
 * softmax, ṗ_ij = p_ij (ẋ_ij − Σ_k p_ik ẋ_ik). A vector is treated as a single row.
 */
final class RowSoftmax {

  private RowSoftmax() {}

  /**
   * Throws unless {@code s} is a non-empty vector or matrix: what the row-wise operations {@code
   * op} accept.
   */
  static void checkRows(String op, Shape s) {
    if (s.rank() == 0 || s.size() == 0) {
      throw new IllegalArgumentException(op + ": needs a non-empty vector or matrix, got shape " + s);
    }
  }

  /** Rows and columns of x seen as a matrix (a vector is one row). */
  static int rows(Shape s) {
    return s.rank() == 2 ? s.rows() : 1;
  }

  static int cols(Shape s) {
    return s.rank() == 2 ? s.cols() : s.size();
  }

  /** Writes p (rows×cols) and returns lse (one per row). */
  static double[] softmax(double[] x, int rows, int cols, double[] p) {
    double[] lse = new double[rows];
    for (int i = 0; i < rows; i++) {
      int o = i * cols;
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < cols; j++) {
        max = Math.max(max, x[o + j]);
      }
      if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
        // all −∞ (or a NaN): exp(x − max) is undefined; let IEEE produce NaN visibly
        max = 0.0;
      }
      double s = 0;
      for (int j = 0; j < cols; j++) {
        double e = Math.exp(x[o + j] - max);
        p[o + j] = e;
        s += e;
      }
      double inv = 1.0 / s;
      for (int j = 0; j < cols; j++) {
        p[o + j] *= inv;
      }
      lse[i] = max + Math.log(s);
    }
    return lse;
  }

  /** q_i = Σ_j p_ij·v_ij, one per row. */
  static double[] rowDot(double[] p, double[] v, int rows, int cols) {
    return rowDot(p, v, rows, cols, null);
  }

  /** The same into {@code into} (or a new array). */
  static double[] rowDot(double[] p, double[] v, int rows, int cols, double[] into) {
    double[] q = Operation.buffer(into, rows);
    for (int i = 0; i < rows; i++) {
      int o = i * cols;
      double s = 0;
      for (int j = 0; j < cols; j++) {
        s += p[o + j] * v[o + j];
      }
      q[i] = s;
    }
    return q;
  }

  /** ṗ = p ⊙ (ẋ − rowDot(p, ẋ)), the JVP of the row softmax. */
  static double[] tangent(double[] p, double[] xt, int rows, int cols) {
    return tangent(p, xt, rows, cols, null);
  }

  /** The same into {@code into} (or a new array). */
  static double[] tangent(double[] p, double[] xt, int rows, int cols, double[] into) {
    double[] q = rowDot(p, xt, rows, cols);
    double[] pt = Operation.buffer(into, p.length);
    for (int i = 0; i < rows; i++) {
      int o = i * cols;
      for (int j = 0; j < cols; j++) {
        pt[o + j] = p[o + j] * (xt[o + j] - q[i]);
      }
    }
    return pt;
  }
}
