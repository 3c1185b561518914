package io.github.hypergrad4j.bench.stn;

import io.github.hypergrad4j.bilevel.stn.Evaluation;

/**
 * One training run of the plain network under fixed values, as a grid or random search makes it.
 *
 * @param method {@link TuningMethod#GRID} or {@link TuningMethod#RANDOM}
 * @param index the run's number in its search, from 0
 * @param count the search's number of runs
 * @param values the hyperparameters' values, in the experiment's order
 * @param steps the training steps the run did (read from its history)
 * @param examples the training examples it saw (steps × batch, read from its history)
 * @param validation the whole validation set at the end of the run
 * @param seconds the run's wall time, its final validation pass included
 */
public record SearchRun(TuningMethod method, int index, int count, double[] values, long steps, long examples,
    Evaluation validation, double seconds) {

  /** Copies the values. */
  public SearchRun {
    values = values.clone();
  }

  /** A copy of the values. */
  @Override
  public double[] values() {
    return values.clone();
  }
}
