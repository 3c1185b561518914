package io.github.hypergrad4j.autodiff;

import io.github.hypergrad4j.linalg.Kernels;

/**
 * Row selection: y_r = x_{index[r]} for the rows of a matrix, or the elements of a vector (rows of
 * length 1). Indices may repeat and come in any order ({@code gatherRows}: mini-batches); a
 * contiguous range is a slice ({@code sliceRows}, {@code slice}: the parts of a flat parameter
 * vector). Linear: ẏ = gather(ẋ); x̄_{index[r]} += ȳ_r (scatter-add, so repeated rows sum their
 * adjoints); x̄̇ likewise from ȳ̇. Cost: one copy of the selected rows each way.
 */
final class Gather extends Operation {

  private final Tensor x;
  private final int[] index; // null for the contiguous range [from, from + count)
  private final int from;
  private final int width;
  private final int count;

  private Gather(String op, Tensor x, int[] index, int from, int width, int count) {
    super(op, x);
    this.x = x;
    this.index = index;
    this.from = from;
    this.width = width;
    this.count = count;
  }

  /** Rows (of a matrix) or elements (of a vector) at the given indices. */
  static Tensor rows(Tensor x, int[] index) {
    String op = "gatherRows";
    if (index == null) {
      throw new IllegalArgumentException(op + ": index is null");
    }
    int count = rowCount(op, x);
    for (int r = 0; r < index.length; r++) {
      if (index[r] < 0 || index[r] >= count) {
        throw new IllegalArgumentException(
            op + ": index[" + r + "] = " + index[r] + " is outside [0, " + count + ") for shape " + x.shape);
      }
    }
    return make(op, x, index.clone(), 0, index.length);
  }

  /** Rows (or elements) from (inclusive) to to (exclusive). */
  static Tensor range(String op, Tensor x, int from, int to) {
    int count = rowCount(op, x);
    if (from < 0 || to > count || from > to) {
      throw new IllegalArgumentException(
          op + ": range [" + from + ", " + to + ") is not within [0, " + count + "] for shape " + x.shape);
    }
    return make(op, x, null, from, to - from);
  }

  private static int rowCount(String op, Tensor x) {
    if (x.shape.rank() == 0) {
      throw new IllegalArgumentException(op + ": needs a vector or a matrix, got a scalar");
    }
    return x.shape.rank() == 2 ? x.shape.rows() : x.size();
  }

  private static Tensor make(String op, Tensor x, int[] index, int from, int count) {
    int width = x.shape.rank() == 2 ? x.shape.cols() : 1;
    Shape shape = x.shape.rank() == 2 ? Shape.matrix(count, width) : Shape.vector(count);
    double[] value = select(x.value, index, from, count, width, null);
    Gather node = new Gather(op, x, index, from, width, count);
    return node.emit(shape, value, node.tangent(null));
  }

  @Override
  double[] tangent(double[] into) {
    return x.tangent == null ? null : select(x.tangent, index, from, count, width, into);
  }

  private static double[] select(double[] v, int[] index, int from, int count, int width, double[] into) {
    double[] r = buffer(into, count * width);
    if (index == null) {
      System.arraycopy(v, from * width, r, 0, count * width);
    } else {
      for (int i = 0; i < count; i++) {
        System.arraycopy(v, index[i] * width, r, i * width, width);
      }
    }
    return r;
  }

  private void scatterAdd(double[] g, double[] target) {
    if (index == null) {
      Kernels.add(g.length, target, from * width, g, 0, target, from * width); // a slice: one block
      return;
    }
    int count = g.length / Math.max(width, 1);
    for (int i = 0; i < count; i++) {
      int src = (index == null ? from + i : index[i]) * width;
      for (int j = 0; j < width; j++) {
        target[src + j] += g[i * width + j];
      }
    }
  }

  @Override
  void backward(boolean gradient) {
    linearBackwardInPlace(gradient, x, this::scatterAdd);
  }
}
