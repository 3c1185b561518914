package io.github.hypergrad4j.bench.data;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of examples: features row-major (rows × cols) and either integer class labels
 * (classification) or real targets (regression).
 *
 * <p>The name says where the data came from and what was done to them, as a base name followed
 * by qualifiers separated by commas ({@link #nameWith}): {@code "iris.csv, header read, 50 of 150
 * drawn with seed 7"}, {@code "breast-cancer, train part"}.
 *
 * @param name where it came from (see above)
 * @param features rows × cols, row-major
 * @param rows number of examples
 * @param cols number of features
 * @param labels class of each example in [0, classes), or null for regression
 * @param targets target of each example, or null for classification
 * @param classes number of classes (0 for regression)
 * @param featureNames one name per feature, or null for the default names ({@link #featureName})
 */
public record Dataset(String name, double[] features, int rows, int cols, int[] labels, double[] targets,
    int classes, List<String> featureNames) {

  /** Checks the sizes agree and every label lies in [0, classes). */
  public Dataset {
    if (rows < 0 || cols < 0 || features.length != (long) rows * cols) {
      throw new IllegalArgumentException("Dataset: " + name + ": " + rows + "x" + cols + " features need "
          + (long) rows * cols + " values, got " + features.length);
    }
    if ((labels == null) == (targets == null)) {
      throw new IllegalArgumentException("Dataset: " + name + ": exactly one of labels and targets must be given");
    }
    if (labels != null && labels.length != rows || targets != null && targets.length != rows) {
      throw new IllegalArgumentException("Dataset: " + name + ": one label or target per row is needed ("
          + rows + " rows, got " + (labels != null ? labels.length : targets.length) + ")");
    }
    if (labels != null) {
      for (int i = 0; i < rows; i++) {
        if (labels[i] < 0 || labels[i] >= classes) {
          throw new IllegalArgumentException("Dataset: " + name + ": label " + labels[i] + " of row " + i
              + " is outside 0.." + (classes - 1) + " (classes = " + classes + ")");
        }
      }
    }
    if (featureNames != null) {
      featureNames = List.copyOf(featureNames);
      if (featureNames.size() != cols) {
        throw new IllegalArgumentException("Dataset: " + name + ": " + featureNames.size() + " feature names for "
            + cols + " features");
      }
    }
  }

  /** Without feature names (they read "feature j"). */
  public Dataset(String name, double[] features, int rows, int cols, int[] labels, double[] targets, int classes) {
    this(name, features, rows, cols, labels, targets, classes, null);
  }

  /** The examples at the given row indices, in that order, under a new name. */
  public Dataset rows(int[] index, String newName) {
    double[] x = new double[index.length * cols];
    int[] y = labels == null ? null : new int[index.length];
    double[] t = targets == null ? null : new double[index.length];
    for (int r = 0; r < index.length; r++) {
      if (index[r] < 0 || index[r] >= rows) {
        throw new IllegalArgumentException("Dataset.rows: index " + index[r] + " at position " + r
            + " is outside 0.." + (rows - 1));
      }
      System.arraycopy(features, index[r] * cols, x, r * cols, cols);
      if (y != null) {
        y[r] = labels[index[r]];
      } else {
        t[r] = targets[index[r]];
      }
    }
    return new Dataset(newName, x, index.length, cols, y, t, classes, featureNames);
  }

  /**
   * {@code count} examples drawn without replacement with {@code seed}: the first {@code count}
   * of {@link Sampling#permutation}{@code (rows, seed)}, named with the qualifier "count of rows
   * drawn with seed S". When {@code count >= rows} this data set itself, unchanged.
   */
  public Dataset sample(int count, long seed) {
    if (count < 1) {
      throw new IllegalArgumentException("Dataset.sample: count must be at least 1, got " + count);
    }
    if (count >= rows) {
      return this;
    }
    return rows(Sampling.draw(rows, count, seed), nameWith(Sampling.describe(count, rows, seed)));
  }

  /** The same examples with these features. */
  public Dataset withFeatures(double[] newFeatures) {
    return new Dataset(name, newFeatures, rows, cols, labels, targets, classes, featureNames);
  }

  /** This data set's name followed by one more qualifier: "iris.csv" → "iris.csv, test part". */
  public String nameWith(String qualifier) {
    return name + ", " + qualifier;
  }

  /**
   * The name of feature {@code j} (counted from 0), for reports: the name the data came with (a
   * CSV header, the embedded data sets' documented names, "pixel (r,c)" for images), or "feature
   * j" when there is none.
   */
  public String featureName(int j) {
    if (j < 0 || j >= cols) {
      throw new IllegalArgumentException("Dataset.featureName: j = " + j + " is outside 0.." + (cols - 1));
    }
    String given = featureNames == null ? null : featureNames.get(j);
    return given == null || given.isBlank() ? "feature " + j : given;
  }

  /**
   * The names of an image's pixels in row-major order, "pixel (r,c)" with row r and column c
   * counted from 0: the feature names of the image data sets.
   */
  public static List<String> pixelNames(int height, int width) {
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException("Dataset.pixelNames: needs height and width >= 1, got " + height + "x" + width);
    }
    List<String> names = new ArrayList<>(height * width);
    for (int r = 0; r < height; r++) {
      for (int c = 0; c < width; c++) {
        names.add("pixel (" + r + "," + c + ")");
      }
    }
    return names;
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
