package io.github.hypergrad4j.autodiff;

import io.github.hypergrad4j.linalg.Kernels;

/**
 * Broadcasting (see {@link Shape}) in both directions. Forward, {@link #combine} applies an
 * element-wise operation to operands of broadcastable shapes; backward, {@link #accumulate} sums
 * a result-shaped adjoint over the broadcast axes into an operand's adjoint — the VJP of
 * repetition. Equal shapes run on the {@link Kernels}; a row vector against every row of a matrix
 * (a bias) runs as plain loops over ranges of rows ({@link Kernels#forRanges}), and its adjoint,
 * the column sums, over ranges of columns; the others expand first.
 */
final class Broadcast {

  /** The element-wise operations that broadcast. */
  enum Op {
    ADD,
    SUB,
    MUL,
    DIV
  }

  private Broadcast() {}

  /** Whether two shapes hold the same rows × cols (rank aside). */
  static boolean sameExtent(Shape a, Shape b) {
    return a.rows() == b.rows() && a.cols() == b.cols();
  }

  /** Whether {@code s} is one row that is repeated over the rows of {@code out}. */
  private static boolean isRepeatedRow(Shape s, Shape out) {
    return s.rows() == 1 && out.rows() > 1 && s.cols() == out.cols();
  }

  /** Rows (or columns) per parallel range for lines of {@code length} elements: about 2¹⁶ elements. */
  private static int rowGrain(int length) {
    return Math.max(1, (1 << 16) / Math.max(1, length));
  }

  /** out = a ∘ b with broadcasting to shape {@code to}. */
  static double[] combine(Op op, double[] a, Shape as, double[] b, Shape bs, Shape to) {
    return combineInto(op, a, as, b, bs, to, new double[to.size()]);
  }

  /** out = a ∘ b with broadcasting to shape {@code to}, into a given array of that size; returns it. */
  static double[] combineInto(Op op, double[] a, Shape as, double[] b, Shape bs, Shape to, double[] out) {
    int rows = to.rows();
    int cols = to.cols();
    boolean aFull = sameExtent(as, to);
    boolean bFull = sameExtent(bs, to);
    if (aFull && bFull) {
      apply(op, out.length, a, 0, b, 0, out, 0);
    } else if (aFull && isRepeatedRow(bs, to)) {
      Kernels.forRanges(rows, rowGrain(cols), (from, end) -> withRow(op, a, b, false, cols, from, end, out));
    } else if (bFull && isRepeatedRow(as, to)) {
      Kernels.forRanges(rows, rowGrain(cols), (from, end) -> withRow(op, b, a, true, cols, from, end, out));
    } else {
      apply(op, out.length, expand(a, as, to), 0, expand(b, bs, to), 0, out, 0);
    }
    return out;
  }

  /**
   * Rows [from, end) of out = m ∘ r (or r ∘ m when {@code rowFirst}) for a matrix m and a row r
   * repeated down it: plain loops, one pass, no kernel call per row (a bias of a few dozen
   * elements would otherwise cost a call per row); each element is the one IEEE operation, as
   * the kernels compute it.
   */
  private static void withRow(Op op, double[] m, double[] r, boolean rowFirst, int cols, int from, int end, double[] out) {
    for (int i = from; i < end; i++) {
      int o = i * cols;
      switch (op) {
        case ADD -> {
          for (int j = 0; j < cols; j++) {
            out[o + j] = m[o + j] + r[j]; // IEEE addition commutes
          }
        }
        case MUL -> {
          for (int j = 0; j < cols; j++) {
            out[o + j] = m[o + j] * r[j];
          }
        }
        case SUB -> {
          if (rowFirst) {
            for (int j = 0; j < cols; j++) {
              out[o + j] = r[j] - m[o + j];
            }
          } else {
            for (int j = 0; j < cols; j++) {
              out[o + j] = m[o + j] - r[j];
            }
          }
        }
        case DIV -> {
          if (rowFirst) {
            for (int j = 0; j < cols; j++) {
              out[o + j] = r[j] / m[o + j];
            }
          } else {
            for (int j = 0; j < cols; j++) {
              out[o + j] = m[o + j] / r[j];
            }
          }
        }
      }
    }
  }

  private static void apply(Op op, int n, double[] x, int xOff, double[] y, int yOff, double[] out, int outOff) {
    switch (op) {
      case ADD -> Kernels.add(n, x, xOff, y, yOff, out, outOff);
      case SUB -> Kernels.sub(n, x, xOff, y, yOff, out, outOff);
      case MUL -> Kernels.hadamard(n, x, xOff, y, yOff, out, outOff);
      case DIV -> Kernels.divide(n, x, xOff, y, yOff, out, outOff);
    }
  }

  /** {@code v} (of shape {@code from}) repeated to shape {@code to}; {@code v} itself if equal. */
  static double[] expand(double[] v, Shape from, Shape to) {
    if (v == null || sameExtent(from, to)) {
      return v;
    }
    int rows = to.rows();
    int cols = to.cols();
    double[] out = new double[rows * cols];
    if (isRepeatedRow(from, to)) {
      for (int i = 0; i < rows; i++) {
        System.arraycopy(v, 0, out, i * cols, cols);
      }
      return out;
    }
    int rs = from.rows() == 1 ? 0 : from.cols();
    int cs = from.cols() == 1 ? 0 : 1;
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
    int rows = from.rows();
    int cols = from.cols();
    if (sameExtent(from, to)) {
      Kernels.add(target, g, target);
    } else if (isRepeatedRow(to, from)) {
      // column sums, rows in order for every column; split over ranges of columns
      Kernels.forRanges(cols, rowGrain(rows), (c0, c1) -> {
        for (int i = 0; i < rows; i++) {
          int o = i * cols;
          for (int j = c0; j < c1; j++) {
            target[j] += g[o + j];
          }
        }
      });
    } else if (to.size() == 1) {
      target[0] += Kernels.sum(g);
    } else if (to.cols() == 1 && to.rows() == rows) {
      for (int i = 0; i < rows; i++) {
        target[i] += Kernels.sum(cols, g, i * cols);
      }
    } else {
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
}
