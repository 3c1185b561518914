package io.github.hypergrad4j.bench.unrolled;

import io.github.hypergrad4j.autodiff.Shape;
import io.github.hypergrad4j.autodiff.Tensor;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.Objective;
import java.util.Arrays;
import java.util.Random;

/**
 * The problem the unrolled benchmarks train on: L2-regularised logistic regression on synthetic
 * data, one penalty per weight, no bias,
 *
 * <pre>
 *   f(w, λ) = mean BCE(X·w, y) + ½ Σ λ_j w_j²       (n training rows)
 *   g(w)    = mean BCE(X_v·w, y_v)                  (n/2 validation rows)
 * </pre>
 *
 * X and X_v have independent N(0, 1) entries; the labels are Bernoulli(σ(x·w*)) for a planted
 * w* ~ N(0, 1/d), so x·w* ~ N(0, 1). All drawn from one {@link Random} with the given seed, in
 * the order w*, X, y, X_v, y_v. θ₀ = 0, λ = {@link #PENALTY} for every weight. With N(0, 1)
 * features the curvature of f is at most about (√n + √d)²/(4n) (4.3 at n = 1000, d = 10⁴), so
 * learning rate {@link #LEARNING_RATE} keeps momentum training stable, and θ and the velocity stay
 * far inside the ±256 of the fixed-point exactly reversible optimiser.
 */
final class SyntheticLogistic {

  /** The L2 penalty of every weight. */
  static final double PENALTY = 1e-3;

  /** The constant learning rate α of the momentum runs. */
  static final double LEARNING_RATE = 0.1;

  /** The constant momentum γ of the momentum runs (Maclaurin's form). */
  static final double MOMENTUM = 0.9;

  private SyntheticLogistic() {}

  /**
   * The problem with {@code d} features and {@code n} training examples (n/2, at least 1,
   * validation examples).
   *
   * @throws IllegalArgumentException if d or n is below 1
   */
  static BilevelProblem problem(int d, int n, long seed) {
    if (d < 1 || n < 1) {
      throw new IllegalArgumentException("SyntheticLogistic: d and n must be >= 1, got d = " + d + ", n = " + n);
    }
    Random random = new Random(seed);
    double[] planted = new double[d];
    for (int j = 0; j < d; j++) {
      planted[j] = random.nextGaussian() / Math.sqrt(d);
    }
    int validation = Math.max(1, n / 2);
    double[][] train = sample(n, d, planted, random);
    double[][] valid = sample(validation, d, planted, random);
    double[] lambda = new double[d];
    Arrays.fill(lambda, PENALTY);
    return BilevelProblem.builder()
        .inner(Objective.fullBatch((w, l) -> loss(w, train, n, d).add(l.mul(w.square()).sum().scale(0.5))))
        .outer(Objective.fullBatch((w, l) -> loss(w, valid, validation, d)))
        .initialTheta(new double[d])
        .initialLambda(lambda)
        .build();
  }

  /** {features (rows × d, row-major), labels}: N(0, 1) features, Bernoulli(σ(x·w*)) labels. */
  private static double[][] sample(int rows, int d, double[] planted, Random random) {
    double[] x = new double[rows * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextGaussian();
    }
    double[] y = new double[rows];
    for (int i = 0; i < rows; i++) {
      double z = 0;
      for (int j = 0; j < d; j++) {
        z += x[i * d + j] * planted[j];
      }
      y[i] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    return new double[][] {x, y};
  }

  private static Tensor loss(Tensor w, double[][] data, int rows, int d) {
    Tensor x = w.tape().constant(data[0], Shape.matrix(rows, d));
    return x.matmul(w).binaryCrossEntropyWithLogits(data[1]);
  }
}
