package io.github.hypergrad4j.linalg.factor;

import java.util.Random;

/**
 * Plain-Java reference arithmetic for the factorisation tests: products, norms, random matrices
 * with known structure. Independent of EJML, so the tests never check EJML against itself.
 */
final class TestMatrices {

  /** Machine epsilon, 2⁻⁵². */
  static final double EPS = Math.ulp(1.0);

  private TestMatrices() {}

  /** An m×n matrix of independent standard normal entries. */
  static double[] gaussian(Random random, int m, int n) {
    double[] a = new double[m * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = random.nextGaussian();
    }
    return a;
  }

  /** An m×n matrix of integers drawn uniformly from [−4, 4]. */
  static double[] smallIntegers(Random random, int m, int n) {
    double[] a = new double[m * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = random.nextInt(9) - 4;
    }
    return a;
  }

  /** The m×n product of the m×k matrix a and the k×n matrix b. */
  static double[] multiply(double[] a, int m, int k, double[] b, int n) {
    double[] c = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int p = 0; p < k; p++) {
        double aip = a[i * k + p];
        for (int j = 0; j < n; j++) {
          c[i * n + j] += aip * b[p * n + j];
        }
      }
    }
    return c;
  }

  /** The m×n matrix a times the vector x. */
  static double[] multiply(double[] a, int m, int n, double[] x) {
    return multiply(a, m, n, x, 1);
  }

  static double[] transpose(double[] a, int m, int n) {
    double[] t = new double[n * m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        t[j * m + i] = a[i * n + j];
      }
    }
    return t;
  }

  static double[] identity(int n) {
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      a[i * n + i] = 1;
    }
    return a;
  }

  static double[] subtract(double[] a, double[] b) {
    double[] c = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i] - b[i];
    }
    return c;
  }

  /** Frobenius norm (Euclidean norm of a vector), scaled so that it cannot overflow or underflow. */
  static double norm(double[] a) {
    double scale = 0;
    for (double v : a) {
      scale = Math.max(scale, Math.abs(v));
    }
    if (scale == 0 || !Double.isFinite(scale)) {
      return scale;
    }
    double s = 0;
    for (double v : a) {
      s += (v / scale) * (v / scale);
    }
    return scale * Math.sqrt(s);
  }

  /**
   * A random orthogonal n×n matrix: modified Gram–Schmidt, applied twice, on a Gaussian matrix
   * (columns orthonormalised).
   */
  static double[] randomOrthogonal(Random random, int n) {
    double[] q = gaussian(random, n, n);
    for (int pass = 0; pass < 2; pass++) {
      for (int j = 0; j < n; j++) {
        for (int p = 0; p < j; p++) {
          double dot = 0;
          for (int i = 0; i < n; i++) {
            dot += q[i * n + p] * q[i * n + j];
          }
          for (int i = 0; i < n; i++) {
            q[i * n + j] -= dot * q[i * n + p];
          }
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += q[i * n + j] * q[i * n + j];
        }
        double inv = 1 / Math.sqrt(s);
        for (int i = 0; i < n; i++) {
          q[i * n + j] *= inv;
        }
      }
    }
    return q;
  }

  /** Q·diag(s)·Qᵀ, made exactly symmetric by copying the upper triangle down. */
  static double[] withSpectrum(double[] q, double[] s) {
    int n = s.length;
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
          sum += q[i * n + k] * s[k] * q[j * n + k];
        }
        a[i * n + j] = sum;
        a[j * n + i] = sum;
      }
    }
    return a;
  }

  /** A random symmetric matrix: (G + Gᵀ)/2 for a Gaussian G, exactly symmetric. */
  static double[] randomSymmetric(Random random, int n) {
    double[] g = gaussian(random, n, n);
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double v = 0.5 * (g[i * n + j] + g[j * n + i]);
        a[i * n + j] = v;
        a[j * n + i] = v;
      }
    }
    return a;
  }

  /** ‖M‖₁, the largest absolute column sum of the n×n M. */
  static double oneNorm(double[] m, int n) {
    double max = 0;
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += Math.abs(m[i * n + j]);
      }
      max = Math.max(max, s);
    }
    return max;
  }
}
