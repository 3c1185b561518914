package io.github.hypergrad4j.linalg.factor;

/**
 * Substitution with a triangular factor held in a row-major n×n array, on an n×k right-hand side
 * B (row-major, k columns) overwritten by the solution X. Only the triangle named by the method
 * is read; with {@code unitDiagonal} the diagonal is not read either and taken as 1. Each call
 * costs n² flops per right-hand side. Callers check sizes and that the diagonal is nonzero.
 */
final class TriangularSolves {

  private TriangularSolves() {}

  /** L X = B by forward substitution, L lower triangular. */
  static void lower(double[] l, int n, boolean unitDiagonal, double[] b, int k) {
    for (int i = 0; i < n; i++) {
      int bi = i * k;
      for (int j = 0; j < i; j++) {
        double lij = l[i * n + j];
        if (lij != 0) {
          int bj = j * k;
          for (int c = 0; c < k; c++) {
            b[bi + c] -= lij * b[bj + c];
          }
        }
      }
      if (!unitDiagonal) {
        divideRow(b, bi, k, l[i * n + i]);
      }
    }
  }

  /** U X = B by back substitution, U upper triangular. */
  static void upper(double[] u, int n, boolean unitDiagonal, double[] b, int k) {
    for (int i = n - 1; i >= 0; i--) {
      int bi = i * k;
      for (int j = i + 1; j < n; j++) {
        double uij = u[i * n + j];
        if (uij != 0) {
          int bj = j * k;
          for (int c = 0; c < k; c++) {
            b[bi + c] -= uij * b[bj + c];
          }
        }
      }
      if (!unitDiagonal) {
        divideRow(b, bi, k, u[i * n + i]);
      }
    }
  }

  /**
   * Lᵀ X = B with L lower triangular (an upper triangular system), reading L by rows: once x_i is
   * final, row i of L holds its coefficients in the equations j &lt; i.
   */
  static void lowerTransposed(double[] l, int n, boolean unitDiagonal, double[] b, int k) {
    for (int i = n - 1; i >= 0; i--) {
      int bi = i * k;
      if (!unitDiagonal) {
        divideRow(b, bi, k, l[i * n + i]);
      }
      for (int j = 0; j < i; j++) {
        double lij = l[i * n + j];
        if (lij != 0) {
          int bj = j * k;
          for (int c = 0; c < k; c++) {
            b[bj + c] -= lij * b[bi + c];
          }
        }
      }
    }
  }

  /**
   * Uᵀ X = B with U upper triangular (a lower triangular system), reading U by rows: once x_i is
   * final, row i of U holds its coefficients in the equations j &gt; i.
   */
  static void upperTransposed(double[] u, int n, boolean unitDiagonal, double[] b, int k) {
    for (int i = 0; i < n; i++) {
      int bi = i * k;
      if (!unitDiagonal) {
        divideRow(b, bi, k, u[i * n + i]);
      }
      for (int j = i + 1; j < n; j++) {
        double uij = u[i * n + j];
        if (uij != 0) {
          int bj = j * k;
          for (int c = 0; c < k; c++) {
            b[bj + c] -= uij * b[bi + c];
          }
        }
      }
    }
  }

  private static void divideRow(double[] b, int start, int k, double d) {
    for (int c = 0; c < k; c++) {
      b[start + c] /= d;
    }
  }
}
