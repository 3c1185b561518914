package io.github.hypergrad4j.bench.reweight;

import io.github.hypergrad4j.autodiff.Shape;
import io.github.hypergrad4j.autodiff.Tape;
import io.github.hypergrad4j.autodiff.Tensor;
import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bench.data.Predictions;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.InnerOptimizer;
import io.github.hypergrad4j.bilevel.InnerResult;
import io.github.hypergrad4j.bilevel.InnerStopping;
import io.github.hypergrad4j.bilevel.Objective;
import io.github.hypergrad4j.bilevel.Parametrization;

/**
 * Multinomial logistic regression with one weight per training example, as a bilevel problem
 * whose hyperparameters are the weights (Ren, Zeng, Yang and Urtasun, "Learning to reweight
 * examples for robust deep learning", ICML 2018, with the implicit hypergradient in place of
 * their one-step look-ahead).
 *
 * <p>θ = [W (d × K) row-major, b (K)]; the logits of x are xW + b. With CE_i(θ) the softmax
 * cross-entropy of training example i against its (possibly corrupted) label:
 *
 * <pre>
 *   inner  f(θ, w) = (1/n) Σ_i w_i·CE_i(θ) + (μ/2)‖θ‖²
 *   outer  g(θ)    = (1/m) Σ_j CE_j(θ) over the m (clean) validation examples
 * </pre>
 *
 * The penalty covers the biases too: softmax cross-entropy does not change when the same constant
 * is added to every class's bias, so without it the Hessian would be singular along that direction
 * whatever μ; with it, f is μ-strongly convex for any w ≥ 0, and θ*(w) is unique and smooth, as the
 * implicit function theorem needs. With all w_i = 1, f is the ordinary (unweighted) regularised
 * regression; with w_i = n/n' on n' kept examples and 0 elsewhere, it is the ordinary regression
 * on the kept ones. Cost of f and ∇_θ f: two products of the n × d data with d × K matrices.
 */
public final class WeightedSoftmaxRegression {

  private final Dataset train;
  private final Dataset validation;
  private final double mu;
  private final int d;
  private final int k;

  /**
   * A model on {@code train} (its labels as given, corrupted or not) tuned on {@code validation}.
   *
   * @throws IllegalArgumentException if a set has no labels or is empty, the two differ in
   *     features or classes, there are fewer than 2 classes, or μ is not positive and finite
   */
  public WeightedSoftmaxRegression(Dataset train, Dataset validation, double mu) {
    if (train == null || validation == null || train.labels() == null || validation.labels() == null
        || train.rows() < 1 || validation.rows() < 1 || train.cols() != validation.cols()
        || train.classes() != validation.classes() || train.classes() < 2) {
      throw new IllegalArgumentException("WeightedSoftmaxRegression: needs non-empty labelled training and "
          + "validation sets with the same features and at least 2 classes, got "
          + describe(train) + " and " + describe(validation));
    }
    if (!(mu > 0) || Double.isInfinite(mu)) {
      throw new IllegalArgumentException("WeightedSoftmaxRegression: mu must be positive and finite, got " + mu);
    }
    this.train = train;
    this.validation = validation;
    this.mu = mu;
    this.d = train.cols();
    this.k = train.classes();
  }

  private static String describe(Dataset s) {
    return s == null ? "null" : s.rows() + "x" + s.cols() + (s.labels() == null ? " without labels" : ", "
        + s.classes() + " classes");
  }

  /** The number of model parameters, d·K + K. */
  public int parameters() {
    return d * k + k;
  }

  /** The number of training examples n (one weight each). */
  public int examples() {
    return train.rows();
  }

  /** The logits xW + b of every row of {@code data}, an (rows × K) tensor on θ's tape. */
  private Tensor logits(Tensor theta, Dataset data) {
    Tensor x = theta.tape().constant(data.features(), Shape.matrix(data.rows(), d));
    return x.matmul(theta.slice(0, d * k).reshape(d, k)).add(theta.slice(d * k, d * k + k));
  }

  /** The inner objective f(θ, w) above. */
  public Objective inner() {
    double scale = 1.0 / train.rows();
    return Objective.fullBatch((theta, w) -> w.dot(logits(theta, train).softmaxCrossEntropyPerRow(train.labels()))
        .scale(scale).add(theta.squaredNorm().scale(mu / 2)));
  }

  /** The outer objective g(θ): the mean cross-entropy on the validation set. */
  public Objective outer() {
    return Objective.fullBatch((theta, w) -> logits(theta, validation).softmaxCrossEntropy(validation.labels()));
  }

  /**
   * The bilevel problem from θ₀ and the weights w₀, the weights parametrised by {@code p} (for
   * tuning: {@code Parametrization.box(0, 1)}, w = σ(u); for fitting at given weights, any that
   * holds them).
   *
   * @throws IllegalArgumentException if θ₀ or w₀ has the wrong length, or w₀ is outside p's range
   */
  public BilevelProblem problem(double[] theta0, double[] weights0, Parametrization p) {
    if (theta0 == null || theta0.length != parameters() || weights0 == null || weights0.length != examples()) {
      throw new IllegalArgumentException("WeightedSoftmaxRegression.problem: needs theta0 of length " + parameters()
          + " and weights0 of length " + examples() + ", got " + (theta0 == null ? "null" : theta0.length) + " and "
          + (weights0 == null ? "null" : weights0.length));
    }
    return BilevelProblem.builder().inner(inner()).outer(outer()).initialTheta(theta0).initialLambda(weights0)
        .parametrization(p).build();
  }

  /**
   * θ*(w): the inner problem at fixed weights w ≥ 0, solved by L-BFGS from {@code start} until
   * ‖∇_θ f‖₂ ≤ the tolerance or the iteration budget of {@code stopping} (the status says which).
   *
   * @throws IllegalArgumentException if a weight is negative or not finite, or a length is wrong
   */
  public InnerResult fit(double[] weights, double[] start, InnerStopping stopping) {
    for (int i = 0; weights != null && i < weights.length; i++) {
      if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException("WeightedSoftmaxRegression.fit: weight " + i + " is " + weights[i]
            + "; every weight must be finite and >= 0");
      }
    }
    BilevelProblem fixed = problem(start, weights, Parametrization.identity());
    return InnerOptimizer.lbfgs().minimize(fixed.innerFunctionAt(weights), start, stopping);
  }

  /** The mean cross-entropy of θ on {@code data} (same features and classes). */
  public double meanLoss(double[] theta, Dataset data) {
    return logits(new Tape().constant(theta.clone()), data).softmaxCrossEntropy(data.labels()).item();
  }

  /** The fraction of {@code data} whose largest logit under θ is at its label. */
  public double accuracy(double[] theta, Dataset data) {
    return Predictions.accuracy(logits(new Tape().constant(theta.clone()), data).value(), k, data.labels());
  }
}
