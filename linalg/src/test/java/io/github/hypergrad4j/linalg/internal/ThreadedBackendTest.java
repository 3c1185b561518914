package io.github.hypergrad4j.linalg.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.hypergrad4j.linalg.simd.SimdBackend;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The threaded kernels on one, two and three threads give bit-identical results, on sizes above
 * the splitting thresholds that are not multiples of anything (so that parts end inside vectors'
 * worth of elements and the scalar tails fall in the last part), for both inner backends. The
 * element-wise kernels and the matrix-vector products are moreover bit-identical to the inner
 * backend's single pass (every element is computed as there); the chunked sums agree with it within
 * the summation error bound and equal, bit for bit, the in-order sum of the chunks' partial sums.
 */
class ThreadedBackendTest {

  private static final Backend[] INNER = {new ScalarBackend(), new SimdBackend()};
  private static final int[] THREADS = {1, 2, 3};

  private static final int N_ELEMENTWISE = 3 * ThreadedBackend.ELEMENTWISE_GRAIN + 37;
  private static final int N_MAP = 5 * ThreadedBackend.MAP_GRAIN + 5;
  private static final int N_SUM = 5 * Parallel.REDUCTION_CHUNK + 3;

  /** The kernel's result on each thread count, all equal to {@code reference} to the bit. */
  private static void assertSameOnEveryThreadCount(
      String what, Backend inner, double[] reference, Function<Backend, double[]> kernel) {
    for (int t : THREADS) {
      assertArrayEquals(reference, kernel.apply(new ThreadedBackend(inner, t)), 0.0,
          what + " on " + inner.name() + " with " + t + " threads");
    }
  }

  @Test
  void elementwiseKernelsMatchTheInnerBackendOnAnyThreadCount() {
    Random r = new Random(1);
    int n = N_ELEMENTWISE;
    double[] x = GemmPropertiesTest.gaussian(r, n);
    double[] y = GemmPropertiesTest.gaussian(r, n);
    for (Backend inner : INNER) {
      for (ElementwiseOp op : ElementwiseOp.values()) {
        double[] ref = new double[n];
        inner.elementwise(op, n - 3, x, 1, y, 2, ref, 3);
        assertSameOnEveryThreadCount(op.name(), inner, ref, b -> {
          double[] out = new double[n];
          b.elementwise(op, n - 3, x, 1, y, 2, out, 3);
          return out;
        });
      }
      double[] axpy = y.clone();
      inner.axpy(n - 1, 0.3, x, 1, axpy, 0);
      assertSameOnEveryThreadCount("axpy", inner, axpy, b -> {
        double[] out = y.clone();
        b.axpy(n - 1, 0.3, x, 1, out, 0);
        return out;
      });
      double[] scal = x.clone();
      inner.scal(n - 2, -1.7, scal, 2);
      assertSameOnEveryThreadCount("scal", inner, scal, b -> {
        double[] out = x.clone();
        b.scal(n - 2, -1.7, out, 2);
        return out;
      });
      for (ElementwiseFunction f : ElementwiseFunction.values()) {
        double[] in = new double[N_MAP];
        for (int i = 0; i < in.length; i++) {
          in[i] = f == ElementwiseFunction.LOG || f == ElementwiseFunction.LOG1P ? Math.abs(x[i]) + 0.1 : 3 * x[i];
        }
        double[] ref = new double[N_MAP];
        inner.map(f, N_MAP, in, 0, ref, 0);
        assertSameOnEveryThreadCount(f.name(), inner, ref, b -> {
          double[] out = new double[N_MAP];
          b.map(f, N_MAP, in, 0, out, 0);
          return out;
        });
      }
      double max = inner.maxAbs(n, x, 0);
      assertSameOnEveryThreadCount("maxAbs", inner, new double[] {max}, b -> new double[] {b.maxAbs(n, x, 0)});
    }
  }

