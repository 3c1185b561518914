package io.github.hypergrad4j.bench.accuracy;

import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bench.data.DatasetReader;
import io.github.hypergrad4j.bench.data.Splits;
import io.github.hypergrad4j.bench.examples.L2LogisticRegression;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.Objective;
import io.github.hypergrad4j.bilevel.Parametrization;
import java.util.Arrays;

/**
 * Logistic regression with one L2 penalty per weight ({@link L2LogisticRegression}: binary
 * cross-entropy for two classes, softmax cross-entropy otherwise; θ = [W (d×k), b (k)]), with one
 * change: the biases carry a fixed L2 penalty c_b (not a hyperparameter),
 *
 * <pre>   f(θ, λ) = mean training loss + ½·Σ λ ⊙ W² + ½·c_b·‖b‖²,    g(θ) = mean validation loss,</pre>
 *
 * so that the part of ∇²_θθ f the penalties contribute, diag(λ, c_b), is positive definite: the
 * structured Nyström variant keeps exactly that diagonal and needs it positive. The hypergradient
 * is dg/dλ_j = −W_j·p_j with p = [∇²_θθ f]⁻¹∇_θ g (the mixed derivative ∂²f/∂λ_j∂W_j = W_j).
 */
final class LogisticProblem {

  private final L2LogisticRegression model;
  private final double biasPenalty;

  private LogisticProblem(Dataset train, Dataset validation, double biasPenalty) {
    this.model = new L2LogisticRegression(train, validation);
    this.biasPenalty = biasPenalty;
  }

  /** Breast cancer (569 × 30, two classes), split 60/20/20 with {@code seed}, standardised. */
  static LogisticProblem breastCancer(long seed, double biasPenalty) {
    Splits.TrainValidationTest parts = Splits.split(DatasetReader.breastCancer(), 0.6, 0.2, seed);
    return new LogisticProblem(parts.train(), parts.validation(), biasPenalty);
  }

  /** Digits (1797 × 64, ten classes), split 60/20/20 with {@code seed}, standardised. */
  static LogisticProblem digits(long seed, double biasPenalty) {
    Splits.TrainValidationTest parts = Splits.split(DatasetReader.digits(), 0.6, 0.2, seed);
    return new LogisticProblem(parts.train(), parts.validation(), biasPenalty);
  }

  /** Number of parameters d·k + k. */
  int parameters() {
    return model.parameters();
  }

  /** Number of penalised weights d·k (= hyperparameters). */
  int weights() {
    return model.weights();
  }

  /** The bilevel problem from θ = 0 at λ₀ (λ parametrised as eᵘ). */
  BilevelProblem problem(double[] lambda0) {
    if (lambda0.length != weights()) {
      throw new IllegalArgumentException("LogisticProblem: lambda needs " + weights() + " entries, got "
          + lambda0.length);
    }
    Objective base = model.inner();
    int from = weights();
    int to = parameters();
    double c = biasPenalty;
    Objective inner = (theta, lambda, batch) -> base.apply(theta, lambda, batch)
        .add(theta.slice(from, to).squaredNorm().scale(0.5 * c));
    return BilevelProblem.builder().inner(inner).outer(model.outer()).initialTheta(new double[parameters()])
        .initialLambda(lambda0).parametrization(Parametrization.exp()).build();
  }

  /** diag(λ, c_b): the penalties' share of ∇²_θθ f. */
  double[] knownDiagonal(double[] lambda) {
    double[] diagonal = new double[parameters()];
    System.arraycopy(lambda, 0, diagonal, 0, weights());
    Arrays.fill(diagonal, weights(), parameters(), biasPenalty);
    return diagonal;
  }
}
