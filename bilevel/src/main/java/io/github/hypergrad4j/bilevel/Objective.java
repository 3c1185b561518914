package io.github.hypergrad4j.bilevel;

import io.github.hypergrad4j.autodiff.Tensor;

/**
 * A scalar objective of the model parameters θ and the hyperparameters λ, written with the
 * operations of {@link Tensor} over the objective's own data (training data for the inner
 * objective f, validation data for the outer objective g). Both arrive as vectors on the same
 * tape; data are constants made on it ({@code theta.tape().constant(…)}).
 *
 * <p>{@code batch} lists the training examples to use (rows of the data), or is null for all of
 * them. Only the inner objective is ever called with a batch, and only in stochastic mode; a
 * full-batch problem may ignore the argument.
 */
@FunctionalInterface
public interface Objective {

  /** The objective's value at (θ, λ), a scalar tensor on their tape. */
  Tensor apply(Tensor theta, Tensor lambda, int[] batch);
}
