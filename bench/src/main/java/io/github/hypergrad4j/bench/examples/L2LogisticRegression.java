package io.github.hypergrad4j.bench.examples;

import io.github.hypergrad4j.autodiff.Shape;
import io.github.hypergrad4j.autodiff.Tensor;
import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.DiagonalCurvature;
import io.github.hypergrad4j.bilevel.Objective;
import io.github.hypergrad4j.bilevel.Parametrization;

/**
 * Logistic regression with one L2 penalty per weight as a bilevel problem: binary (sigmoid,
 * binary cross-entropy) for two classes, multinomial (softmax cross-entropy) otherwise.
 *
 * <p>θ = [W (d × k), b (k)] flat (W row-major: weight (j, c) of feature j and class c at j·k +
 * c), with k = 1 for two classes and k = classes otherwise. The biases are not penalised; the
 * weights by {@link Penalties}: one penalty per weight (λ of d·k entries), one per feature tying
 * the k class weights of a feature (d entries; the same as per weight for two classes), or one
 * global penalty. Inner f(θ, λ) = mean loss on the training set + ½ Σ_(j,c) λ_(j,c) W_(j,c)², with
 * λ_(j,c) the penalty weight (j, c) is tied to; outer g(θ) = mean loss on the validation set. λ is
 * parametrised as eᵘ.
 *
 * <p>The problems of {@link #problem(double, Penalties)} carry a {@link DiagonalCurvature} for
 * the inner L-BFGS solves: c_(j,c)(λ) = s·mean_r(x_rj²) + λ_(j,c) for a weight and s for a bias,
 * where s = ¼ (binary) or (1/k)(1 − 1/k) (k classes) is p(1 − p) at θ = 0, so that the data term
 * is exact at θ = 0 and an upper bound of the binary loss's curvature everywhere.
 */
public final class L2LogisticRegression {

  /** How the weights share penalties. */
  public enum Penalties {
    /** One penalty for all weights. */
    GLOBAL("global", "one global L2"),
    /** One penalty per input feature, shared by its k class weights. */
    PER_FEATURE("per-feature", "L2 per feature"),
    /** One penalty per weight. */
    PER_WEIGHT("per-weight", "L2 per weight");

    private final String cliName;
    private final String label;

    Penalties(String cliName, String label) {
      this.cliName = cliName;
      this.label = label;
    }

    /** The name on the command line, e.g. {@code per-feature}. */
    public String cliName() {
      return cliName;
    }

    /** The words for reports, e.g. {@code L2 per feature}. */
    public String label() {
      return label;
    }
  }

  private final Dataset train;
  private final Dataset validation;
  private final int d;
  private final int k;

  /** A model for these training and validation sets (same features and classes). */
  public L2LogisticRegression(Dataset train, Dataset validation) {
    if (train.labels() == null || train.cols() != validation.cols()) {
      throw new IllegalArgumentException("L2LogisticRegression: needs labelled sets with the same features");
    }
    this.train = train;
    this.validation = validation;
    this.d = train.cols();
    this.k = Math.max(train.classes(), validation.classes()) <= 2 ? 1 : Math.max(train.classes(), validation.classes());
  }

  /** Number of model parameters d·k + k. */
  public int parameters() {
    return d * k + k;
  }

  /** Number of penalised weights d·k. */
  public int weights() {
    return d * k;
  }

  /** The mean loss of θ on {@code data} as a tensor. */
  Tensor loss(Tensor theta, Dataset data) {
    Tensor x = theta.tape().constant(data.features(), Shape.matrix(data.rows(), d));
    Tensor w = theta.slice(0, d * k).reshape(d, k);
    Tensor b = theta.slice(d * k, d * k + k);
    Tensor logits = x.matmul(w).add(b);
    return k == 1
        ? logits.flatten().binaryCrossEntropyWithLogits(data.labelsAsDoubles())
        : logits.softmaxCrossEntropy(data.labels());
  }

  /** The number of penalties λ has under {@code p}: 1, d or d·k. */
  public int hyperparameters(Penalties p) {
    return switch (p) {
      case GLOBAL -> 1;
      case PER_FEATURE -> d;
      case PER_WEIGHT -> d * k;
    };
  }

