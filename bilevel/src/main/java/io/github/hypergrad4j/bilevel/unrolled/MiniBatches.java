package io.github.hypergrad4j.bilevel.unrolled;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which training examples step t of an unrolled run sees: all of them, or a seeded mini-batch.
 * The batch of step t is a function of (seed, t) alone, so the forward run, the backward pass (in
 * any order, after any recomputation or reversal) and every re-run for a finite difference see
 * the same batch at the same step.
 *
 * <p>Sampling: {@code size} distinct indices out of the n training examples (Floyd's algorithm,
 * without replacement), drawn from a {@link SplittableRandom} seeded with a 64-bit mix of (seed,
 * t), then sorted ascending. Cost O(size·log size) per call; nothing is stored.
 */
public final class MiniBatches {

  private static final MiniBatches FULL = new MiniBatches(0, 0);

  private final int size;
  private final long seed;

  private MiniBatches(int size, long seed) {
    this.size = size;
    this.seed = seed;
  }

  /** Every step sees the whole training set (the objective is called with a null batch). */
  public static MiniBatches full() {
    return FULL;
  }

  /** Step t sees {@code size} distinct examples drawn from {@code seed} and t. */
  public static MiniBatches seeded(int size, long seed) {
    if (size < 1) {
      throw new IllegalArgumentException("MiniBatches: size must be >= 1, got " + size);
    }
    return new MiniBatches(size, seed);
  }

  /** Whether every step sees the whole training set. */
  public boolean isFull() {
    return size == 0;
  }

  /** The batch size (0 for the full batch). */
  public int size() {
    return size;
  }

  /**
   * The examples of step t out of n, ascending, or null for the full batch (also when the batch
   * would hold every example).
   */
  public int[] batch(int t, int n) {
    if (size == 0 || size >= n) {
      return null;
    }
    SplittableRandom random = new SplittableRandom(mix(seed + 0x9E3779B97F4A7C15L * (t + 1L)));
    // Floyd: for j = n − size … n − 1 pick r in [0, j]; take r unless taken, else j
    int[] picked = new int[size];
    java.util.HashSet<Integer> taken = new java.util.HashSet<>(2 * size);
    int count = 0;
    for (int j = n - size; j < n; j++) {
      int r = random.nextInt(j + 1);
      int pick = taken.add(r) ? r : j;
      if (pick == j) {
        taken.add(j);
      }
      picked[count++] = pick;
    }
    Arrays.sort(picked);
    return picked;
  }

  /** Stafford's variant 13 of the MurmurHash3 finaliser: a bijective 64-bit mix. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public String toString() {
    return size == 0 ? "full batch" : "mini-batches of " + size + " (seed " + seed + ")";
  }
}
