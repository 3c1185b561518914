package io.github.hypergrad4j.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The public facade: its checks and edge cases. Runs twice in the build: with the Vector API
 * resolved (SIMD kernels behind the facade) and without it (plain-Java kernels).
 */
class KernelsTest {

  private static void assertMessage(Executable call, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), () -> "'" + e.getMessage() + "' lacks '" + f + "'");
    }
  }

  @Test
  void dimensionErrorsNameTheKernelArgumentAndSizes() {
    double[] x3 = new double[3];
    double[] x4 = new double[4];
    assertMessage(() -> Kernels.dot(x3, x4), "dot", "x.length = 3", "y.length = 4");
    assertMessage(() -> Kernels.dot(3, x3, 1, x4, 0), "dot", "x[1 .. 4)", "length 3");
    assertMessage(() -> Kernels.axpy(-1, 1.0, x3, 0, x4, 0), "axpy", "n must be >= 0", "-1");
    assertMessage(() -> Kernels.add(x3, x3, x4), "add", "out.length = 4");
    assertMessage(() -> Kernels.nrm2(null), "nrm2", "x is null");
    assertMessage(() -> Kernels.gemv(2, 2, 1, x3, x3, 0, x4), "gemv", "A is 2x2", "length 3");
    assertMessage(() -> Kernels.gemvTransposed(2, 2, 1, x4, x3, 0, new double[1]), "gemvTransposed", "y", ">= 2");
    double[] a = new double[6];
    assertMessage(() -> Kernels.gemm(2, 3, 4, 1, a, new double[12], 0, new double[6]), "gemm", "A is 2x4");
    assertMessage(() -> Kernels.gemmTransposedA(2, 3, 3, 1, new double[9], new double[9], 0, new double[5]),
        "gemmTransposedA", "C is 2x3");
    assertMessage(() -> Kernels.gemmTransposedB(2, 3, 2, 1, x4, new double[5], 0, a), "gemmTransposedB",
        "B is 3x2");
    assertMessage(() -> Kernels.gemm(2, 2, 2, 1, x4, x4, 0, x4), "C must not be the same array as A");
    assertMessage(() -> Kernels.rankOneUpdate(2, 2, 1, x3, new double[1], x4), "rankOneUpdate", "y", ">= 2");
  }

  @Test
  void nrm2NeitherOverflowsNorUnderflows() {
    double big = 0x1p1000;
    assertEquals(5 * big, Kernels.nrm2(new double[] {3 * big, 4 * big}), 2 * Math.ulp(5 * big));
    double tiny = 0x1p-1070; // subnormal: squares underflow to 0
    assertEquals(5 * tiny, Kernels.nrm2(new double[] {3 * tiny, 4 * tiny}), 0.0);
    double small = 0x1p-560;
    assertEquals(5 * small, Kernels.nrm2(new double[] {3 * small, 4 * small}), 2 * Math.ulp(5 * small));
    assertEquals(Double.POSITIVE_INFINITY, Kernels.nrm2(new double[] {1, Double.NEGATIVE_INFINITY}));
    assertTrue(Double.isNaN(Kernels.nrm2(new double[] {1, Double.NaN, Double.POSITIVE_INFINITY})));
    assertEquals(0.0, Kernels.nrm2(new double[0]));
    assertEquals(Math.sqrt(30), Kernels.nrm2(new double[] {1, 2, 3, 4}), 1e-15);
    double[] many = new double[1001];
    java.util.Arrays.fill(many, 1e200);
    assertEquals(Math.sqrt(1001) * 1e200, Kernels.nrm2(many), 1e-13 * Math.sqrt(1001) * 1e200);
  }

  @Test
  void maxAbsAndSumHandleEdgeCases() {
    assertEquals(0.0, Kernels.maxAbs(new double[0]));
    assertEquals(7.0, Kernels.maxAbs(new double[] {1, -7, 3}));
    assertTrue(Double.isNaN(Kernels.maxAbs(new double[] {1, Double.NaN, 3})));
    double[] x = new double[1000];
    for (int i = 0; i < x.length; i++) {
      x[i] = i + 1;
    }
    assertEquals(500500.0, Kernels.sum(x), 0.0); // exact in binary64
    assertEquals(10.0, Kernels.sum(4, x, 0), 0.0);
  }

  @Test
  void offsetsSelectTheRightElements() {
    double[] x = {9, 1, 2, 3, 9};
    double[] y = {9, 9, 4, 5, 6};
    assertEquals(32.0, Kernels.dot(3, x, 1, y, 2), 0.0);
    Kernels.axpy(2, 10.0, x, 1, y, 3);
    assertArrayEquals(new double[] {9, 9, 4, 15, 26}, y, 0.0);
    Kernels.fill(2, -1.0, x, 3);
    assertArrayEquals(new double[] {9, 1, 2, -1, -1}, x, 0.0);
    double[] z = new double[5];
    Kernels.copy(3, x, 0, z, 2);
    assertArrayEquals(new double[] {0, 0, 9, 1, 2}, z, 0.0);
  }

  @Test
  void facadeProductsMatchTheirDefinitions() {
    Random r = new Random(5);
    int m = 37, n = 45, k = 41; // above the packing threshold
    double[] a = gaussian(r, m * k);
    double[] at = transpose(a, m, k);
    double[] b = gaussian(r, k * n);
    double[] bt = transpose(b, k, n);
    double[] ref = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          s += a[i * k + p] * b[p * n + j];
        }
        ref[i * n + j] = s;
      }
    }
    double[] c1 = new double[m * n];
    double[] c2 = new double[m * n];
    double[] c3 = new double[m * n];
    Kernels.gemm(m, n, k, 1.0, a, b, 0.0, c1);
    Kernels.gemmTransposedA(m, n, k, 1.0, at, b, 0.0, c2);
    Kernels.gemmTransposedB(m, n, k, 1.0, a, bt, 0.0, c3);
    assertArrayEquals(ref, c1, 1e-12);
    assertArrayEquals(ref, c2, 1e-12);
    assertArrayEquals(ref, c3, 1e-12);
    // gemv and its transpose agree with the product by a one-column matrix
    double[] x = gaussian(r, k);
    double[] y = new double[m];
    Kernels.gemv(m, k, 1.0, a, x, 0.0, y);
    double[] yt = new double[m];
    Kernels.gemvTransposed(k, m, 1.0, at, x, 0.0, yt);
    double[] yc = new double[m];
    Kernels.gemm(m, 1, k, 1.0, a, x, 0.0, yc);
    assertArrayEquals(yc, y, 1e-12);
    assertArrayEquals(yc, yt, 1e-12);
  }

  @Test
  void pairedProductsAreBitIdenticalToTheSeparateProducts() {
    Random r = new Random(8);
    // packed (37x45x41), small (3x5x7: fewer than four rows), few-column (20x3x50) sizes, and
    // one column (matrix-vector pairs, large enough to be split over threads, with vector tails)
    for (int[] s : new int[][] {{37, 45, 41}, {3, 5, 7}, {20, 3, 50}, {130, 70, 260}, {45, 1, 7001},
        {7001, 1, 45}, {6, 1, 3}}) {
      int m = s[0], n = s[1], k = s[2];
      double[] a = gaussian(r, m * k);
      double[] at = transpose(a, m, k);
      double[] b1 = gaussian(r, k * n);
      double[] b2 = gaussian(r, k * n);
      double[] b1t = transpose(b1, k, n);
      double[] b2t = transpose(b2, k, n);
      double[] c0 = gaussian(r, m * n);
      double[] d0 = gaussian(r, m * n);
      double alpha = 0.7;
      double beta = 1.3;
      double[][] separate = new double[6][];
      double[][] paired = new double[6][];
      for (int i = 0; i < 6; i++) {
        separate[i] = (i % 2 == 0 ? c0 : d0).clone();
        paired[i] = separate[i].clone();
      }
      Kernels.gemm(m, n, k, alpha, a, b1, beta, separate[0]);
      Kernels.gemm(m, n, k, alpha, a, b2, beta, separate[1]);
      Kernels.gemmTransposedA(m, n, k, alpha, at, b1, beta, separate[2]);
      Kernels.gemmTransposedA(m, n, k, alpha, at, b2, beta, separate[3]);
      Kernels.gemmTransposedB(m, n, k, alpha, a, b1t, beta, separate[4]);
      Kernels.gemmTransposedB(m, n, k, alpha, a, b2t, beta, separate[5]);
      PairedProducts.gemmPair(m, n, k, alpha, a, b1, b2, beta, paired[0], paired[1]);
      PairedProducts.gemmPairTransposedA(m, n, k, alpha, at, b1, b2, beta, paired[2], paired[3]);
      PairedProducts.gemmPairTransposedB(m, n, k, alpha, a, b1t, b2t, beta, paired[4], paired[5]);
      for (int i = 0; i < 6; i++) {
        assertArrayEquals(separate[i], paired[i], 0.0, m + "x" + n + "x" + k + " product " + i);
      }
      // and against the definition, α·A·B + β·C
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double s1 = 0;
          double s2 = 0;
          for (int p = 0; p < k; p++) {
            s1 += a[i * k + p] * b1[p * n + j];
            s2 += a[i * k + p] * b2[p * n + j];
          }
          assertEquals(alpha * s1 + beta * c0[i * n + j], paired[0][i * n + j], 1e-12 * k);
          assertEquals(alpha * s2 + beta * d0[i * n + j], paired[1][i * n + j], 1e-12 * k);
        }
      }
    }
  }

  @Test
  void pairedProductErrorsNameTheKernelAndArgument() {
    double[] a = new double[4];
    double[] b = new double[4];
    double[] c = new double[4];
    double[] d = new double[4];
    assertMessage(() -> PairedProducts.gemmPair(2, 2, 2, 1, a, b, new double[3], 0, c, d), "gemmPair", "B2 is 2x2",
        "length 3");
    assertMessage(() -> PairedProducts.gemmPairTransposedA(2, 2, 2, 1, a, b, b, 0, c, new double[3]),
        "gemmPairTransposedA", "C2 is 2x2");
    assertMessage(() -> PairedProducts.gemmPairTransposedB(2, 2, 2, 1, a, b, b, 0, c, c), "gemmPairTransposedB",
        "C2 must not be the same array as C");
    assertMessage(() -> PairedProducts.gemmPair(2, 2, 2, 1, a, b, d, 0, c, d), "C2 must not be the same array as B2");
    assertMessage(() -> PairedProducts.gemmPair(2, 2, 2, 1, a, b, c, 0, c, d), "C must not be the same array as B2");
  }

  @Test
  void forRangesCoversEveryIndexOnceInAlignedRanges() {
    for (int n : new int[] {0, 5, 1 << 17, 3 * (1 << 16) + 37}) {
      int[] hits = new int[n];
      java.util.List<int[]> ranges = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
      Kernels.forRanges(n, (from, to) -> {
        ranges.add(new int[] {from, to});
        for (int i = from; i < to; i++) {
          hits[i]++;
        }
      });
      for (int i = 0; i < n; i++) {
        assertEquals(1, hits[i], "index " + i + " of " + n);
      }
      for (int[] range : ranges) {
        assertEquals(0, range[0] % 64, "range start " + range[0]);
        assertTrue(range[1] == n || range[1] % 64 == 0, "range end " + range[1]);
      }
      assertTrue(ranges.size() <= Math.max(1, Kernels.gemmThreads()));
    }
    assertMessage(() -> Kernels.forRanges(-1, (f, t) -> { }), "forRanges", "n must be >= 0", "-1");
    assertMessage(() -> Kernels.forRanges(10, 0, (f, t) -> { }), "forRanges", "grain must be >= 1", "0");
    assertMessage(() -> Kernels.forRanges(10, null), "forRanges", "body is null");
  }

  static double[] gaussian(Random r, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextGaussian();
    }
    return x;
  }

  static double[] transpose(double[] a, int rows, int cols) {
    double[] t = new double[a.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        t[j * rows + i] = a[i * cols + j];
      }
    }
    return t;
  }
}
