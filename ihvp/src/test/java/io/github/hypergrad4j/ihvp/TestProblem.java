package io.github.hypergrad4j.ihvp;

import io.github.hypergrad4j.linalg.DenseMatrixOperator;
import io.github.hypergrad4j.linalg.Kernels;
import io.github.hypergrad4j.linalg.factor.QrFactorization;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A symmetric test matrix of known spectrum, A = Q·diag(s)·Qᵀ with Q a random orthogonal matrix,
 * stored exactly symmetric, with a fixed right-hand side; and the reference arithmetic the tests
 * check the solvers with (closed-form solutions and residuals in plain loops, independent of the
 * solvers and of the kernels they use). Problems are cached: the suites share them.
 */
final class TestProblem {

  private static final Map<String, TestProblem> CACHE = new ConcurrentHashMap<>();

  final String name;
  final int n;
  final double[] q; // n×n orthogonal, column j is the eigenvector of s[j]
  final double[] s;
  final double[] matrix; // row-major, exactly symmetric
  final double[] b; // a Gaussian right-hand side
  final double[] rangeB; // a right-hand side in range(A): A·g

  private TestProblem(String name, double[] s, long seed) {
    this.name = name;
    this.n = s.length;
    this.s = s.clone();
    Random random = new Random(seed);
    this.q = randomOrthogonal(random, n);
    double[] qs = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        qs[i * n + j] = q[i * n + j] * s[j];
      }
    }
    double[] a = new double[n * n];
    Kernels.gemmTransposedB(n, n, n, 1.0, qs, q, 0.0, a);
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        a[j * n + i] = a[i * n + j];
      }
    }
    this.matrix = a;
    this.b = gaussian(random, n);
    double[] g = gaussian(random, n);
    this.rangeB = multiply(a, n, g);
  }

  @Override
  public String toString() {
    return name;
  }

  /** A symmetric positive-definite matrix with eigenvalues in [1, κ], both ends attained. */
  static TestProblem spd(int n, double kappa, long seed) {
    return CACHE.computeIfAbsent("spd n=" + n + " kappa=" + kappa + " seed=" + seed, name -> {
      Random random = new Random(seed ^ 0x5bd1e995L);
      double[] s = new double[n];
      for (int i = 0; i < n; i++) {
        s[i] = i == 0 ? 1 : i == 1 ? kappa : Math.pow(kappa, random.nextDouble());
      }
      if (n == 1) {
        s[0] = kappa;
      }
      return new TestProblem(name, s, seed);
    });
  }

  /** A positive semi-definite matrix of rank r, eigenvalues of the range in [1, κ]. */
  static TestProblem lowRank(int n, int rank, double kappa, long seed) {
    return CACHE.computeIfAbsent("psd n=" + n + " rank=" + rank + " kappa=" + kappa + " seed="
        + seed, name -> {
          Random random = new Random(seed ^ 0x9e3779b9L);
          double[] s = new double[n];
          for (int i = 0; i < rank; i++) {
            s[i] = i == 0 ? 1 : i == 1 ? kappa : Math.pow(kappa, random.nextDouble());
          }
          return new TestProblem(name, s, seed);
        });
  }

  /** A symmetric indefinite matrix: |eigenvalues| in [1, κ], about half of them negative. */
  static TestProblem indefinite(int n, double kappa, long seed) {
    return CACHE.computeIfAbsent("indefinite n=" + n + " kappa=" + kappa + " seed=" + seed,
        name -> {
          Random random = new Random(seed ^ 0x27d4eb2dL);
          double[] s = new double[n];
          for (int i = 0; i < n; i++) {
            double magnitude = i == 0 ? 1 : i == 1 ? kappa : Math.pow(kappa, random.nextDouble());
            s[i] = (i % 2 == 0 ? -1 : 1) * magnitude;
          }
          return new TestProblem(name, s, seed);
        });
  }

  /** A problem with the given spectrum. */
  static TestProblem withSpectrum(String label, double[] s, long seed) {
    return CACHE.computeIfAbsent(label + " n=" + s.length + " seed=" + seed,
        name -> new TestProblem(name, s, seed));
  }

  /** A fresh operator over the matrix (symmetric by construction). */
  DenseMatrixOperator operator() {
    return new DenseMatrixOperator(matrix, n);
  }

  double largestEigenvalue() {
    return Arrays.stream(s).max().orElseThrow();
  }

  double smallestEigenvalue() {
    return Arrays.stream(s).min().orElseThrow();
  }

  /**
   * Q·diag(1/(s + ρ))·Qᵀ·rhs, skipping eigenvalues with s + ρ = 0 (the pseudo-inverse solution,
   * the minimum-norm one, for a singular system).
   */
  double[] closedForm(double[] rhs, double rho) {
    double[] c = new double[n];
    for (int j = 0; j < n; j++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += q[i * n + j] * rhs[i];
      }
      double d = s[j] + rho;
      c[j] = d == 0 ? 0 : sum / d;
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int j = 0; j < n; j++) {
        sum += q[i * n + j] * c[j];
      }
      x[i] = sum;
    }
    return x;
  }

  /** ‖rhs − (A + ρI)·x‖₂ in plain loops. */
  double residualNorm(double[] rhs, double rho, double[] x) {
    double[] ax = multiply(matrix, n, x);
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = rhs[i] - ax[i] - rho * x[i];
    }
    return norm(r);
  }

  static double[] multiply(double[] a, int n, double[] x) {
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int j = 0; j < n; j++) {
        sum += a[i * n + j] * x[j];
      }
      y[i] = sum;
    }
    return y;
  }

  static double norm(double[] v) {
    double scale = 0;
    for (double e : v) {
      scale = Math.max(scale, Math.abs(e));
    }
    if (scale == 0 || !Double.isFinite(scale)) {
      return scale;
    }
    double sum = 0;
    for (double e : v) {
      sum += (e / scale) * (e / scale);
    }
    return scale * Math.sqrt(sum);
  }

  /** ‖x − reference‖₂ / ‖reference‖₂. */
  static double relativeError(double[] x, double[] reference) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i] - reference[i];
    }
    double scale = norm(reference);
    return scale == 0 ? norm(d) : norm(d) / scale;
  }

  static double[] gaussian(Random random, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextGaussian();
    }
    return v;
  }

  /** The Q factor of a Gaussian matrix: orthogonal (EJML's Householder QR, through linalg). */
  private static double[] randomOrthogonal(Random random, int n) {
    QrFactorization qr = QrFactorization.factor(gaussian(random, n * n), n, n);
    if (!qr.isOk()) {
      throw new IllegalStateException("random orthogonal matrix: " + qr.message());
    }
    return qr.q();
  }
}
