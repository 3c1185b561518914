package io.github.hypergrad4j.autodiff;

/**
 * Placing two row-major rows×n arrays side by side as one rows×2n array, and taking such an
 * array apart again: how {@link MatMul} computes a value and its tangent (or an adjoint and its
 * tangent) in one matrix product.
 */
final class Stacking {

  private Stacking() {}

  /** [x, y]: rows×2n with x in columns 0..n−1 and y in columns n..2n−1. */
  static double[] columns(double[] x, double[] y, int rows, int n) {
    double[] both = new double[rows * 2 * n];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(x, i * n, both, i * 2 * n, n);
      System.arraycopy(y, i * n, both, i * 2 * n + n, n);
    }
    return both;
  }

  /** left ← columns 0..n−1 of {@code both}, right ← columns n..2n−1. */
  static void split(double[] both, int rows, int n, double[] left, double[] right) {
    for (int i = 0; i < rows; i++) {
      System.arraycopy(both, i * 2 * n, left, i * n, n);
      System.arraycopy(both, i * 2 * n + n, right, i * n, n);
    }
  }

  /** left += columns 0..n−1 of {@code both}, right += columns n..2n−1. */
  static void splitAdd(double[] both, int rows, int n, double[] left, double[] right) {
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < n; j++) {
        left[i * n + j] += both[i * 2 * n + j];
        right[i * n + j] += both[i * 2 * n + n + j];
      }
    }
  }
}
