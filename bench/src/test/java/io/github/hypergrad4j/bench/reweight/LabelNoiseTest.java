package io.github.hypergrad4j.bench.reweight;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link LabelNoise}: the exact fraction, real corruption, uniform replacements, reproducibility. */
class LabelNoiseTest {

  private static int[] labels(int n, int classes) {
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = (i * 7 + i / 3) % classes;
    }
    return y;
  }

  @Test
  void corruptsExactlyTheRoundedFractionAndEveryChosenLabelReallyChanges() {
    int[][] cases = {{1000, 10}, {7, 3}, {10000, 10}, {5, 2}};
    double[] fractions = {0.0, 0.2, 0.4, 0.5, 0.999};
    for (int[] c : cases) {
      int[] y = labels(c[0], c[1]);
      for (double f : fractions) {
        LabelNoise noise = LabelNoise.corrupt(y, c[1], f, 42);
        long expected = Math.round(f * c[0]); // 7 * 0.5 = 3.5 rounds to 4
        int changed = 0;
        int flagged = 0;
        for (int i = 0; i < y.length; i++) {
          changed += noise.labels()[i] != y[i] ? 1 : 0;
          flagged += noise.corrupted()[i] ? 1 : 0;
          assertEquals(noise.corrupted()[i], noise.labels()[i] != y[i], "flag and change agree at " + i);
          assertTrue(noise.labels()[i] >= 0 && noise.labels()[i] < c[1]);
        }
        assertEquals(expected, changed, "n " + c[0] + ", fraction " + f);
        assertEquals(expected, flagged);
        assertEquals(expected, noise.corruptedCount());
        assertEquals(expected, noise.corruptedIndices().length);
        for (int i : noise.corruptedIndices()) {
          assertTrue(noise.corrupted()[i]);
        }
      }
    }
    assertEquals(4, LabelNoise.corrupt(labels(7, 3), 3, 0.5, 1).corruptedCount());
  }

  @Test
  void theSameSeedGivesTheSameCorruptionAndAnotherSeedAnother() {
    int[] y = labels(2000, 10);
    int[] before = y.clone();
    LabelNoise a = LabelNoise.corrupt(y, 10, 0.4, 7);
    LabelNoise b = LabelNoise.corrupt(y, 10, 0.4, 7);
    assertArrayEquals(before, y, "the input is not modified");
    assertArrayEquals(a.labels(), b.labels());
    assertArrayEquals(a.corrupted(), b.corrupted());
    LabelNoise c = LabelNoise.corrupt(y, 10, 0.4, 8);
    assertFalse(Arrays.equals(a.corrupted(), c.corrupted()));
    assertNotEquals(Arrays.toString(a.labels()), Arrays.toString(c.labels()));
  }

  @Test
  void theChosenExamplesAndTheirNewLabelsAreUniform() {
    int n = 30000;
    int[] y = new int[n]; // all class 0: the new label must be uniform over 1..3
    LabelNoise noise = LabelNoise.corrupt(y, 4, 0.6, 3);
    int[] newLabel = new int[4];
    int firstHalf = 0;
    for (int i : noise.corruptedIndices()) {
      newLabel[noise.labels()[i]]++;
      firstHalf += i < n / 2 ? 1 : 0;
    }
    assertEquals(0, newLabel[0], "a corrupted label is never the true one");
    int m = noise.corruptedCount(); // 18000: each of 3 classes 6000 ± 5 standard deviations (about 63 each)
    for (int c = 1; c < 4; c++) {
      assertEquals(m / 3.0, newLabel[c], 5 * Math.sqrt(m * (1 / 3.0) * (2 / 3.0)), "class " + c);
    }
    // the positions: hypergeometric, 9000 expected in the first half, standard deviation about 42
    assertEquals(m / 2.0, firstHalf, 5 * 42.5);
  }

  @Test
  void badInputIsRefusedWithTheRoutineAndTheValue() {
    int[] y = labels(10, 3);
    for (double f : new double[] {1.0, -0.1, Double.NaN, 2}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelNoise.corrupt(y, 3, f, 1));
      assertTrue(e.getMessage().startsWith("LabelNoise.corrupt: fraction") && e.getMessage().contains(
          String.valueOf(f)), e.getMessage());
    }
    IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
        () -> LabelNoise.corrupt(new int[3], 1, 0.2, 1));
    assertTrue(one.getMessage().startsWith("LabelNoise.corrupt: ") && one.getMessage().contains("got 1"));
    IllegalArgumentException out = assertThrows(IllegalArgumentException.class,
        () -> LabelNoise.corrupt(new int[] {0, 3}, 3, 0.2, 1));
    assertTrue(out.getMessage().contains("label 3 of example 1"), out.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LabelNoise.corrupt(null, 3, 0.2, 1));
  }
}
