package io.github.hypergrad4j.bench.cv;

import io.github.hypergrad4j.bench.data.Sampling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A seeded, stratified K-fold partition of labelled rows: each fold gets every class in nearly
 * the proportion of the whole (the counts of a class differ by at most one between folds).
 *
 * <p>The rows are shuffled with the seed ({@link Sampling#permutation}); then, class by class
 * (class 0 first), each class's rows in shuffled order are dealt to the folds in turn, the turn
 * carrying on from one class to the next so that the folds' sizes also differ by at most one.
 * Cost: O(n).
 */
public final class StratifiedFolds {

  private StratifiedFolds() {}

  /**
   * The K folds of {@code rows} (indices into {@code labels}), each sorted ascending.
   *
   * @param labels the class of every row of the data, in [0, classes)
   * @param rows the rows to partition
   * @param folds K, at least 2 and at most the number of rows of the rarest class among them
   * @param seed of the shuffle
   * @throws IllegalArgumentException if K &lt; 2, or a class present in the data has fewer than K
   *     of the rows (a fold would lack it), naming the class and its count
   */
  public static int[][] split(int[] labels, int classes, int[] rows, int folds, long seed) {
    if (folds < 2) {
      throw new IllegalArgumentException("StratifiedFolds: folds must be >= 2, got " + folds);
    }
    int[] counts = new int[classes];
    for (int r : rows) {
      counts[labels[r]]++;
    }
    for (int c = 0; c < classes; c++) {
      if (counts[c] < folds) {
        throw new IllegalArgumentException("StratifiedFolds: " + folds + " folds need at least " + folds
            + " examples of every class in the rows they split, but class " + c + " has " + counts[c]
            + " (class counts " + Arrays.toString(counts) + ")");
      }
    }
    int[] order = Sampling.permutation(rows.length, seed);
    List<List<Integer>> parts = new ArrayList<>();
    for (int f = 0; f < folds; f++) {
      parts.add(new ArrayList<>());
    }
    int turn = 0;
    for (int c = 0; c < classes; c++) {
      for (int i : order) {
        if (labels[rows[i]] == c) {
          parts.get(turn).add(rows[i]);
          turn = (turn + 1) % folds;
        }
      }
    }
    int[][] out = new int[folds][];
    for (int f = 0; f < folds; f++) {
      out[f] = parts.get(f).stream().mapToInt(Integer::intValue).sorted().toArray();
    }
    return out;
  }
}
