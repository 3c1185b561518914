package io.github.hypergrad4j.linalg.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.hypergrad4j.linalg.simd.SimdBackend;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The packed product of one op(A) with two right operands ({@link PackedGemm#multiply} with
 * arrays of B and C) against the two separate packed products, on both micro-kernels, the three
 * forms and awkward sizes (not multiples of the 4×4, 6×8 or 6×16 tiles, depths beyond one KC
 * block, one or two threads). The comparison is exact (tolerance 0): the paired product gives each
 * B its own micro-panels, so every element of C sees the same tiles, in the same order, as in its
 * separate product, and the separate products are themselves checked against a triple loop in
 * {@link GemmPropertiesTest}.
 */
class GemmPairTest {

  private static final Backend[] BACKENDS = {new ScalarBackend(), new SimdBackend()};

  private static void check(GemmPropertiesTest.Form form, int m, int n, int k, long seed, int threads) {
    Random r = new Random(seed);
    double[] a = GemmPropertiesTest.gaussian(r, m * k);
    double[] b1 = GemmPropertiesTest.gaussian(r, k * n);
    double[] b2 = GemmPropertiesTest.gaussian(r, k * n);
    double[] c1 = GemmPropertiesTest.gaussian(r, m * n);
    double[] c2 = GemmPropertiesTest.gaussian(r, m * n);
    double alpha = r.nextBoolean() ? 1.0 : r.nextGaussian();
    double beta = switch (r.nextInt(3)) {
      case 0 -> 0.0;
      case 1 -> 1.0;
      default -> r.nextGaussian();
    };
    int ars = form == GemmPropertiesTest.Form.ATB ? 1 : k;
    int acs = form == GemmPropertiesTest.Form.ATB ? m : 1;
    int brs = form == GemmPropertiesTest.Form.ABT ? 1 : n;
    int bcs = form == GemmPropertiesTest.Form.ABT ? k : 1;
    for (Backend backend : BACKENDS) {
      GemmMicroKernel kernel = backend.gemmMicroKernel();
      double[] s1 = c1.clone();
      double[] s2 = c2.clone();
      PackedGemm.multiply(kernel, m, n, k, alpha, a, ars, acs, b1, brs, bcs, beta, s1, 1);
      PackedGemm.multiply(kernel, m, n, k, alpha, a, ars, acs, b2, brs, bcs, beta, s2, 1);
      double[] p1 = c1.clone();
      double[] p2 = c2.clone();
      PackedGemm.multiply(kernel, m, n, k, alpha, a, ars, acs, new double[][] {b1, b2}, brs, bcs, beta,
          new double[][] {p1, p2}, threads);
      String what = backend.name() + " " + form + " " + m + "x" + n + "x" + k + " threads=" + threads;
      assertArrayEquals(s1, p1, 0.0, what + " (first product)");
      assertArrayEquals(s2, p2, 0.0, what + " (second product)");
    }
  }

  @Property(tries = 60)
  void pairedProductIsBitIdenticalToTheTwoProducts(
      @ForAll GemmPropertiesTest.Form form,
      @ForAll @IntRange(min = 1, max = 70) int m,
      @ForAll @IntRange(min = 1, max = 70) int n,
      @ForAll @IntRange(min = 1, max = 300) int k,
      @ForAll long seed) {
    check(form, m, n, k, seed, 1);
  }

  @Test
  void acrossBlocksAndThreads() {
    // n = 2100 spans two NC blocks of micro-panels; m = 200 several MC blocks; k = 600 three KC
    // blocks; above the parallel threshold the panels (or the rows) are split over threads
    for (int threads = 1; threads <= 3; threads++) {
      check(GemmPropertiesTest.Form.AB, 61, 2100, 37, 11, threads);
      check(GemmPropertiesTest.Form.ATB, 200, 131, 600, 12, threads);
      check(GemmPropertiesTest.Form.ABT, 333, 17, 400, 13, threads);
      check(GemmPropertiesTest.Form.AB, 150, 203, 300, 14, threads);
    }
  }
}
