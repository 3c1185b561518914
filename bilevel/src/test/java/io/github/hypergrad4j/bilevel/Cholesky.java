package io.github.hypergrad4j.bilevel;

/** Test-only: a dense symmetric positive definite solve in plain loops, independent of the library. */
final class Cholesky {

  private Cholesky() {}

  /** x = A⁻¹b for a symmetric positive definite A (Cholesky A = LLᵀ, then two triangular solves). */
  static double[] solve(double[] a, double[] b, int d) {
    double[] l = new double[d * d];
    for (int j = 0; j < d; j++) {
      double s = a[j * d + j];
      for (int k = 0; k < j; k++) {
        s -= l[j * d + k] * l[j * d + k];
      }
      if (!(s > 0)) {
        throw new IllegalStateException("Cholesky: matrix not positive definite at column " + j);
      }
      l[j * d + j] = Math.sqrt(s);
      for (int i = j + 1; i < d; i++) {
        double t = a[i * d + j];
        for (int k = 0; k < j; k++) {
          t -= l[i * d + k] * l[j * d + k];
        }
        l[i * d + j] = t / l[j * d + j];
      }
    }
    double[] z = new double[d];
    for (int i = 0; i < d; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[i * d + k] * z[k];
      }
      z[i] = s / l[i * d + i];
    }
    double[] x = new double[d];
    for (int i = d - 1; i >= 0; i--) {
      double s = z[i];
      for (int k = i + 1; k < d; k++) {
        s -= l[k * d + i] * x[k];
      }
      x[i] = s / l[i * d + i];
    }
    return x;
  }
}
