package io.github.hypergrad4j.autodiff;

import io.github.hypergrad4j.linalg.Kernels;
import java.util.Arrays;

/**
 * Sums and means: y = c·Σ x over all elements (a scalar), over each row (a vector with one entry
 * per row) or over each column (one entry per column), with c = 1 for a sum and 1/count for a
 * mean. Linear: ẏ = c·Σ ẋ; x̄ += c·ȳ broadcast back over the summed axis; x̄̇ += c·ȳ̇ likewise.
 * Cost: one pass over x each way.
 */
final class Sum extends Operation {

  /** What is summed. */
  enum Axis {
    ALL,
    /** one result per row: Σ_j x_ij */
    ROWS,
    /** one result per column: Σ_i x_ij */
    COLUMNS
  }

  private final Tensor x;
  private final Axis axis;
  private final double c;

  private Sum(String name, Tensor x, Axis axis, double c) {
    super(name, x);
    this.x = x;
    this.axis = axis;
    this.c = c;
  }

  static Tensor apply(Tensor x, Axis axis, boolean mean) {
    String name = (mean ? "mean" : "sum") + switch (axis) {
      case ALL -> "";
      case ROWS -> "Rows";
      case COLUMNS -> "Cols";
    };
    int rows = x.shape.rows();
    int cols = x.shape.cols();
    if (axis != Axis.ALL && x.shape.rank() != 2) {
      throw new IllegalArgumentException(name + ": needs a matrix, got shape " + x.shape);
    }
    int count = switch (axis) {
      case ALL -> rows * cols;
      case ROWS -> cols;
      case COLUMNS -> rows;
    };
    if (mean && count == 0) {
      throw new IllegalArgumentException(name + ": the mean of zero elements is undefined (shape " + x.shape + ")");
    }
    double c = mean ? 1.0 / count : 1.0;
    Shape shape = switch (axis) {
      case ALL -> Shape.scalar();
      case ROWS -> Shape.vector(rows);
      case COLUMNS -> Shape.vector(cols);
    };
    double[] value = reduce(x.value, rows, cols, axis, c, null);
    Sum node = new Sum(name, x, axis, c);
    return node.emit(shape, value, node.tangent(null));
  }

  @Override
  double[] tangent(double[] into) {
    return x.tangent == null ? null : reduce(x.tangent, x.shape.rows(), x.shape.cols(), axis, c, into);
  }

  /** c·Σ v over the axis, into {@code into} (or a new array). */
  private static double[] reduce(double[] v, int rows, int cols, Axis axis, double c, double[] into) {
    switch (axis) {
      case ALL -> {
        double[] r = buffer(into, 1);
        r[0] = c * Kernels.sum(v);
        return r;
      }
      case ROWS -> {
        double[] r = buffer(into, rows);
        for (int i = 0; i < rows; i++) {
          r[i] = c * Kernels.sum(cols, v, i * cols);
        }
        return r;
      }
      default -> {
        double[] r = buffer(into, cols);
        Arrays.fill(r, 0.0);
        for (int i = 0; i < rows; i++) {
          Kernels.axpy(cols, 1.0, v, i * cols, r, 0);
        }
        for (int j = 0; j < cols; j++) {
          r[j] *= c;
        }
        return r;
      }
    }
  }

  /** c·g spread back over the summed axis, as a new array of x's shape. */
  private double[] spread(double[] g) {
    int rows = x.shape.rows();
    int cols = x.shape.cols();
    double[] r = new double[rows * cols];
    switch (axis) {
      case ALL -> java.util.Arrays.fill(r, c * g[0]);
      case ROWS -> {
        for (int i = 0; i < rows; i++) {
          java.util.Arrays.fill(r, i * cols, (i + 1) * cols, c * g[i]);
        }
      }
      case COLUMNS -> {
        for (int i = 0; i < rows; i++) {
          for (int j = 0; j < cols; j++) {
            r[i * cols + j] = c * g[j];
          }
        }
      }
    }
    return r;
  }

  @Override
  void backward(boolean gradient) {
    linearBackward(gradient, x, x.shape, true, this::spread);
  }
}
