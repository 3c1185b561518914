package io.github.hypergrad4j.bench.data;

/** Scoring a classifier's outputs against the labels. */
public final class Predictions {

  private Predictions() {}

  /**
   * The fraction of rows whose largest logit (the first of equal ones) is at the row's label:
   * {@code logits} is rows × classes, row-major, with rows = {@code labels.length}. Cost O(rows·classes).
   *
   * @throws IllegalArgumentException if the lengths do not match or there are no rows
   */
  public static double accuracy(double[] logits, int classes, int[] labels) {
    if (classes < 1 || labels.length == 0 || logits.length != (long) labels.length * classes) {
      throw new IllegalArgumentException("Predictions.accuracy: needs " + labels.length + " x " + classes
          + " logits for " + labels.length + " labels (at least one), got " + logits.length);
    }
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (logits[i * classes + c] > logits[i * classes + best]) {
          best = c;
        }
      }
      correct += best == labels[i] ? 1 : 0;
    }
    return (double) correct / labels.length;
  }
}
