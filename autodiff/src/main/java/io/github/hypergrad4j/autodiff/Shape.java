package io.github.hypergrad4j.autodiff;

/**
 * The shape of a tensor of rank 0 (scalar), 1 (vector of length n) or 2 (matrix rows × cols).
 * Values are stored row-major, so a vector of length n has the same layout as a 1×n or an n×1
 * matrix; {@link #rows()} and {@link #cols()} describe it as 1×n.
 *
 * <p>Broadcasting of the element-wise binary operations follows NumPy on two axes: shapes are
 * aligned on the right (a vector is a 1×n row), and an axis of length 1 stretches to the other
 * operand's length. So a scalar combines with anything, a vector [n] or a row [1, n] with every
 * row of an [m, n] matrix, and a column [m, 1] with every column.
 *
 * @param rank 0, 1 or 2
 * @param rows 1 for rank 0 and 1, else the number of rows
 * @param cols 1 for rank 0, the length for rank 1, else the number of columns
 */
public record Shape(int rank, int rows, int cols) {

  private static final Shape SCALAR = new Shape(0, 1, 1);

  /** Validates the components. */
  public Shape {
    if (rank < 0 || rank > 2) {
      throw new IllegalArgumentException("Shape: rank must be 0, 1 or 2, got " + rank);
    }
    if (rows < 0 || cols < 0 || (rank < 2 && rows != 1) || (rank == 0 && cols != 1)) {
      throw new IllegalArgumentException(
          "Shape: invalid rows = " + rows + ", cols = " + cols + " for rank " + rank);
    }
  }

  /** The shape of a scalar. */
  public static Shape scalar() {
    return SCALAR;
  }

  /** The shape of a vector of length n ≥ 0. */
  public static Shape vector(int n) {
    return new Shape(1, 1, n);
  }

  /** The shape of a rows × cols matrix. */
  public static Shape matrix(int rows, int cols) {
    return new Shape(2, rows, cols);
  }

  /** Number of elements. */
  public int size() {
    return rows * cols;
  }

  /** True for rank 0. */
  public boolean isScalar() {
    return rank == 0;
  }

  /**
   * The shape of {@code a ∘ b} under broadcasting (see the class comment).
   *
   * @throws IllegalArgumentException naming {@code op} and both shapes when they do not broadcast
   */
  static Shape broadcast(String op, Shape a, Shape b) {
    int rows = axis(a.rows, b.rows);
    int cols = axis(a.cols, b.cols);
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException(
          op + ": shapes " + a + " and " + b + " do not broadcast");
    }
    return new Shape(Math.max(a.rank, b.rank), rows, cols);
  }

  private static int axis(int x, int y) {
    return x == y ? x : x == 1 ? y : y == 1 ? x : -1;
  }

  @Override
  public String toString() {
    return switch (rank) {
      case 0 -> "[]";
      case 1 -> "[" + cols + "]";
      default -> "[" + rows + ", " + cols + "]";
    };
  }
}
