package io.github.hypergrad4j.bench.stn;

import io.github.hypergrad4j.bilevel.stn.Evaluation;

/**
 * What one method of a {@link StnTuning} experiment reached: one row of its table.
 *
 * @param method the method
 * @param runs training runs it did (1, or the search's size)
 * @param stepsPerRun training steps on φ of each run
 * @param trainingSteps training steps of all its runs (read from their histories)
 * @param trainingExamples training examples of all its runs (read from their histories)
 * @param validationSteps steps on the hyperparameters (the STN's validation batches; 0 otherwise)
 * @param values the hyperparameters' values of the model reported: the STN's final values, the
 *     search's best point, the fixed values; for the replay, the schedule's last values
 * @param validation the model's loss and accuracy on the whole validation set
 * @param test the model's loss and accuracy on the test set (never used by any choice)
 * @param seconds wall time of all its runs (training and the validation passes that choose; the
 *     test pass excluded)
 * @param detail one line on how it ran (a failed run says so here)
 */
public record Outcome(TuningMethod method, int runs, long stepsPerRun, long trainingSteps, long trainingExamples,
    long validationSteps, double[] values, Evaluation validation, Evaluation test, double seconds, String detail) {

  /** Copies the values. */
  public Outcome {
    values = values.clone();
  }

  /** A copy of the values. */
  @Override
  public double[] values() {
    return values.clone();
  }
}
