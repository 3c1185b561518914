package io.github.hypergrad4j.linalg.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.linalg.simd.SimdBackend;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Vector API kernels against the plain-Java kernels, both instantiated in this run, on sizes
 * around every vector boundary (lanes are 4 or 8 and the unrolled loops take 4 vectors at a
 * time). Reductions are compared with a bound proportional to n: |simd − scalar| ≤ 4·n·ε·Σ|terms|,
 * the worst case of two different summation orders. Maps that do one rounding per element must
 * agree exactly, or to one rounding when SIMD fuses the multiply-add.
 */
class BackendAgreementTest {

  private static final Backend SCALAR = new ScalarBackend();
  private static final Backend SIMD = new SimdBackend();
  private static final double EPS = Math.ulp(1.0);

  static IntStream sizes() {
    return IntStream.of(0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 1023, 4099);
  }

  private static double[] random(Random r, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextGaussian() * Math.exp(3 * r.nextGaussian());
    }
    return x;
  }

  private static double bound(int n, double absSum) {
    return 4.0 * Math.max(n, 1) * EPS * absSum + Double.MIN_NORMAL;
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void dotAgreesWithinSummationBound(int n) {
    Random r = new Random(11 + n);
    double[] x = random(r, n + 3);
    double[] y = random(r, n + 5);
    double absSum = 0;
    for (int i = 0; i < n; i++) {
      absSum += Math.abs(x[3 + i] * y[5 + i]);
    }
    double s = SCALAR.dot(n, x, 3, y, 5);
    double v = SIMD.dot(n, x, 3, y, 5);
    assertEquals(s, v, bound(n, absSum), "n=" + n);
    assertTrue(SIMD.dot(n, x, 3, y, 5) == v, "deterministic");
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void sumAndSumOfSquaresAndMaxAbsAgree(int n) {
    Random r = new Random(23 + n);
    double[] x = random(r, n + 2);
    double absSum = 0;
    double sqSum = 0;
    double max = 0;
    for (int i = 0; i < n; i++) {
      absSum += Math.abs(x[2 + i]);
      sqSum += 0.25 * x[2 + i] * x[2 + i];
      max = Math.max(max, Math.abs(x[2 + i]));
    }
    assertEquals(SCALAR.sum(n, x, 2), SIMD.sum(n, x, 2), bound(n, absSum));
    assertEquals(SCALAR.sumOfScaledSquares(n, x, 2, 0.5), SIMD.sumOfScaledSquares(n, x, 2, 0.5),
        bound(n, sqSum));
    assertEquals(max, SIMD.maxAbs(n, x, 2), 0.0, "maxAbs is exact");
    assertEquals(max, SCALAR.maxAbs(n, x, 2), 0.0, "maxAbs is exact");
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void axpyAgreesToOneRoundingPerElement(int n) {
    Random r = new Random(31 + n);
    double[] x = random(r, n + 1);
    double[] y = random(r, n + 2);
    double a = r.nextGaussian();
    double[] ys = y.clone();
    double[] yv = y.clone();
    SCALAR.axpy(n, a, x, 1, ys, 2);
    SIMD.axpy(n, a, x, 1, yv, 2);
    for (int i = 0; i < n + 2; i++) {
      double tol = i < 2 ? 0.0 : 2 * EPS * (Math.abs(a * x[i - 1]) + Math.abs(y[i]));
      assertEquals(ys[i], yv[i], tol, "element " + i);
    }
    assertEquals(y[0], yv[0], 0.0, "outside the range is untouched");
    assertEquals(y[1], yv[1], 0.0, "outside the range is untouched");
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void scalAndElementwiseAgreeExactly(int n) {
    Random r = new Random(41 + n);
    double[] x = random(r, n + 1);
    double[] y = random(r, n + 1);
    double[] xs = x.clone();
    double[] xv = x.clone();
    SCALAR.scal(n, -1.75, xs, 1);
    SIMD.scal(n, -1.75, xv, 1);
    assertArrayEquals(xs, xv, 0.0);
    for (ElementwiseOp op : ElementwiseOp.values()) {
      double[] os = new double[n + 4];
      double[] ov = new double[n + 4];
      SCALAR.elementwise(op, n, x, 1, y, 0, os, 4);
      SIMD.elementwise(op, n, x, 1, y, 0, ov, 4);
      assertArrayEquals(os, ov, 0.0, op + " n=" + n);
      for (int i = 0; i < n; i++) {
        assertEquals(op.apply(x[1 + i], y[i]), ov[4 + i], 0.0, op + " element " + i);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void elementwiseOutputMayAliasInput(int n) {
    Random r = new Random(43 + n);
    double[] x = random(r, n);
    double[] y = random(r, n);
    double[] expected = new double[n];
    for (int i = 0; i < n; i++) {
      expected[i] = x[i] - y[i];
    }
    SIMD.elementwise(ElementwiseOp.SUBTRACT, n, x, 0, y, 0, x, 0);
    assertArrayEquals(expected, x, 0.0);
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void gemvAndTransposeAgree(int n) {
    Random r = new Random(53 + n);
    for (int m : new int[] {1, 3, 4, 5, 9}) {
      double[] a = random(r, m * n);
      double[] x = random(r, n);
      double[] xt = random(r, m);
      double[] y0 = random(r, m);
      double[] yt0 = random(r, n);
      double[] ys = y0.clone();
      double[] yv = y0.clone();
      SCALAR.gemv(m, n, 0.5, a, x, -2.0, ys);
      SIMD.gemv(m, n, 0.5, a, x, -2.0, yv);
      for (int i = 0; i < m; i++) {
        double absSum = Math.abs(2.0 * y0[i]);
        for (int j = 0; j < n; j++) {
          absSum += Math.abs(0.5 * a[i * n + j] * x[j]);
        }
        assertEquals(ys[i], yv[i], bound(n + 1, absSum), "gemv m=" + m + " row " + i);
      }
      double[] ts = yt0.clone();
      double[] tv = yt0.clone();
      SCALAR.gemvTransposed(m, n, 1.5, a, xt, 0.25, ts);
      SIMD.gemvTransposed(m, n, 1.5, a, xt, 0.25, tv);
      for (int j = 0; j < n; j++) {
        double absSum = Math.abs(0.25 * yt0[j]);
        for (int i = 0; i < m; i++) {
          absSum += Math.abs(1.5 * a[i * n + j] * xt[i]);
        }
        assertEquals(ts[j], tv[j], bound(m + 1, absSum), "gemvT m=" + m + " column " + j);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void rankOneUpdateAgrees(int n) {
    Random r = new Random(61 + n);
    int m = 5;
    double[] a = random(r, m * n);
    double[] x = random(r, m);
    double[] y = random(r, n);
    double[] as = a.clone();
    double[] av = a.clone();
    SCALAR.rankOneUpdate(m, n, 0.75, x, y, as);
    SIMD.rankOneUpdate(m, n, 0.75, x, y, av);
    for (int i = 0; i < m * n; i++) {
      double tol = 2 * EPS * (Math.abs(a[i]) + Math.abs(0.75 * x[i / n] * y[i % n]));
      assertEquals(as[i], av[i], tol);
    }
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void betaZeroOverwritesNaNInOutput(int n) {
    double[] a = new double[3 * n];
    java.util.Arrays.fill(a, 1.0);
    double[] x = new double[n];
    java.util.Arrays.fill(x, 2.0);
    for (Backend b : new Backend[] {SCALAR, SIMD}) {
      double[] y = {Double.NaN, Double.NaN, Double.NaN};
      b.gemv(3, n, 1.0, a, x, 0.0, y);
      assertArrayEquals(new double[] {2.0 * n, 2.0 * n, 2.0 * n}, y, 0.0, b.name());
      double[] yt = new double[n];
      java.util.Arrays.fill(yt, Double.NaN);
      b.gemvTransposed(3, n, 1.0, a, new double[] {1, 1, 1}, 0.0, yt);
      for (double v : yt) {
        assertEquals(3.0, v, 0.0, b.name());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void transcendentalMapsAgreeToAFewUlps(int n) {
    Random r = new Random(71 + n);
    for (ElementwiseFunction f : ElementwiseFunction.values()) {
      double[] x = new double[n + 1];
      for (int i = 0; i < x.length; i++) {
        double g = r.nextGaussian();
        x[i] = f == ElementwiseFunction.LOG ? Math.exp(3 * g) : f == ElementwiseFunction.LOG1P ? Math.expm1(g) : 8 * g;
      }
      double[] s = new double[n];
      double[] v = new double[n];
      SCALAR.map(f, n, x, 1, s, 0);
      SIMD.map(f, n, x, 1, v, 0);
      for (int i = 0; i < n; i++) {
        assertEquals(f.apply(x[1 + i]), s[i], 0.0, f + " scalar is the definition");
        assertEquals(s[i], v[i], MAX_ULPS * Math.ulp(s[i]), f + " at x = " + x[1 + i]);
      }
    }
  }

  /** The JDK's vector math library is accurate to about an ulp; σ and softplus compose two. */
  private static final double MAX_ULPS = 4;

  @org.junit.jupiter.api.Test
  void transcendentalMapsAgreeOnSpecialValues() {
    double[] x = {0.0, -0.0, 1e-300, -1e-300, Double.MIN_VALUE, 700, -700, 710, -750, 1e308,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 1.0, -1.0, 20, -20, 40, -40};
    double[] padded = new double[32]; // a full vector or more, so the SIMD lanes see the specials
    for (ElementwiseFunction f : ElementwiseFunction.values()) {
      for (int start = 0; start < x.length; start += 8) {
        java.util.Arrays.fill(padded, 0.5);
        System.arraycopy(x, start, padded, 0, Math.min(16, x.length - start));
        double[] s = new double[padded.length];
        double[] v = new double[padded.length];
        SCALAR.map(f, padded.length, padded, 0, s, 0);
        SIMD.map(f, padded.length, padded, 0, v, 0);
        for (int i = 0; i < padded.length; i++) {
          if (Double.isNaN(s[i]) || Double.isInfinite(s[i]) || s[i] == 0.0) {
            assertEquals(s[i], v[i], 0.0, f + " at special x = " + padded[i]);
          } else {
            assertEquals(s[i], v[i], MAX_ULPS * Math.ulp(s[i]), f + " at x = " + padded[i]);
          }
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void fewColumnProductsAgreeWithTheirDefinition(int k) {
    Random r = new Random(83 + k);
    for (int cols = 2; cols <= 4; cols++) {
      int m = 5;
      double[] a = random(r, m * k);
      double[] b = random(r, cols * k); // cols×k
      double[] c0 = random(r, m * cols);
      for (Backend backend : new Backend[] {SCALAR, SIMD}) {
        double[] c = c0.clone();
        backend.gemvColumns(m, k, cols, 0.5, a, b, 2.0, c);
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < cols; j++) {
            double ref = 0;
            double abs = 0;
            for (int p = 0; p < k; p++) {
              ref += a[i * k + p] * b[j * k + p];
              abs += Math.abs(a[i * k + p] * b[j * k + p]);
            }
            double expected = 0.5 * ref + 2.0 * c0[i * cols + j];
            assertEquals(expected, c[i * cols + j], bound(k + 1, 0.5 * abs + 2 * Math.abs(c0[i * cols + j])),
                backend.name() + " gemvColumns cols=" + cols);
          }
        }
        // Aᵀ·B with A stored k×m' and B k×cols
        int mt = 7;
        double[] at = random(r, k * mt);
        double[] bt = random(r, k * cols);
        double[] ct = c0.length >= mt * cols ? c0.clone() : random(r, mt * cols);
        double[] ct0 = ct.clone();
        backend.gemvTransposedColumns(k, mt, cols, -1.5, at, bt, 0.0, ct);
        for (int i = 0; i < mt; i++) {
          for (int j = 0; j < cols; j++) {
            double ref = 0;
            double abs = 0;
            for (int p = 0; p < k; p++) {
              ref += at[p * mt + i] * bt[p * cols + j];
              abs += Math.abs(at[p * mt + i] * bt[p * cols + j]);
            }
            assertEquals(-1.5 * ref, ct[i * cols + j], bound(k + 1, 1.5 * abs),
                backend.name() + " gemvTransposedColumns cols=" + cols + " (beta = 0 ignores " + ct0[0] + ")");
          }
        }
      }
    }
  }
}
