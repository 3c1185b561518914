package io.github.hypergrad4j.bench.cv;

import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bench.data.Sampling;
import io.github.hypergrad4j.bench.data.Splits;
import io.github.hypergrad4j.bench.data.Standardisation;
import java.util.Arrays;

/**
 * The data of a cross-validated run: the test part {@code tune} holds out (the same rows as the
 * 60/20/20 split of {@link Splits#split} with the same seed, untouched), the pool of its
 * training and validation rows, and a stratified K-fold partition of the pool ({@link
 * StratifiedFolds}). Every fold's parts, and the pool with the test part for the refit, are
 * standardised with their own training rows' statistics, so no statistic of held-out rows leaks
 * into training.
 */
public final class CvSplit {

  private final Dataset data;
  private final int[] pool;
  private final int[] test;
  private final int[][] folds;

  private CvSplit(Dataset data, int[] pool, int[] test, int[][] folds) {
    this.data = data;
    this.pool = pool;
    this.test = test;
    this.folds = folds;
  }

  /** A training part and the part it is judged on, both standardised with the training part's statistics. */
  public record Parts(Dataset train, Dataset heldOut) {}

  /**
   * The split of labelled {@code data} with {@code seed}.
   *
   * @param folds K ≥ 2, or 0 for no folds (the pool and test part only, for a refit)
   * @throws IllegalArgumentException if the data are not labelled, K is 1 or negative, or a class
   *     has fewer than K examples in the pool ({@link StratifiedFolds})
   */
  public static CvSplit of(Dataset data, int folds, long seed) {
    if (data.labels() == null) {
      throw new IllegalArgumentException("CvSplit: cross-validation needs class labels, but " + data.name()
          + " has none");
    }
    int n = data.rows();
    int[] order = Sampling.permutation(n, seed);
    int nTrain = (int) Math.round(Splits.DEFAULT_TRAIN * n);
    int nPool = nTrain + (int) Math.min(Math.round(Splits.DEFAULT_VALIDATION * n), n - nTrain);
    int[] pool = Arrays.copyOfRange(order, 0, nPool);
    int[] test = Arrays.copyOfRange(order, nPool, n);
    int[][] parts = folds == 0 ? new int[0][] : StratifiedFolds.split(data.labels(), data.classes(), pool, folds, seed);
    return new CvSplit(data, pool, test, parts);
  }

  /** K (0 without folds). */
  public int folds() {
    return folds.length;
  }

  /** Rows of train + validation. */
  public int poolRows() {
    return pool.length;
  }

  /** Fold k: trained on the other K − 1 folds, validated on fold k. */
  public Parts fold(int k) {
    int[] held = folds[k];
    int[] train = new int[pool.length - held.length];
    int at = 0;
    for (int f = 0; f < folds.length; f++) {
      if (f != k) {
        System.arraycopy(folds[f], 0, train, at, folds[f].length);
        at += folds[f].length;
      }
    }
    return standardised(train, held, "fold " + (k + 1) + " training rows", "fold " + (k + 1) + " held-out rows");
  }

  /** The refit's parts: all of train + validation, and the test part. */
  public Parts refit() {
    return standardised(pool, test, "train+validation", "test part");
  }

  private Parts standardised(int[] train, int[] heldOut, String trainName, String heldName) {
    Dataset tr = data.rows(train, data.nameWith(trainName));
    Dataset ho = data.rows(heldOut, data.nameWith(heldName));
    Standardisation s = Standardisation.fit(tr);
    return new Parts(s.apply(tr), s.apply(ho));
  }
}
