package io.github.hypergrad4j.linalg.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.hypergrad4j.linalg.simd.SimdBackend;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The packed product (both micro-kernels) and the small-product loops against a naive triple
 * loop, for the three forms AB, AᵀB and ABᵀ, on random shapes that include 1×n, n×1, sizes that
 * are not multiples of the tiles (4×4 scalar, 6×16 or 6×8 SIMD) and depths beyond one packed
 * block (KC = 256). The bound per element is 3·(k+2)·ε·(|α|·Σ_p |A_ip·B_pj| + |β·C_ij|), the
 * standard forward error bound of a length-k dot product with any summation order.
 */
class GemmPropertiesTest {

  private static final Backend[] BACKENDS = {new ScalarBackend(), new SimdBackend()};
  private static final double EPS = Math.ulp(1.0);

  enum Form {
    AB,
    ATB,
    ABT
  }

  /** Element (i, p) of op(A) and (p, j) of op(B) as stored for {@code form}. */
  private static double opA(Form form, double[] a, int m, int k, int i, int p) {
    return form == Form.ATB ? a[p * m + i] : a[i * k + p];
  }

  private static double opB(Form form, double[] b, int n, int k, int p, int j) {
    return form == Form.ABT ? b[j * k + p] : b[p * n + j];
  }

  private static void check(Form form, int m, int n, int k, long seed, boolean packed, int threads) {
    Random r = new Random(seed);
    double[] a = gaussian(r, m * k);
    double[] b = gaussian(r, k * n);
    double[] c0 = gaussian(r, m * n);
    double alpha = r.nextGaussian();
    double beta = r.nextBoolean() ? 0.0 : r.nextGaussian();
    c0[0] = beta == 0.0 ? Double.NaN : c0[0]; // beta = 0 must ignore what C held
    int ars = form == Form.ATB ? 1 : k;
    int acs = form == Form.ATB ? m : 1;
    int brs = form == Form.ABT ? 1 : n;
    int bcs = form == Form.ABT ? k : 1;
    for (Backend backend : BACKENDS) {
      double[] c = c0.clone();
      if (packed) {
        PackedGemm.multiply(backend.gemmMicroKernel(), m, n, k, alpha, a, ars, acs, b, brs, bcs, beta, c, threads);
      } else {
        SmallGemm.multiply(backend, m, n, k, alpha, a, ars, acs, b, brs, bcs, beta, c);
      }
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double ref = 0;
          double abs = 0;
          for (int p = 0; p < k; p++) {
            double t = opA(form, a, m, k, i, p) * opB(form, b, n, k, p, j);
            ref += t;
            abs += Math.abs(t);
          }
          double cij = beta == 0.0 ? 0.0 : beta * c0[i * n + j];
          double expected = alpha * ref + cij;
          double tol = 3 * (k + 2) * EPS * (Math.abs(alpha) * abs + Math.abs(cij)) + Double.MIN_NORMAL;
          assertEquals(expected, c[i * n + j], tol,
              () -> backend.name() + " " + form + " " + m + "x" + n + "x" + k + " packed=" + packed);
        }
      }
    }
  }

  static double[] gaussian(Random r, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextGaussian();
    }
    return x;
  }

  @Property(tries = 60)
  void packedProductMatchesTripleLoop(
      @ForAll Form form,
      @ForAll @IntRange(min = 1, max = 70) int m,
      @ForAll @IntRange(min = 1, max = 70) int n,
      @ForAll @IntRange(min = 1, max = 300) int k,
      @ForAll long seed) {
    check(form, m, n, k, seed, true, 1);
  }

  @Property(tries = 60)
  void smallProductMatchesTripleLoop(
      @ForAll Form form,
      @ForAll @IntRange(min = 1, max = 20) int m,
      @ForAll @IntRange(min = 1, max = 20) int n,
      @ForAll @IntRange(min = 0, max = 40) int k,
      @ForAll long seed) {
    check(form, m, n, k, seed, false, 1);
  }

  @Property(tries = 20)
  void vectorShapedProducts(
      @ForAll Form form,
      @ForAll @IntRange(min = 1, max = 600) int len,
      @ForAll boolean rowVector,
      @ForAll long seed) {
    int m = rowVector ? 1 : len;
    int n = rowVector ? len : 1;
    check(form, m, n, 37, seed, true, 1);
    check(form, m, n, 37, seed, false, 1);
  }

  @Test
  void largeProductsAcrossBlockBoundaries() {
    // m, n above one MC/NC block edge is not needed for correctness of tiles, but k > KC is:
    check(Form.AB, 131, 97, 600, 1, true, 1);
    check(Form.ATB, 101, 130, 513, 2, true, 1);
    check(Form.ABT, 99, 140, 257, 3, true, 1);
  }

  @Test
  void threadsGiveBitIdenticalResults() {
    for (Backend backend : BACKENDS) {
      for (int[] s : new int[][] {{200, 150, 300}, {150, 200, 300}, {333, 17, 400}}) {
        int m = s[0], n = s[1], k = s[2];
        Random r = new Random(m * 31 + n);
        double[] a = gaussian(r, m * k);
        double[] b = gaussian(r, k * n);
        double[] c1 = gaussian(r, m * n);
        double[] c2 = c1.clone();
        PackedGemm.multiply(backend.gemmMicroKernel(), m, n, k, 0.7, a, k, 1, b, n, 1, 0.3, c1, 1);
        PackedGemm.multiply(backend.gemmMicroKernel(), m, n, k, 0.7, a, k, 1, b, n, 1, 0.3, c2, 2);
        assertArrayEquals(c1, c2, 0.0, backend.name() + " " + m + "x" + n + "x" + k);
      }
    }
  }

  @Test
  void alphaZeroDoesNotReadOperands() {
    double[] nan = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    for (Backend backend : BACKENDS) {
      double[] c = {1, 2, 3, 4};
      SmallGemm.multiply(backend, 2, 2, 2, 0.0, nan, 2, 1, nan, 2, 1, 2.0, c);
      assertArrayEquals(new double[] {2, 4, 6, 8}, c, 0.0);
      PackedGemm.multiply(backend.gemmMicroKernel(), 2, 2, 2, 0.0, nan, 2, 1, nan, 2, 1, 2.0, c, 1);
      assertArrayEquals(new double[] {4, 8, 12, 16}, c, 0.0);
    }
  }

  @Test
  void nanInOperandsPropagates() {
    for (Backend backend : BACKENDS) {
      double[] a = new double[64 * 64];
      double[] b = new double[64 * 64];
      a[5] = Double.NaN; // row 0 of A
      double[] c = new double[64 * 64];
      PackedGemm.multiply(backend.gemmMicroKernel(), 64, 64, 64, 1.0, a, 64, 1, b, 64, 1, 0.0, c, 1);
      for (int j = 0; j < 64; j++) {
        assertEquals(Double.NaN, c[j], "row 0 sees NaN (0·NaN is NaN) at column " + j);
        assertEquals(0.0, c[64 + j], 0.0, "row 1 is clean");
      }
    }
  }
}
