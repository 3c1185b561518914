package io.github.hypergrad4j.bench.schedules;

import io.github.hypergrad4j.autodiff.Shape;
import io.github.hypergrad4j.autodiff.Tape;
import io.github.hypergrad4j.autodiff.Tensor;
import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bench.data.Predictions;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.Objective;
import io.github.hypergrad4j.bilevel.unrolled.ParameterGroups;
import java.util.Random;

/**
 * The model of the learning-schedule experiment: a one-hidden-layer tanh network trained by
 * mini-batch softmax cross-entropy, as a {@link BilevelProblem} whose training run is unrolled.
 *
 * <p><b>Model.</b> θ = [W₁ (d×h), b₁ (h), W₂ (h×k), b₂ (k)] flat, logits = tanh(X W₁ + b₁) W₂ +
 * b₂, and
 *
 * <pre>
 *   f(θ; B) = mean softmax cross-entropy over the batch B of the training set
 *   g(θ)    = mean softmax cross-entropy over the validation set
 * </pre>
 *
 * No penalty: the hyperparameters are the optimiser's schedules, not terms of f. The problem's λ
 * (which {@link BilevelProblem} requires) is one entry that neither f nor g reads.
 *
 * <p><b>Parameter groups</b> are the layers, each layer's weights and bias together: group 0 is
 * W₁ and b₁, group 1 is W₂ and b₂ (contiguous in θ). The bias shares its layer's step size as
 * the layer's output shares its scale.
 *
 * <p><b>θ₀</b> is drawn from a seed: weights Gaussian with variance 1/fan-in (LeCun's
 * initialisation, suited to tanh), biases 0. It is fixed, not tuned.
 */
public final class TanhMlp {

  private final Dataset train;
  private final Dataset validation;
  private final int d;
  private final int h;
  private final int k;

  /**
   * A network with {@code hidden} tanh units for these training and validation sets.
   *
   * @throws IllegalArgumentException if the hidden width is below 1, a set is unlabelled, or the
   *     sets differ in features or classes
   */
  public TanhMlp(Dataset train, Dataset validation, int hidden) {
    if (hidden < 1) {
      throw new IllegalArgumentException("TanhMlp: the hidden width must be >= 1, got " + hidden);
    }
    if (train == null || validation == null || train.labels() == null || validation.labels() == null) {
      throw new IllegalArgumentException("TanhMlp: needs labelled training and validation sets");
    }
    if (train.cols() != validation.cols() || train.classes() != validation.classes()) {
      throw new IllegalArgumentException("TanhMlp: the training set has " + train.cols() + " features and "
          + train.classes() + " classes, the validation set " + validation.cols() + " and " + validation.classes());
    }
    this.train = train;
    this.validation = validation;
    this.d = train.cols();
    this.h = hidden;
    this.k = train.classes();
  }

  /** The number of parameters d·h + h + h·k + k. */
  public int parameters() {
    return d * h + h + h * k + k;
  }

  /** The layer sizes as "d-h-k", e.g. {@code "64-50-10"}. */
  public String architecture() {
    return d + "-" + h + "-" + k;
  }

  /** The training examples. */
  public int trainingExamples() {
    return train.rows();
  }

  /** The layers as parameter groups: [W₁, b₁] and [W₂, b₂]. */
  public ParameterGroups layers() {
    return ParameterGroups.contiguous(d * h + h, h * k + k);
  }

  /** θ₀: LeCun-normal weights (variance 1/fan-in) and zero biases, from {@code seed}. */
  public double[] initialTheta(long seed) {
    return initialTheta(d, h, k, seed);
  }

  /**
   * θ₀ of a d–h–k MLP laid out [W₁ (h×d), b₁, W₂ (k×h), b₂]: LeCun-normal weights (variance
   * 1/fan-in) drawn in that order from {@code new Random(seed)}, zero biases.
   */
  public static double[] initialTheta(int d, int h, int k, long seed) {
    Random random = new Random(seed);
    double[] theta = new double[d * h + h + h * k + k];
    for (int i = 0; i < d * h; i++) {
      theta[i] = random.nextGaussian() / Math.sqrt(d);
    }
    int o = d * h + h;
    for (int i = o; i < o + h * k; i++) {
      theta[i] = random.nextGaussian() / Math.sqrt(h);
    }
    return theta;
  }

  /** The bilevel problem from θ₀, batched over the training set. */
  public BilevelProblem problem(double[] theta0) {
    Objective inner = (theta, lambda, batch) -> loss(theta, train, batch);
    Objective outer = (theta, lambda, batch) -> loss(theta, validation, null);
    return BilevelProblem.builder().inner(inner).outer(outer).initialTheta(theta0).initialLambda(new double[1])
        .trainingExamples(train.rows()).build();
  }

  /** The mean cross-entropy of θ on {@code data}. */
  public double loss(double[] theta, Dataset data) {
    return loss(new Tape().constant(theta), data, null).item();
  }

  /** The fraction of {@code data} that θ classifies correctly (the largest logit). */
  public double accuracy(double[] theta, Dataset data) {
    return Predictions.accuracy(logits(new Tape().constant(theta), data, null).value(), k, data.labels());
  }

  /** The mean cross-entropy over the rows {@code batch} of {@code data} (null: all of them). */
  private Tensor loss(Tensor theta, Dataset data, int[] batch) {
    int[] labels = data.labels();
    if (batch != null) {
      labels = new int[batch.length];
      for (int i = 0; i < batch.length; i++) {
        labels[i] = data.labels()[batch[i]];
      }
    }
    return logits(theta, data, batch).softmaxCrossEntropy(labels);
  }

  private Tensor logits(Tensor theta, Dataset data, int[] batch) {
    if (theta.size() != parameters()) {
      throw new IllegalArgumentException("TanhMlp: theta has " + theta.size() + " entries, the "
          + architecture() + " network has " + parameters());
    }
    if (data.cols() != d) {
      throw new IllegalArgumentException("TanhMlp: " + data.name() + " has " + data.cols() + " features, the network "
          + d);
    }
    Tensor x = theta.tape().constant(data.features(), Shape.matrix(data.rows(), d));
    if (batch != null) {
      x = x.gatherRows(batch);
    }
    int o = d * h + h;
    Tensor w1 = theta.slice(0, d * h).reshape(d, h);
    Tensor w2 = theta.slice(o, o + h * k).reshape(h, k);
    Tensor hidden = x.matmul(w1).add(theta.slice(d * h, o)).tanh();
    return hidden.matmul(w2).add(theta.slice(o + h * k, o + h * k + k));
  }
}
