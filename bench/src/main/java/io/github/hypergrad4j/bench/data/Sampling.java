package io.github.hypergrad4j.bench.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The one seeded shuffle behind every random choice of examples: {@link Splits#split}'s
 * train/validation/test cut, {@link Dataset#sample} ({@code tune --limit}) and the images drawn
 * from Fashion-MNIST's IDX files. Sharing it means the same seed always draws the same examples,
 * whatever the data came from.
 */
public final class Sampling {

  private Sampling() {}

  /**
   * A uniformly random permutation of 0..n−1 determined by {@code seed}: the Fisher–Yates
   * shuffle run from the last position down (for i = n−1 … 1 swap positions i and j, j uniform
   * in 0..i, from {@link SplittableRandom}{@code (seed)}); Knuth, TAOCP vol. 2, §3.4.2,
   * Algorithm P. Cost O(n) time and one int array of n.
   */
  public static int[] permutation(int n, long seed) {
    if (n < 0) {
      throw new IllegalArgumentException("Sampling.permutation: n must be at least 0, got " + n);
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** {@code count} of 0..n−1 without replacement: the first {@code count} of {@link #permutation}. */
  public static int[] draw(int n, int count, long seed) {
    if (count < 0 || count > n) {
      throw new IllegalArgumentException("Sampling.draw: count must be in 0.." + n + ", got " + count);
    }
    return Arrays.copyOf(permutation(n, seed), count);
  }

  /** How a draw is named in a data set's name: "50 of 150 drawn with seed 7". */
  static String describe(int count, int n, long seed) {
    return count + " of " + n + " drawn with seed " + seed;
  }
}
