package io.github.hypergrad4j.bilevel.meta;

import io.github.hypergrad4j.autodiff.TensorFunction;

/**
 * One task of meta-learning: its training (support) loss L_train(θ) and test (query) loss
 * L_test(θ), each a {@link TensorFunction} of the one input θ (a vector) returning a scalar, with
 * the task's data as constants on θ's tape.
 *
 * @param trainLoss θ ↦ L_train(θ), what adaptation minimises
 * @param testLoss θ ↦ L_test(θ), what the adapted θ is judged on
 */
public record MetaTask(TensorFunction trainLoss, TensorFunction testLoss) {

  /**
   * @throws IllegalArgumentException if a loss is null
   */
  public MetaTask {
    if (trainLoss == null || testLoss == null) {
      throw new IllegalArgumentException("MetaTask: trainLoss and testLoss must not be null, got trainLoss = "
          + trainLoss + ", testLoss = " + testLoss);
    }
  }
}
