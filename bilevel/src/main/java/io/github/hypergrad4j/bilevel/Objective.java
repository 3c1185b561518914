package io.github.hypergrad4j.bilevel;

import io.github.hypergrad4j.autodiff.Tensor;
import java.util.function.BinaryOperator;

/**
 * A scalar objective of the model parameters θ and the hyperparameters λ, written with the
 * operations of {@link Tensor} over the objective's own data (training data for the inner
 * objective f, validation data for the outer objective g). Both arrive as vectors on the same
 * tape.
 *
 * <p>Data are constants made on that tape, {@code theta.tape().constant(x, Shape.matrix(n, d))},
 * on every call. That is cheap: {@code Tape.constant} checks the length against the shape and
 * wraps the array as it is, without copying it (one node on the tape, O(1)). Keep the data in
 * fields and do not modify the arrays while an objective may be evaluated.
 *
 * <p>{@code batch} lists the training examples to use (rows of the data), or is null for all of
 * them. Only the inner objective is ever called with a batch, and only in stochastic mode. An
 * objective that has no use for it is best written with {@link #fullBatch}:
 *
 * <pre>{@code
 * Objective g = Objective.fullBatch((theta, lambda) -> validationLoss(theta));
 * }</pre>
 */
@FunctionalInterface
public interface Objective {

  /** The objective's value at (θ, λ), a scalar tensor on their tape. */
  Tensor apply(Tensor theta, Tensor lambda, int[] batch);

  /**
   * An objective of (θ, λ) alone, always on all of its data. It refuses to be called with a
   * mini-batch (stochastic mode of {@link ImplicitHypergradient} on a problem that declares {@link
   * BilevelProblem.Builder#trainingExamples}) rather than silently computing the full batch.
   *
   * @param f (θ, λ) ↦ the objective's scalar value
   * @throws IllegalArgumentException if {@code f} is null; the objective throws when called with
   *     a non-null batch
   */
  static Objective fullBatch(BinaryOperator<Tensor> f) {
    Check.notNull("Objective.fullBatch", "f", f);
    return (theta, lambda, batch) -> {
      if (batch != null) {
        throw new IllegalArgumentException("Objective.fullBatch: this objective is full-batch, but it was called"
            + " with a batch of " + batch.length + " examples");
      }
      return f.apply(theta, lambda);
    };
  }
}
