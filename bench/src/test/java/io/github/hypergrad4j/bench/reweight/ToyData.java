package io.github.hypergrad4j.bench.reweight;

import io.github.hypergrad4j.bench.data.Dataset;
import java.util.SplittableRandom;

/** Small synthetic classification sets for the tests: Gaussian blobs, one per class. */
final class ToyData {

  private ToyData() {}

  /**
   * n examples in d dimensions, K classes in turn, class c centred at {@code separation}·e_(c mod d)
   * (plus the next axis for c ≥ d), unit Gaussian noise, drawn with {@code seed}.
   */
  static Dataset blobs(int n, int d, int classes, double separation, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[n * d];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % classes;
      for (int j = 0; j < d; j++) {
        x[i * d + j] = random.nextGaussian();
      }
      x[i * d + y[i] % d] += separation;
      if (y[i] >= d) {
        x[i * d + (y[i] + 1) % d] += separation;
      }
    }
    return new Dataset("blobs", x, n, d, y, null, classes);
  }
}