  @Test
  void matrixVectorProductsMatchTheInnerBackendOnAnyThreadCount() {
    Random r = new Random(2);
    int m = 45;
    int n = 7001;
    double[] a = GemmPropertiesTest.gaussian(r, m * n);
    double[] xn = GemmPropertiesTest.gaussian(r, n);
    double[] xm = GemmPropertiesTest.gaussian(r, m);
    double[] y0 = GemmPropertiesTest.gaussian(r, n);
    for (Backend inner : INNER) {
      double[] gemv = y0.clone();
      inner.gemv(m, n, 0.9, a, xn, 0.5, gemv);
      assertSameOnEveryThreadCount("gemv", inner, gemv, b -> {
        double[] out = y0.clone();
        b.gemv(m, n, 0.9, a, xn, 0.5, out);
        return out;
      });
      double[] gemvT = y0.clone();
      inner.gemvTransposed(m, n, 0.9, a, xm, 0.5, gemvT);
      assertSameOnEveryThreadCount("gemvTransposed", inner, gemvT, b -> {
        double[] out = y0.clone();
        b.gemvTransposed(m, n, 0.9, a, xm, 0.5, out);
        return out;
      });
      // the data matrix read as n rows of m (X·[w, v]) and its transpose (Xᵀ·[r, s]), 2 and 3 columns
      for (int cols = 2; cols <= 3; cols++) {
        int c = cols;
        double[] bm = GemmPropertiesTest.gaussian(r, c * m);
        double[] bn = GemmPropertiesTest.gaussian(r, n * c);
        double[] c0 = GemmPropertiesTest.gaussian(r, n * c);
        double[] cols1 = c0.clone();
        inner.gemvColumns(n, m, c, 1.1, a, bm, 0.0, cols1);
        assertSameOnEveryThreadCount("gemvColumns " + c, inner, cols1, b -> {
          double[] out = c0.clone();
          b.gemvColumns(n, m, c, 1.1, a, bm, 0.0, out);
          return out;
        });
        double[] bk = GemmPropertiesTest.gaussian(r, m * c);
        double[] cols2 = c0.clone();
        inner.gemvTransposedColumns(m, n, c, 1.1, a, bk, 0.7, cols2);
        assertSameOnEveryThreadCount("gemvTransposedColumns " + c, inner, cols2, b -> {
          double[] out = c0.clone();
          b.gemvTransposedColumns(m, n, c, 1.1, a, bk, 0.7, out);
          return out;
        });
        assertEquals(bn.length, c0.length);
      }
      // two products sharing A, each bit-identical to its own call, on any thread count
      double[] xn2 = GemmPropertiesTest.gaussian(r, n);
      double[] gemv2 = y0.clone();
      inner.gemv(m, n, 0.9, a, xn2, 0.5, gemv2);
      double[] xm2 = GemmPropertiesTest.gaussian(r, m);
      double[] gemvT2 = y0.clone();
      inner.gemvTransposed(m, n, 0.9, a, xm2, 0.5, gemvT2);
      for (int t : THREADS) {
        Backend b = new ThreadedBackend(inner, t);
        double[] p1 = y0.clone();
        double[] p2 = y0.clone();
        b.gemvPair(m, n, 0.9, a, xn, xn2, 0.5, p1, p2);
        assertArrayEquals(gemv, p1, 0.0, "gemvPair 1 on " + inner.name() + " with " + t + " threads");
        assertArrayEquals(gemv2, p2, 0.0, "gemvPair 2 on " + inner.name() + " with " + t + " threads");
        double[] q1 = y0.clone();
        double[] q2 = y0.clone();
        b.gemvTransposedPair(m, n, 0.9, a, xm, xm2, 0.5, q1, q2);
        assertArrayEquals(gemvT, q1, 0.0, "gemvTransposedPair 1 on " + inner.name() + " with " + t + " threads");
        assertArrayEquals(gemvT2, q2, 0.0, "gemvTransposedPair 2 on " + inner.name() + " with " + t + " threads");
      }
      double[] rank = a.clone();
      inner.rankOneUpdate(m, n, 0.4, xm, xn, rank);
      assertSameOnEveryThreadCount("rankOneUpdate", inner, rank, b -> {
        double[] out = a.clone();
        b.rankOneUpdate(m, n, 0.4, xm, xn, out);
        return out;
      });
    }
  }

  @Test
  void sumsAreTakenOverFixedChunksOnAnyThreadCount() {
    Random r = new Random(3);
    int n = N_SUM;
    double[] x = GemmPropertiesTest.gaussian(r, n + 1);
    double[] y = GemmPropertiesTest.gaussian(r, n + 1);
    int chunk = Parallel.REDUCTION_CHUNK;
    for (Backend inner : INNER) {
      double dot = 0;
      double sum = 0;
      double squares = 0;
      double bound = 0;
      for (int lo = 0; lo < n; lo += chunk) {
        int len = Math.min(chunk, n - lo);
        dot += inner.dot(len, x, 1 + lo, y, lo);
        sum += inner.sum(len, x, 1 + lo);
        squares += inner.sumOfScaledSquares(len, x, 1 + lo, 0.5);
      }
      for (int i = 0; i < n; i++) {
        bound += Math.abs(x[1 + i] * y[i]);
      }
      double d = dot;
      double s = sum;
      double q = squares;
      assertSameOnEveryThreadCount("dot", inner, new double[] {d}, b -> new double[] {b.dot(n, x, 1, y, 0)});
      assertSameOnEveryThreadCount("sum", inner, new double[] {s}, b -> new double[] {b.sum(n, x, 1)});
      assertSameOnEveryThreadCount("sumOfScaledSquares", inner, new double[] {q},
          b -> new double[] {b.sumOfScaledSquares(n, x, 1, 0.5)});
      // and the chunked sum is a sum: within the error bound of the single pass
      assertEquals(inner.dot(n, x, 1, y, 0), dot, 2 * n * Math.ulp(1.0) * bound);
    }
  }
}
