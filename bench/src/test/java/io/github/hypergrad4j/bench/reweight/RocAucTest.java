package io.github.hypergrad4j.bench.reweight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link RocAuc}: hand-checked small cases with and without ties, and the pair count it stands for. */
class RocAucTest {

  private static final boolean T = true;
  private static final boolean F = false;

  @Test
  void handCheckedCases() {
    // positives 0.4, 0.8 against negatives 0.1, 0.35: all 4 pairs ordered
    assertEquals(1.0, RocAuc.of(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {F, T, F, T}), 0);
    // reversed
    assertEquals(0.0, RocAuc.of(new double[] {0.9, 0.1, 0.8, 0.2}, new boolean[] {F, T, F, T}), 0);
    // positives 0.5, 0.2 against negatives 0.5, 0.9: pairs (0.5, 0.5) tie = 1/2, the other three 0 → 0.5 / 4
    assertEquals(0.125, RocAuc.of(new double[] {0.5, 0.5, 0.2, 0.9}, new boolean[] {T, F, T, F}), 0);
    // all equal: every pair a tie
    assertEquals(0.5, RocAuc.of(new double[] {3, 3, 3, 3, 3}, new boolean[] {T, F, F, T, F}), 0);
    // positives 2, 3, 3 against negatives 1, 3: (2>1) 1, (2<3) 0, (3>1) 1, (3=3) 1/2, (3>1) 1, (3=3) 1/2 → 4 / 6
    assertEquals(4.0 / 6, RocAuc.of(new double[] {2, 1, 3, 3, 3}, new boolean[] {T, F, T, F, T}), 1e-15);
  }

  @Test
  void equalsTheFractionOfOrderedPairsCountingTiesAsHalf() {
    SplittableRandom random = new SplittableRandom(5);
    for (int trial = 0; trial < 20; trial++) {
      int n = 2 + random.nextInt(60);
      double[] s = new double[n];
      boolean[] p = new boolean[n];
      for (int i = 0; i < n; i++) {
        s[i] = random.nextInt(8) / 4.0; // many ties
        p[i] = random.nextBoolean();
      }
      p[0] = true;
      p[1] = false;
      double pairs = 0;
      double wins = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (p[i] && !p[j]) {
            pairs++;
            wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
          }
        }
      }
      assertEquals(wins / pairs, RocAuc.of(s, p), 1e-12);
    }
  }

  @Test
  void badInputIsRefused() {
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> RocAuc.of(new double[] {1, 2}, new boolean[] {T, T}));
    assertTrue(none.getMessage().startsWith("RocAuc.of: ") && none.getMessage().contains("2 positives and 0"),
        none.getMessage());
    IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class,
        () -> RocAuc.of(new double[] {1, 2}, new boolean[] {T}));
    assertTrue(lengths.getMessage().contains("got 2 and 1"), lengths.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> RocAuc.of(new double[] {1, Double.NaN}, new boolean[] {T, F}));
    assertTrue(nan.getMessage().contains("score 1 is NaN"), nan.getMessage());
  }
}
