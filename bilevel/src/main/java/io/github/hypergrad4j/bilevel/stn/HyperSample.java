package io.github.hypergrad4j.bilevel.stn;

import java.util.SplittableRandom;

/**
 * The hyperparameters of every example of one batch: for continuous j, ε_ij ~ N(0, 1) and the
 * input u_j + σ_j ε_ij (see {@link GaussianPerturbation}); for a cutout j, k_ij ~ Binomial(K_j,
 * σ(u_j)) and the input k_ij / K_j (see {@link BinomialReinforce}). Row-major B × h arrays.
 *
 * @param rows B
 * @param eps ε, 0 in the discrete columns
 * @param draws k, 0 in the continuous columns
 * @param fixedInputs k/K in the discrete columns, 0 elsewhere
 * @param inputs the hypernetwork's inputs at the given σ (u + σ ε, or k/K)
 */
record HyperSample(int rows, double[] eps, int[] draws, double[] fixedInputs, double[] inputs) {

  /**
   * Draws a batch's hyperparameters. {@code sigma} null means no perturbation (ε = 0; the
   * discrete ones are still drawn: their distribution is the hyperparameter).
   */
  static HyperSample draw(HyperparameterSet set, double[] free, double[] sigma, int rows, SplittableRandom random) {
    int h = set.size();
    double[] mask = set.continuousMask();
    double[] eps = sigma == null ? new double[rows * h] : GaussianPerturbation.standardNormals(random, rows, mask);
    int[] draws = new int[rows * h];
    double[] fixed = new double[rows * h];
    double[] inputs = new double[rows * h];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < h; j++) {
        int at = i * h + j;
        Hyperparameter p = set.get(j);
        if (p.isDiscrete()) {
          draws[at] = BinomialReinforce.sample(p.maxSide(), Transform.LOGIT.value(free[j]), random);
          fixed[at] = (double) draws[at] / p.maxSide();
          inputs[at] = fixed[at];
        } else {
          inputs[at] = free[j] + (sigma == null ? 0 : sigma[j] * eps[at]);
        }
      }
    }
    return new HyperSample(rows, eps, draws, fixed, inputs);
  }

  /** Example i's value of hyperparameter j: the transformed input, or the drawn k. */
  double value(HyperparameterSet set, int i, int j) {
    int at = i * set.size() + j;
    Hyperparameter p = set.get(j);
    return p.isDiscrete() ? draws[at] : p.transform().value(inputs[at]);
  }

  /** The draws of discrete hyperparameter j, one per example. */
  int[] drawsOf(int j, int h) {
    int[] k = new int[rows];
    for (int i = 0; i < rows; i++) {
      k[i] = draws[i * h + j];
    }
    return k;
  }
}