  /**
   * ½ λ ‖W‖² (one λ), ½ Σ λ ⊙ W² (λ per weight, also per feature when k = 1), or ½ Σ_j λ_j Σ_c
   * W_(j,c)² (λ per feature, k &gt; 1): told apart by λ's length.
   */
  private Tensor penalty(Tensor theta, Tensor lambda) {
    Tensor w = theta.slice(0, d * k);
    if (lambda.size() == 1) {
      return lambda.mul(w.squaredNorm()).sum().scale(0.5);
    }
    if (lambda.size() == d * k) {
      return lambda.mul(w.square()).sum().scale(0.5);
    }
    return lambda.mul(w.square().reshape(d, k).sumRows()).sum().scale(0.5);
  }

  /** The penalty of each weight, λ expanded to d·k entries (its tying, as in the penalty). */
  double[] perWeight(double[] lambda) {
    double[] out = new double[d * k];
    for (int i = 0; i < out.length; i++) {
      out[i] = lambda.length == 1 ? lambda[0] : lambda.length == d * k ? lambda[i] : lambda[i / k];
    }
    return out;
  }

  /** The inner objective: training loss + penalty. */
  public Objective inner() {
    return (theta, lambda, batch) -> loss(theta, train).add(penalty(theta, lambda));
  }

  /** The outer objective: validation loss. */
  public Objective outer() {
    return (theta, lambda, batch) -> loss(theta, validation);
  }

  /**
   * The bilevel problem from θ = 0 and λ = {@code lambda0} (one per weight, or one in all),
   * without a diagonal curvature: its inner solves are plain L-BFGS.
   */
  public BilevelProblem problem(double lambda0, boolean globalPenalty) {
    return builder(lambda0, globalPenalty ? Penalties.GLOBAL : Penalties.PER_WEIGHT).build();
  }

  /**
   * The bilevel problem from θ = 0 and every penalty at {@code lambda0}, with the diagonal
   * curvature of the class Javadoc (its inner L-BFGS solves are preconditioned).
   */
  public BilevelProblem problem(double lambda0, Penalties penalties) {
    return builder(lambda0, penalties).diagonalCurvature(curvature()).build();
  }

  private BilevelProblem.Builder builder(double lambda0, Penalties penalties) {
    double[] l = new double[hyperparameters(penalties)];
    java.util.Arrays.fill(l, lambda0);
    return BilevelProblem.builder()
        .inner(inner())
        .outer(outer())
        .initialTheta(new double[parameters()])
        .initialLambda(l)
        .parametrization(Parametrization.exp())
        .trainingExamples(train.rows());
  }

  /** c(λ): s·mean(x_j²) + λ_(j,c) for weight (j, c), s for a bias (see the class Javadoc). */
  private DiagonalCurvature curvature() {
    double s = k == 1 ? 0.25 : (1.0 / k) * (1 - 1.0 / k);
    double[] data = new double[parameters()];
    double[] x = train.features();
    int n = train.rows();
    for (int j = 0; j < d; j++) {
      double m = 0;
      for (int r = 0; r < n; r++) {
        m += x[r * d + j] * x[r * d + j];
      }
      for (int c = 0; c < k; c++) {
        data[j * k + c] = s * (m > 0 ? m / n : 1); // an all-zero column: its weight never moves
      }
    }
    java.util.Arrays.fill(data, d * k, parameters(), s);
    return lambda -> {
      double[] out = data.clone();
      double[] each = perWeight(lambda);
      for (int i = 0; i < each.length; i++) {
        out[i] += each[i];
      }
      return out;
    };
  }

  /** Mean loss of θ on a data set. */
  public double meanLoss(double[] theta, Dataset data) {
    io.github.hypergrad4j.autodiff.Tape tape = new io.github.hypergrad4j.autodiff.Tape();
    return loss(tape.constant(theta), data).item();
  }

  /** Fraction of a data set classified correctly by θ. */
  public double accuracy(double[] theta, Dataset data) {
    int correct = 0;
    for (int i = 0; i < data.rows(); i++) {
      int best = 0;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double z = theta[d * k + c];
        for (int j = 0; j < d; j++) {
          z += data.features()[i * d + j] * theta[j * k + c];
        }
        if (z > bestScore) {
          bestScore = z;
          best = c;
        }
      }
      int predicted = k == 1 ? (bestScore > 0 ? 1 : 0) : best;
      if (predicted == data.labels()[i]) {
        correct++;
      }
    }
    return (double) correct / data.rows();
  }
}
