package io.github.hypergrad4j.bench.penalties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bilevel.HypergradientResult;
import org.junit.jupiter.api.Test;

/** The scaling benchmark's sizes and its fixed budget of products, at the smallest size. */
class HypergradientScalingBenchmarkTest {

  @Test
  void theWidthsGiveTheStatedNumbersOfPenalties() {
    int[] widths = {27, 95, 311, 995};
    int[] penalties = {999, 9_975, 99_831, 999_975};
    for (int i = 0; i < widths.length; i++) {
      assertEquals(penalties[i], widths[i] * widths[i] + 10 * widths[i]);
    }
    assertEquals(999, HypergradientScalingBenchmark.model(27, 5, 3).penalties());
  }

  @Test
  void aHypergradientSpendsTheBudgetPlusOneSweep() {
    HypergradientScalingBenchmark b = new HypergradientScalingBenchmark();
    b.width = 27;
    b.n = 100;
    b.setUp();
    HypergradientResult h = b.hypergradient();
    // 10 CG products and one sweep for the true residual, which also gives the mixed term
    assertEquals(HypergradientScalingBenchmark.CG_BUDGET + 1, h.hessianVectorProducts(), h.solve().detail());
    assertEquals(999, h.hypergradient().length);
    assertTrue(h.norm() > 0 && Double.isFinite(h.norm()));
    assertEquals(b.hvp().length, 27 * 27 + 27 + 27 * 10 + 10);
  }
}
