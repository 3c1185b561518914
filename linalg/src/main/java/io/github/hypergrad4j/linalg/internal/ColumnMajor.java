package io.github.hypergrad4j.linalg.internal;

/** Writing column-major accumulators into a row-major result, C ← columns + β·C. */
public final class ColumnMajor {

  private ColumnMajor() {}

  /** c[i·cols + j] ← columns[j·m + i] + β·c[i·cols + j] (β = 0 ignores what C held). */
  public static void addInto(double[] columns, int m, int cols, double beta, double[] c) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < cols; j++) {
        int ij = i * cols + j;
        double v = columns[j * m + i];
        c[ij] = beta == 0.0 ? v : v + beta * c[ij];
      }
    }
  }
}
