package io.github.hypergrad4j.bench.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bilevel.HypergradientResult;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end benchmark measures what it says: its generator is SplitMix64 (the reference
 * outputs for seed 0), its hypergradient is the IFT formula solved densely here (−θ⊙H⁻¹∇_θ g for
 * per-weight penalties), and a call spends K + 1 = 21 Hessian-vector products (2 full sweeps and
 * 19 replays of the recorded f) and one gradient of g.
 */
class HypergradientWorkloadTest {

  /** The first three outputs of SplitMix64 from seed 0 (Vigna's reference splitmix64.c). */
  @Test
  void sharedDataIsSplitMix64() {
    long[] reference = {0xE220A8397B1DCDAFL, 0x6E789E6AA1B965F4L, 0x06C45D188009454FL};
    for (int k = 0; k < reference.length; k++) {
      assertEquals((reference[k] >>> 11) * 0x1.0p-53, SharedData.uniform(0, k), 0.0, "output " + k);
    }
    double[] v = SharedData.uniform(0, 3, -1, 1);
    assertEquals(-1 + 2 * SharedData.uniform(0, 2), v[2], 0.0);
    assertTrue(SharedData.uniform(1, 0) != SharedData.uniform(0, 1), "streams do not overlap");
  }

  @Test
  void theHypergradientIsTheDenseImplicitFormula() {
    int n = 40;
    int d = 12; // CG's 20 steps solve a 12-dimensional system to rounding
    LogisticWorkload w = new LogisticWorkload(n, d);
    HypergradientResult r = HypergradientBenchmark.method().compute(w.problem, w.theta, w.lambda);
    double[] expected = dense(n, d, w.theta, w.lambda);
    double err = 0;
    double scale = 0;
    for (int j = 0; j < d; j++) {
      err = Math.max(err, Math.abs(r.hypergradient()[j] - expected[j]));
      scale = Math.max(scale, Math.abs(expected[j]));
    }
    assertTrue(scale > 0 && err <= 1e-10 * scale, "max error " + err + " against max |h| " + scale);
  }

  @Test
  void aCallSpendsTwentyOneProductsAndOneGradient() {
    LogisticWorkload w = new LogisticWorkload(60, 50);
    HypergradientResult r = HypergradientBenchmark.method().compute(w.problem, w.theta, w.lambda);
    assertEquals(HypergradientBenchmark.K + 1, r.hessianVectorProducts());
    assertEquals(HypergradientBenchmark.K + 1, r.solve().operatorApplications());
    assertEquals(1, r.gradientEvaluations());
  }

  @Test
  void badSizesAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LogisticWorkload(1, 5));
    assertTrue(e.getMessage().startsWith("LogisticWorkload: ") && e.getMessage().contains("n = 1"), e.getMessage());
  }

  /** −θ⊙p, p = H⁻¹b: H = XᵀDX/n + diag(λ), D = σ(1 − σ) at Xθ, b = X_vᵀ(σ(X_vθ) − y_v)/n_v. */
  private static double[] dense(int n, int d, double[] theta, double[] lambda) {
    int nv = n / 2;
    double[] x = SharedData.uniform(1, n * d, -1, 1);
    double[] xv = SharedData.uniform(3, nv * d, -1, 1);
    double[] yv = SharedData.labels(4, nv);
    double[] h = new double[d * d];
    for (int i = 0; i < n; i++) {
      double s = sigmoid(dot(x, i, d, theta));
      double weight = s * (1 - s) / n;
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          h[a * d + b] += weight * x[i * d + a] * x[i * d + b];
        }
      }
    }
    for (int a = 0; a < d; a++) {
      h[a * d + a] += lambda[a];
    }
    double[] rhs = new double[d];
    for (int i = 0; i < nv; i++) {
      double residual = (sigmoid(dot(xv, i, d, theta)) - yv[i]) / nv;
      for (int a = 0; a < d; a++) {
        rhs[a] += residual * xv[i * d + a];
      }
    }
    double[] p = solve(h, rhs, d);
    double[] out = new double[d];
    for (int j = 0; j < d; j++) {
      out[j] = -theta[j] * p[j];
    }
    return out;
  }

  private static double dot(double[] m, int row, int d, double[] v) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      s += m[row * d + j] * v[j];
    }
    return s;
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /** Gaussian elimination with partial pivoting (a and b are overwritten). */
  private static double[] solve(double[] a, double[] b, int d) {
    for (int c = 0; c < d; c++) {
      int pivot = c;
      for (int r = c + 1; r < d; r++) {
        if (Math.abs(a[r * d + c]) > Math.abs(a[pivot * d + c])) {
          pivot = r;
        }
      }
      for (int k = 0; k < d; k++) {
        double t = a[c * d + k];
        a[c * d + k] = a[pivot * d + k];
        a[pivot * d + k] = t;
      }
      double t = b[c];
      b[c] = b[pivot];
      b[pivot] = t;
      for (int r = c + 1; r < d; r++) {
        double f = a[r * d + c] / a[c * d + c];
        for (int k = c; k < d; k++) {
          a[r * d + k] -= f * a[c * d + k];
        }
        b[r] -= f * b[c];
      }
    }
    double[] x = new double[d];
    for (int r = d - 1; r >= 0; r--) {
      double s = b[r];
      for (int k = r + 1; k < d; k++) {
        s -= a[r * d + k] * x[k];
      }
      x[r] = s / a[r * d + r];
    }
    return x;
  }
}
