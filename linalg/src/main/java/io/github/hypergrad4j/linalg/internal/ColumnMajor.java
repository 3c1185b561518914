package io.github.hypergrad4j.linalg.internal;

/** Writing column-major accumulators into a row-major result, C ← columns + β·C. */
public final class ColumnMajor {

  private ColumnMajor() {}

  /**
   * c[(first + i)·cols + j] ← columns[j·m + i] + β·c[(first + i)·cols + j] for i &lt; m (β = 0
   * ignores what C held): m rows of C from row {@code first} on.
   */
  public static void addInto(double[] columns, int m, int cols, double beta, double[] c, int first) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < cols; j++) {
        int ij = (first + i) * cols + j;
        double v = columns[j * m + i];
        c[ij] = beta == 0.0 ? v : v + beta * c[ij];
      }
    }
  }
}
