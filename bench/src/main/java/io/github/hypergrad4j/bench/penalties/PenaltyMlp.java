package io.github.hypergrad4j.bench.penalties;

import io.github.hypergrad4j.autodiff.Shape;
import io.github.hypergrad4j.autodiff.Tape;
import io.github.hypergrad4j.autodiff.Tensor;
import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bench.data.Predictions;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.Objective;
import io.github.hypergrad4j.bilevel.Parametrization;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.StringJoiner;

/**
 * A tanh MLP with one L2 penalty per weight: the model of the "million penalties" experiment
 * (Lorraine, Vicol and Duvenaud, "Optimizing millions of hyperparameters by implicit
 * differentiation", AISTATS 2020, section 5.1).
 *
 * <p><b>Model.</b> Layer sizes d = s₀, s₁, …, s_L = K; θ = [W₁ (s₀×s₁), b₁ (s₁), …, W_L, b_L]
 * flat, a_l = tanh(a_{l−1} W_l + b_l) for the hidden layers and logits a_{L−1} W_L + b_L.
 * tanh, not ReLU: the implicit function theorem wants f twice differentiable, and with tanh it is
 * everywhere (ReLU's Hessian is that of a piecewise-linear net, exact only almost everywhere,
 * and the finite-difference check through re-solved inner problems would straddle its kinks).
 *
 * <p><b>Objectives.</b> With one λ_i per weight w_i (the biases are not penalised),
 *
 * <pre>
 *   f(θ, λ) = mean softmax cross-entropy on the training set + ½ Σ_i λ_i w_i²
 *   g(θ)    = mean softmax cross-entropy on the validation set
 * </pre>
 *
 * so ∇²_λθ f·p = (w_i p_i)_i on the weights: the mixed term costs one sweep whatever the number
 * of penalties. λ = exp(u) keeps every penalty positive.
 *
 * <p><b>θ₀</b>: weights Gaussian with variance 1/fan-in (LeCun's initialisation, suited to tanh)
 * drawn in θ's order from a {@link SplittableRandom} of the seed, biases 0.
 */
public final class PenaltyMlp {

  private final Dataset train;
  private final Dataset validation;
  private final int[] sizes;
  private final int[] weightAt; // offset of W_l in θ
  private final int[] biasAt; // offset of b_l in θ
  private final int[] penaltyAt; // offset of W_l's penalties in λ
  private final int parameters;
  private final int penalties;

  /**
   * A network with these hidden widths between the data's features and its classes.
   *
   * @throws IllegalArgumentException if a width is below 1, there are more than 10⁹ parameters, a
   *     set is unlabelled or the sets differ in features or classes
   */
  public PenaltyMlp(Dataset train, Dataset validation, int... hidden) {
    if (train == null || validation == null || train.labels() == null || validation.labels() == null) {
      throw new IllegalArgumentException("PenaltyMlp: needs labelled training and validation sets");
    }
    if (train.cols() != validation.cols() || train.classes() != validation.classes()) {
      throw new IllegalArgumentException("PenaltyMlp: the training set has " + train.cols() + " features and "
          + train.classes() + " classes, the validation set " + validation.cols() + " and " + validation.classes());
    }
    if (hidden == null) {
      throw new IllegalArgumentException("PenaltyMlp: hidden widths must be given");
    }
    sizes = new int[hidden.length + 2];
    sizes[0] = train.cols();
    for (int l = 0; l < hidden.length; l++) {
      if (hidden[l] < 1) {
        throw new IllegalArgumentException("PenaltyMlp: hidden widths must be >= 1, got " + Arrays.toString(hidden));
      }
      sizes[l + 1] = hidden[l];
    }
    sizes[sizes.length - 1] = train.classes();
    int layers = sizes.length - 1;
    weightAt = new int[layers];
    biasAt = new int[layers];
    penaltyAt = new int[layers];
    long p = 0;
    long q = 0;
    for (int l = 0; l < layers; l++) {
      weightAt[l] = (int) p;
      penaltyAt[l] = (int) q;
      long w = (long) sizes[l] * sizes[l + 1];
      p += w;
      biasAt[l] = (int) p;
      p += sizes[l + 1];
      q += w;
      if (p > 1_000_000_000L) {
        throw new IllegalArgumentException("PenaltyMlp: at most 10^9 parameters, got more with hidden widths "
            + Arrays.toString(hidden));
      }
    }
    this.parameters = (int) p;
    this.penalties = (int) q;
    this.train = train;
    this.validation = validation;
  }

