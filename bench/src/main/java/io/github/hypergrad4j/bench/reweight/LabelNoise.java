package io.github.hypergrad4j.bench.reweight;

import io.github.hypergrad4j.bench.data.Sampling;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Uniform label noise that really corrupts: of n labels in K classes, exactly round(fraction·n)
 * are chosen uniformly at random without replacement (the first ones of {@link
 * Sampling#permutation}{@code (n, seed)}), and each chosen label y is replaced by a label drawn
 * uniformly from the K − 1 other classes, (y + 1 + j) mod K with j uniform in 0..K−2 (from
 * {@link SplittableRandom}{@code (seed + 1)}), so every chosen example ends up with a wrong label.
 * The indices of the corrupted examples are kept, for an oracle that drops them and for scoring
 * how well learned weights find them. Cost O(n); the same seed gives the same corruption.
 *
 * @param labels the labels after corruption (a new array)
 * @param corrupted whether each example's label was changed
 * @param corruptedCount how many were changed: round(fraction·n)
 */
public record LabelNoise(int[] labels, boolean[] corrupted, int corruptedCount) {

  /**
   * Corrupts round(fraction·n) of {@code labels} (not modified) as described above.
   *
   * @param labels the clean labels, each in 0..classes−1
   * @param classes K ≥ 2
   * @param fraction in [0, 1)
   * @param seed of every random choice
   * @throws IllegalArgumentException if the labels are null or outside 0..K−1, K &lt; 2, or the
   *     fraction is outside [0, 1)
   */
  public static LabelNoise corrupt(int[] labels, int classes, double fraction, long seed) {
    if (labels == null) {
      throw new IllegalArgumentException("LabelNoise.corrupt: labels is null");
    }
    if (classes < 2) {
      throw new IllegalArgumentException("LabelNoise.corrupt: needs at least 2 classes to corrupt a label, got "
          + classes);
    }
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("LabelNoise.corrupt: fraction must lie in [0, 1), got " + fraction);
    }
    int n = labels.length;
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException("LabelNoise.corrupt: label " + labels[i] + " of example " + i
            + " is outside 0.." + (classes - 1));
      }
    }
    int count = (int) Math.round(fraction * n);
    int[] chosen = Sampling.draw(n, count, seed);
    Arrays.sort(chosen); // the replacement labels do not depend on the order of the draw
    SplittableRandom random = new SplittableRandom(seed + 1);
    int[] noisy = labels.clone();
    boolean[] flag = new boolean[n];
    for (int i : chosen) {
      noisy[i] = (labels[i] + 1 + random.nextInt(classes - 1)) % classes;
      flag[i] = true;
    }
    return new LabelNoise(noisy, flag, count);
  }

  /** The indices of the corrupted examples, ascending. */
  public int[] corruptedIndices() {
    int[] idx = new int[corruptedCount];
    for (int i = 0, k = 0; i < corrupted.length; i++) {
      if (corrupted[i]) {
        idx[k++] = i;
      }
    }
    return idx;
  }
}
