package io.github.hypergrad4j.bench.data;

import java.util.SplittableRandom;

/**
 * Seeded train/validation/test splits and feature standardisation fitted on the training part
 * only (so no statistic of the held-out parts leaks into training).
 */
public final class Splits {

  private Splits() {}

  /** The three parts of a split. */
  public record TrainValidationTest(Dataset train, Dataset validation, Dataset test) {}

  /**
   * Shuffles with {@code seed} and cuts the examples into fractions {@code train}, {@code
   * validation} and the rest for test; then standardises every part with the training part's
   * mean and standard deviation per feature (a constant feature is only centred).
   */
  public static TrainValidationTest split(Dataset data, double train, double validation, long seed) {
    if (!(train > 0 && validation > 0 && train + validation < 1)) {
      throw new IllegalArgumentException("split: needs train > 0, validation > 0 and train + validation < 1, got "
          + train + " and " + validation);
    }
    int n = data.rows();
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
    int nTrain = (int) Math.round(train * n);
    int nValidation = (int) Math.round(validation * n);
    Dataset tr = data.rows(java.util.Arrays.copyOfRange(order, 0, nTrain), data.name() + " (train)");
    Dataset va = data.rows(java.util.Arrays.copyOfRange(order, nTrain, nTrain + nValidation), data.name() + " (validation)");
    Dataset te = data.rows(java.util.Arrays.copyOfRange(order, nTrain + nValidation, n), data.name() + " (test)");
    double[][] stats = meanAndScale(tr);
    return new TrainValidationTest(standardise(tr, stats), standardise(va, stats), standardise(te, stats));
  }

  private static double[][] meanAndScale(Dataset d) {
    int c = d.cols();
    double[] mean = new double[c];
    double[] scale = new double[c];
    for (int i = 0; i < d.rows(); i++) {
      for (int j = 0; j < c; j++) {
        mean[j] += d.features()[i * c + j] / d.rows();
      }
    }
    for (int i = 0; i < d.rows(); i++) {
      for (int j = 0; j < c; j++) {
        double e = d.features()[i * c + j] - mean[j];
        scale[j] += e * e / d.rows();
      }
    }
    for (int j = 0; j < c; j++) {
      scale[j] = scale[j] > 0 ? Math.sqrt(scale[j]) : 1.0;
    }
    return new double[][] {mean, scale};
  }

  private static Dataset standardise(Dataset d, double[][] stats) {
    int c = d.cols();
    double[] x = new double[d.features().length];
    for (int i = 0; i < d.rows(); i++) {
      for (int j = 0; j < c; j++) {
        x[i * c + j] = (d.features()[i * c + j] - stats[0][j]) / stats[1][j];
      }
    }
    return d.withFeatures(x);
  }
}
