package io.github.hypergrad4j.bench.ihvp;

import io.github.hypergrad4j.linalg.DenseMatrixOperator;
import io.github.hypergrad4j.linalg.Kernels;
import io.github.hypergrad4j.linalg.factor.QrFactorization;
import java.util.Random;

/**
 * The accuracy benchmarks' problem: A = Q·diag(s)·Qᵀ, n×n, with the eigenvalues spread
 * geometrically from 1 to κ, s_i = κ^{i/(n−1)} (evenly on a log scale, so every decade holds the
 * same number of them), Q the orthogonal factor of a seeded Gaussian matrix, b a seeded Gaussian
 * vector, and the exact solution x* = Q·diag(1/s)·Qᵀ·b from the closed form.
 */
final class KnownSpectrumProblem {

  final int n;
  final double kappa;
  final DenseMatrixOperator operator;
  final double[] b;
  final double[] solution;

  KnownSpectrumProblem(int n, double kappa, long seed) {
    this.n = n;
    this.kappa = kappa;
    Random random = new Random(seed);
    double[] g = new double[n * n];
    for (int i = 0; i < g.length; i++) {
      g[i] = random.nextGaussian();
    }
    QrFactorization qr = QrFactorization.factor(g, n, n);
    if (!qr.isOk()) {
      throw new IllegalStateException("random orthogonal matrix: " + qr.message());
    }
    double[] q = qr.q();
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = n == 1 ? kappa : Math.pow(kappa, i / (double) (n - 1));
    }
    double[] qs = new double[n * n];
    double[] qOverS = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        qs[i * n + j] = q[i * n + j] * s[j];
        qOverS[i * n + j] = q[i * n + j] / s[j];
      }
    }
    double[] a = new double[n * n];
    Kernels.gemmTransposedB(n, n, n, 1.0, qs, q, 0.0, a);
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        a[j * n + i] = a[i * n + j]; // exactly symmetric
      }
    }
    this.operator = new DenseMatrixOperator(a, n);
    this.b = new double[n];
    for (int i = 0; i < n; i++) {
      b[i] = random.nextGaussian();
    }
    double[] qtb = new double[n];
    Kernels.gemvTransposed(n, n, 1.0, q, b, 0.0, qtb);
    this.solution = new double[n];
    Kernels.gemv(n, n, 1.0, qOverS, qtb, 0.0, solution);
  }

  /** λ_max(A) = κ. */
  double largestEigenvalue() {
    return kappa;
  }

  /** ‖x − x*‖₂ / ‖x*‖₂. */
  double relativeError(double[] x) {
    double[] d = x.clone();
    Kernels.sub(d, solution, d);
    return Kernels.nrm2(d) / Kernels.nrm2(solution);
  }
}
