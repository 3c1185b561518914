package io.github.hypergrad4j.bench.data;

/**
 * A table of examples: features row-major (rows × cols) and either integer class labels
 * (classification) or real targets (regression).
 *
 * @param name where it came from
 * @param features rows × cols, row-major
 * @param rows number of examples
 * @param cols number of features
 * @param labels class of each example in [0, classes), or null for regression
 * @param targets target of each example, or null for classification
 * @param classes number of classes (0 for regression)
 */
public record Dataset(
    String name, double[] features, int rows, int cols, int[] labels, double[] targets, int classes) {

  /** Checks the sizes agree. */
  public Dataset {
    if (features.length != (long) rows * cols) {
      throw new IllegalArgumentException(name + ": " + rows + "x" + cols + " features need "
          + (long) rows * cols + " values, got " + features.length);
    }
    if ((labels == null) == (targets == null)) {
      throw new IllegalArgumentException(name + ": exactly one of labels and targets must be given");
    }
    if (labels != null && labels.length != rows || targets != null && targets.length != rows) {
      throw new IllegalArgumentException(name + ": one label or target per row is needed (" + rows + " rows)");
    }
  }

  /** The examples at the given row indices, in that order. */
  public Dataset rows(int[] index, String newName) {
    double[] x = new double[index.length * cols];
    int[] y = labels == null ? null : new int[index.length];
    double[] t = targets == null ? null : new double[index.length];
    for (int r = 0; r < index.length; r++) {
      System.arraycopy(features, index[r] * cols, x, r * cols, cols);
      if (y != null) {
        y[r] = labels[index[r]];
      } else {
        t[r] = targets[index[r]];
      }
    }
    return new Dataset(newName, x, index.length, cols, y, t, classes);
  }

  /** The same examples with these features. */
  public Dataset withFeatures(double[] newFeatures) {
    return new Dataset(name, newFeatures, rows, cols, labels, targets, classes);
  }

  /** The name of feature {@code j} (counted from 0), for reports. */
  public String featureName(int j) {
    return "feature " + j;
  }

  /** Labels as doubles (for binary cross-entropy targets). */
  public double[] labelsAsDoubles() {
    double[] t = new double[rows];
    for (int i = 0; i < rows; i++) {
      t[i] = labels[i];
    }
    return t;
  }
}
