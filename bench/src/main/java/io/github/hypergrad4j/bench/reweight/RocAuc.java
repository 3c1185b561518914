package io.github.hypergrad4j.bench.reweight;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The area under the ROC curve of scores that should rank the positives above the negatives:
 * AUC = P(s⁺ &gt; s⁻) + ½·P(s⁺ = s⁻) over all pairs of a positive and a negative, which is the
 * Mann–Whitney U statistic divided by n⁺·n⁻ (Hanley and McNeil, "The meaning and use of the area
 * under a receiver operating characteristic (ROC) curve", Radiology 143, 1982). Computed from
 * mid-ranks: sort the scores, give tied scores the mean of their ranks, then
 * AUC = (Σ ranks of positives − n⁺(n⁺ + 1)/2) / (n⁺·n⁻). Cost O(n log n).
 */
public final class RocAuc {

  private RocAuc() {}

  /**
   * The AUC of {@code scores} for the examples marked {@code positive}: 1 when every positive
   * scores above every negative, ½ for scores that carry no information (all equal, say), 0 when
   * the ranking is exactly reversed.
   *
   * @throws IllegalArgumentException if the arrays are null or of different lengths, a score is
   *     NaN, or there is no positive or no negative
   */
  public static double of(double[] scores, boolean[] positive) {
    if (scores == null || positive == null || scores.length != positive.length) {
      throw new IllegalArgumentException("RocAuc.of: needs scores and labels of equal length, got "
          + (scores == null ? "null" : scores.length) + " and " + (positive == null ? "null" : positive.length));
    }
    int n = scores.length;
    long positives = 0;
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(scores[i])) {
        throw new IllegalArgumentException("RocAuc.of: score " + i + " is NaN");
      }
      positives += positive[i] ? 1 : 0;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      throw new IllegalArgumentException("RocAuc.of: needs at least one positive and one negative, got "
          + positives + " positives and " + negatives + " negatives");
    }
    Integer[] order = new Integer[n];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
    double rankSum = 0;
    for (int start = 0; start < n; ) {
      int end = start;
      while (end + 1 < n && scores[order[end + 1]] == scores[order[start]]) {
        end++;
      }
      double midRank = (start + end) / 2.0 + 1; // ranks from 1
      for (int k = start; k <= end; k++) {
        if (positive[order[k]]) {
          rankSum += midRank;
        }
      }
      start = end + 1;
    }
    return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }
}