  /** The number of parameters (weights and biases). */
  public int parameters() {
    return parameters;
  }

  /** The number of penalties: one per weight. */
  public int penalties() {
    return penalties;
  }

  /** The layer sizes as "d-h₁-…-K", e.g. {@code "784-1000-250-10"}. */
  public String architecture() {
    StringJoiner j = new StringJoiner("-");
    for (int s : sizes) {
      j.add(Integer.toString(s));
    }
    return j.toString();
  }

  /** The training set. */
  public Dataset train() {
    return train;
  }

  /** The validation set. */
  public Dataset validation() {
    return validation;
  }

  /** The logits of θ on {@code data}, an n × K tensor on θ's tape. */
  Tensor logits(Tensor theta, Dataset data) {
    Tensor a = theta.tape().constant(data.features(), Shape.matrix(data.rows(), data.cols()));
    int layers = sizes.length - 1;
    for (int l = 0; l < layers; l++) {
      Tensor w = theta.slice(weightAt[l], biasAt[l]).reshape(sizes[l], sizes[l + 1]);
      Tensor b = theta.slice(biasAt[l], biasAt[l] + sizes[l + 1]);
      a = a.matmul(w).add(b);
      if (l < layers - 1) {
        a = a.tanh();
      }
    }
    return a;
  }

  /** The mean softmax cross-entropy of θ on {@code data}. */
  Tensor loss(Tensor theta, Dataset data) {
    return logits(theta, data).softmaxCrossEntropy(data.labels());
  }

  /** ½ Σ_i λ_i w_i² over every weight (no bias). */
  Tensor penalty(Tensor theta, Tensor lambda) {
    Tensor sum = null;
    for (int l = 0; l < sizes.length - 1; l++) {
      int n = biasAt[l] - weightAt[l];
      Tensor term = lambda.slice(penaltyAt[l], penaltyAt[l] + n).mul(theta.slice(weightAt[l], biasAt[l]).square())
          .sum();
      sum = sum == null ? term : sum.add(term);
    }
    return sum.scale(0.5);
  }

  /** The training loss plus the penalties: the inner objective f(θ, λ). */
  public Objective inner() {
    return Objective.fullBatch((theta, lambda) -> loss(theta, train).add(penalty(theta, lambda)));
  }

  /** The validation loss: the outer objective g(θ). */
  public Objective outer() {
    return Objective.fullBatch((theta, lambda) -> loss(theta, validation));
  }

  /** The bilevel problem from θ₀ and λ₀ (λ = exp(u)). */
  public BilevelProblem problem(double[] theta0, double[] lambda0) {
    return BilevelProblem.builder().inner(inner()).outer(outer()).initialTheta(theta0).initialLambda(lambda0)
        .parametrization(Parametrization.exp()).build();
  }

  /** λ with the same penalty c on every weight. */
  public double[] uniformPenalty(double c) {
    double[] lambda = new double[penalties];
    Arrays.fill(lambda, c);
    return lambda;
  }

  /** The mean cross-entropy of θ on {@code data} (one forward pass). */
  public double loss(double[] theta, Dataset data) {
    return loss(new Tape().constant(theta, Shape.vector(theta.length)), data).item();
  }

  /** The fraction of {@code data} that θ classifies correctly (the largest logit, {@link Predictions}). */
  public double accuracy(double[] theta, Dataset data) {
    double[] z = logits(new Tape().constant(theta, Shape.vector(theta.length)), data).value();
    return Predictions.accuracy(z, sizes[sizes.length - 1], data.labels());
  }

  /** θ₀: LeCun-normal weights from {@code seed}, zero biases. */
  public double[] initialTheta(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] theta = new double[parameters];
    for (int l = 0; l < sizes.length - 1; l++) {
      double scale = 1.0 / Math.sqrt(sizes[l]);
      for (int i = weightAt[l]; i < biasAt[l]; i++) {
        theta[i] = gaussian(random) * scale;
      }
    }
    return theta;
  }

  /** A standard normal draw (Box–Muller, one of the pair). */
  private static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
