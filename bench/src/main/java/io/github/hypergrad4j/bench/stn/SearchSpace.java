package io.github.hypergrad4j.bench.stn;

import io.github.hypergrad4j.bilevel.stn.Hyperparameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The hyperparameters of an experiment and the fixed values the searches try, in the order of
 * {@link #declarations}: input dropout, dropout on the input of hidden layers 1 … L−1, input noise.
 *
 * <ul>
 *   <li><b>Grid</b>: the Cartesian product of the options' three lists, the hidden layers sharing
 *       one dropout rate (a grid over one rate per layer would grow with the depth); ordered input
 *       dropout slowest, noise fastest.
 *   <li><b>Random search</b> (Bergstra and Bengio 2012): as many draws as the grid has points, from
 *       the box the grid's values span — each rate uniform in [min, max] of its list, one draw per
 *       hidden layer (random search does not tie them), the noise log-uniform in [min, max] — from
 *       a stream seeded with the options' seed.
 * </ul>
 */
final class SearchSpace {

  private final StnTuningOptions options;
  private final int hiddenDropouts;

  SearchSpace(StnTuningOptions options) {
    this.options = options;
    this.hiddenDropouts = options.hidden().length;
  }

  /** The declarations, with the options' starting values: the STN's initial λ. */
  List<Hyperparameter> declarations() {
    List<Hyperparameter> list = new ArrayList<>();
    list.add(Hyperparameter.inputDropout(options.initialInputDropout()));
    for (int l = 1; l <= hiddenDropouts; l++) {
      list.add(Hyperparameter.dropout(l, options.initialDropout()));
    }
    list.add(Hyperparameter.inputNoise(options.initialNoise()));
    return list;
  }

  /** Number of hyperparameters. */
  int size() {
    return hiddenDropouts + 2;
  }

  /** The grid's points, each a value per hyperparameter. */
  List<double[]> grid() {
    List<double[]> points = new ArrayList<>();
    for (double in : options.gridInputDropout()) {
      for (double p : options.gridDropout()) {
        for (double s : options.gridNoise()) {
          double[] v = new double[size()];
          v[0] = in;
          Arrays.fill(v, 1, 1 + hiddenDropouts, p);
          v[size() - 1] = s;
          points.add(v);
        }
      }
    }
    return points;
  }

  /** {@link StnTuningOptions#gridSize()} random draws from the grid's box. */
  List<double[]> randomDraws() {
    SplittableRandom random = new SplittableRandom(options.seed() ^ 0x5eed5eedL);
    double[] in = bounds(options.gridInputDropout());
    double[] p = bounds(options.gridDropout());
    double[] s = bounds(options.gridNoise());
    List<double[]> draws = new ArrayList<>();
    for (int k = 0; k < options.gridSize(); k++) {
      double[] v = new double[size()];
      v[0] = uniform(random, in);
      for (int l = 1; l <= hiddenDropouts; l++) {
        v[l] = uniform(random, p);
      }
      v[size() - 1] = Math.exp(uniform(random, new double[] {Math.log(s[0]), Math.log(s[1])}));
      draws.add(v);
    }
    return draws;
  }

  /** [min, max] of a list. */
  static double[] bounds(double[] values) {
    return new double[] {Arrays.stream(values).min().orElseThrow(), Arrays.stream(values).max().orElseThrow()};
  }

  private static double uniform(SplittableRandom random, double[] range) {
    return range[0] + (range[1] - range[0]) * random.nextDouble();
  }
}
