package io.github.hypergrad4j.bilevel.stn;

import io.github.hypergrad4j.autodiff.Shape;
import io.github.hypergrad4j.autodiff.Tensor;

/**
 * A data set for a {@link HyperMlp}: n examples of d features (row-major) with class labels
 * (softmax cross-entropy loss) or one real target each (squared error). The arrays are used, not
 * copied, and must not change during a run.
 */
public final class StnData {

  private final double[] x;
  private final int features;
  private final int[] labels;
  private final int classes;
  private final double[] targets;

  private StnData(double[] x, int features, int[] labels, int classes, double[] targets) {
    this.x = x;
    this.features = features;
    this.labels = labels;
    this.classes = classes;
    this.targets = targets;
  }

  /**
   * Classification: loss −log softmax(z_i)_{y_i} per example, labels 0 … classes − 1.
   *
   * @throws IllegalArgumentException if x does not hold labels.length rows of {@code features},
   *     a value is not finite, or a label is outside [0, classes)
   */
  public static StnData classification(double[] x, int features, int[] labels, int classes) {
    Check.notNull("StnData", "labels", labels);
    Check.atLeast("StnData", "classes", classes, 2);
    checkFeatures(x, features, labels.length);
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException("StnData: label " + i + " is " + labels[i] + ", outside [0, " + classes + ")");
      }
    }
    return new StnData(x, features, labels, classes, null);
  }

  /**
   * Regression: loss (z_i − y_i)² per example, for a network with one output.
   *
   * @throws IllegalArgumentException if x does not hold targets.length rows of {@code features}
   *     or a value is not finite
   */
  public static StnData regression(double[] x, int features, double[] targets) {
    Check.notNull("StnData", "targets", targets);
    checkFeatures(x, features, targets.length);
    Check.finite("StnData", "targets", targets, targets.length);
    return new StnData(x, features, null, 0, targets);
  }

  private static void checkFeatures(double[] x, int features, int n) {
    Check.atLeast("StnData", "features", features, 1);
    Check.atLeast("StnData", "examples", n, 1);
    Check.notNull("StnData", "x", x);
    if ((long) n * features != x.length) {
      throw new IllegalArgumentException("StnData: x must hold " + n + " rows of " + features + " features = "
          + (long) n * features + " values, got " + x.length);
    }
    Check.finite("StnData", "x", x, x.length);
  }

  /** Number of examples n. */
  public int size() {
    return labels != null ? labels.length : targets.length;
  }

  /** Number of features d. */
  public int features() {
    return features;
  }

  /** Whether the examples carry class labels. */
  public boolean isClassification() {
    return labels != null;
  }

  /** The number of classes (0 for regression): the network's outputs must match (1 for regression). */
  public int outputs() {
    return labels != null ? classes : 1;
  }

  /** The features of the given rows, B × d, row-major (a copy). */
  double[] rows(int[] rows) {
    double[] out = new double[rows.length * features];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(x, rows[i] * features, out, i * features, features);
    }
    return out;
  }

  /** The per-example losses (a vector of B) of the outputs z (B × outputs) for the given rows. */
  Tensor lossPerExample(Tensor z, int[] rows) {
    if (labels != null) {
      int[] y = new int[rows.length];
      for (int i = 0; i < rows.length; i++) {
        y[i] = labels[rows[i]];
      }
      return z.softmaxCrossEntropyPerRow(y);
    }
    double[] t = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      t[i] = targets[rows[i]];
    }
    return z.reshape(Shape.vector(rows.length)).sub(z.tape().constant(t)).square();
  }

  /** How many of the rows' outputs z (B × classes values) put the largest value on the label. */
  int correct(double[] z, int[] rows) {
    int hits = 0;
    for (int i = 0; i < rows.length; i++) {
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (z[i * classes + c] > z[i * classes + best]) {
          best = c;
        }
      }
      hits += best == labels[rows[i]] ? 1 : 0;
    }
    return hits;
  }
}
