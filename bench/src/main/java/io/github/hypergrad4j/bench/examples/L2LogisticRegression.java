package io.github.hypergrad4j.bench.examples;

import io.github.hypergrad4j.autodiff.Shape;
import io.github.hypergrad4j.autodiff.Tensor;
import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.Objective;
import io.github.hypergrad4j.bilevel.Parametrization;

/**
 * Logistic regression with one L2 penalty per weight as a bilevel problem: binary (sigmoid,
 * binary cross-entropy) for two classes, multinomial (softmax cross-entropy) otherwise.
 *
 * <p>θ = [W (d × k), b (k)] flat, with k = 1 for two classes and k = classes otherwise; λ has
 * one entry per weight of W (d·k entries; the biases are not penalised), or a single entry when
 * {@code globalPenalty} is set. Inner f(θ, λ) = mean loss on the training set + ½ Σ λ ⊙ W²; outer
 * g(θ) = mean loss on the validation set. λ is parametrised as eᵘ.
 */
public final class L2LogisticRegression {

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

  /** ½ Σ λ ⊙ W² (λ per weight) or ½ λ ‖W‖² (one λ). */
  private Tensor penalty(Tensor theta, Tensor lambda) {
    Tensor w = theta.slice(0, d * k);
    return lambda.size() == 1 ? lambda.mul(w.squaredNorm()).sum().scale(0.5)
        : lambda.mul(w.square()).sum().scale(0.5);
  }

  /** The inner objective: training loss + penalty. */
  public Objective inner() {
    return (theta, lambda, batch) -> loss(theta, train).add(penalty(theta, lambda));
  }

  /** The outer objective: validation loss. */
  public Objective outer() {
    return (theta, lambda, batch) -> loss(theta, validation);
  }

  /** The bilevel problem from θ = 0 and λ = {@code lambda0} (one per weight, or one in all). */
  public BilevelProblem problem(double lambda0, boolean globalPenalty) {
    double[] l = new double[globalPenalty ? 1 : weights()];
    java.util.Arrays.fill(l, lambda0);
    return BilevelProblem.builder()
        .inner(inner())
        .outer(outer())
        .initialTheta(new double[parameters()])
        .initialLambda(l)
        .parametrization(Parametrization.exp())
        .trainingExamples(train.rows())
        .build();
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
