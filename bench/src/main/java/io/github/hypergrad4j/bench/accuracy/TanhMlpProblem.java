package io.github.hypergrad4j.bench.accuracy;

import io.github.hypergrad4j.autodiff.Shape;
import io.github.hypergrad4j.autodiff.Tensor;
import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bench.data.DatasetReader;
import io.github.hypergrad4j.bench.data.Splits;
import io.github.hypergrad4j.bench.schedules.TanhMlp;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.Objective;
import io.github.hypergrad4j.bilevel.Parametrization;
import java.util.Arrays;

/**
 * A one-hidden-layer tanh network on digits with one L2 penalty per layer: the study's
 * non-convex problem, whose Hessian at the inner solution need not be positive definite.
 *
 * <p><b>Model.</b> θ = [W₁ (d×h), b₁ (h), W₂ (h×k), b₂ (k)], logits = tanh(XW₁ + b₁)W₂ + b₂,
 *
 * <pre>
 *   f(θ, λ) = mean softmax cross-entropy on the training set + ½λ₁‖W₁‖² + ½λ₂‖W₂‖²
 *             + ½c_b(‖b₁‖² + ‖b₂‖²)
 *   g(θ)    = mean softmax cross-entropy on the validation set
 * </pre>
 *
 * with a fixed, untuned bias penalty c_b (so that the penalties' share of ∇²_θθ f, the diagonal
 * the structured Nyström variant keeps, is positive). Two hyperparameters; the hypergradient is
 * dg/dλ_l = −⟨W_l, p_{W_l}⟩ with p = [∇²_θθ f]⁻¹∇_θ g. The initial θ is Gaussian with variance
 * 1/fan-in for the weights (LeCun initialisation), zero biases, drawn from a seed.
 */
final class TanhMlpProblem {

  private final Dataset train;
  private final Dataset validation;
  private final int d;
  private final int h;
  private final int k;
  private final double biasPenalty;

  private TanhMlpProblem(Dataset train, Dataset validation, int hidden, double biasPenalty) {
    this.train = train;
    this.validation = validation;
    this.d = train.cols();
    this.h = hidden;
    this.k = train.classes();
    this.biasPenalty = biasPenalty;
  }

  /** Digits (1797 × 64, ten classes), split 60/20/20 with {@code seed}, standardised. */
  static TanhMlpProblem digits(long seed, int hidden, double biasPenalty) {
    if (hidden < 1) {
      throw new IllegalArgumentException("TanhMlpProblem: the hidden width must be >= 1, got " + hidden);
    }
    Splits.TrainValidationTest parts = Splits.split(DatasetReader.digits(), 0.6, 0.2, seed);
    return new TanhMlpProblem(parts.train(), parts.validation(), hidden, biasPenalty);
  }

  /** Number of parameters d·h + h + h·k + k. */
  int parameters() {
    return d * h + h + h * k + k;
  }

  /** Hidden width h. */
  int hidden() {
    return h;
  }

  /** Training examples. */
  int trainingRows() {
    return train.rows();
  }

  private Tensor loss(Tensor theta, Dataset data) {
    Tensor x = theta.tape().constant(data.features(), Shape.matrix(data.rows(), d));
    Tensor hiddenLayer = x.matmul(w1(theta)).add(theta.slice(d * h, d * h + h)).tanh();
    int o = d * h + h;
    Tensor logits = hiddenLayer.matmul(w2(theta)).add(theta.slice(o + h * k, o + h * k + k));
    return logits.softmaxCrossEntropy(data.labels());
  }

  private Tensor w1(Tensor theta) {
    return theta.slice(0, d * h).reshape(d, h);
  }

  private Tensor w2(Tensor theta) {
    int o = d * h + h;
    return theta.slice(o, o + h * k).reshape(h, k);
  }

  /** The bilevel problem from a seeded initial θ at λ₀ = (λ₁, λ₂) (λ parametrised as eᵘ). */
  BilevelProblem problem(double[] lambda0, long initSeed) {
    if (lambda0.length != 2) {
      throw new IllegalArgumentException("TanhMlpProblem: lambda needs 2 entries (one per layer), got "
          + lambda0.length);
    }
    int o = d * h + h;
    double c = biasPenalty;
    Objective inner = (theta, lambda, batch) -> {
      Tensor penalty = lambda.slice(0, 1).mul(w1(theta).squaredNorm())
          .add(lambda.slice(1, 2).mul(w2(theta).squaredNorm())).sum().scale(0.5);
      Tensor biases = theta.slice(d * h, o).squaredNorm()
          .add(theta.slice(o + h * k, o + h * k + k).squaredNorm()).scale(0.5 * c);
      return loss(theta, train).add(penalty).add(biases);
    };
    Objective outer = (theta, lambda, batch) -> loss(theta, validation);
    return BilevelProblem.builder().inner(inner).outer(outer).initialTheta(initialTheta(initSeed))
        .initialLambda(lambda0).parametrization(Parametrization.exp()).build();
  }

  private double[] initialTheta(long seed) {
    return TanhMlp.initialTheta(d, h, k, seed);
  }

  /** diag(λ₁ on W₁, c_b on b₁, λ₂ on W₂, c_b on b₂): the penalties' share of ∇²_θθ f. */
  double[] knownDiagonal(double[] lambda) {
    double[] diagonal = new double[parameters()];
    int o = d * h + h;
    Arrays.fill(diagonal, 0, d * h, lambda[0]);
    Arrays.fill(diagonal, d * h, o, biasPenalty);
    Arrays.fill(diagonal, o, o + h * k, lambda[1]);
    Arrays.fill(diagonal, o + h * k, parameters(), biasPenalty);
    return diagonal;
  }
}
