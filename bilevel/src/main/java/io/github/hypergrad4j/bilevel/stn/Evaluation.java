package io.github.hypergrad4j.bilevel.stn;

import io.github.hypergrad4j.autodiff.Shape;
import io.github.hypergrad4j.autodiff.Tape;
import io.github.hypergrad4j.autodiff.Tensor;

/**
 * The mean loss and accuracy of a network on a whole data set, as the validation step sees it:
 * no dropout, noise or cutout, and the hypernetwork fed the mean hyperparameters (u, and E[k]/K
 * for a cutout; see {@link HyperparameterSet#meanInputs}).
 *
 * @param loss the mean per-example loss (cross-entropy, or squared error)
 * @param accuracy the fraction of examples whose largest output is the label (NaN for regression)
 */
public record Evaluation(double loss, double accuracy) {

  /** Rows per forward pass. */
  private static final int CHUNK = 512;

  /**
   * Evaluates φ on {@code data} at the hyperparameters' free variables {@code free} (ignored, and
   * may be null, for a plain network). Cost: one forward pass over the data, in chunks of {@value
   * #CHUNK} rows.
   *
   * @throws IllegalArgumentException if φ, the data or the free variables do not fit the network
   */
  public static Evaluation of(HyperMlp model, HyperparameterSet set, double[] phi, double[] free, StnData data) {
    Fit.check("Evaluation", model, set, phi, data);
    double[] lambda = model.hyperInputs() == 0 ? null : set.meanInputs(Check.finite("Evaluation", "free", free, set.size()));
    double loss = 0;
    int hits = 0;
    for (int from = 0; from < data.size(); from += CHUNK) {
      int[] rows = new int[Math.min(CHUNK, data.size() - from)];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = from + i;
      }
      double[] part = sums(model, lambda, phi, data, rows);
      loss += part[0];
      hits += (int) part[1];
    }
    int n = data.size();
    return new Evaluation(loss / n, data.isClassification() ? (double) hits / n : Double.NaN);
  }

  /**
   * The summed loss and the number of correct predictions on the given rows, the hypernetwork
   * fed the row {@code lambda} (null for a plain network).
   */
  static double[] sums(HyperMlp model, double[] lambda, double[] phi, StnData data, int[] rows) {
    Tensor z = outputs(model, lambda, phi, data, rows);
    double loss = data.lossPerExample(z, rows).sum().item();
    return new double[] {loss, data.isClassification() ? data.correct(z.value(), rows) : 0};
  }

  /** The outputs on the given rows, without regularisers, λ the row {@code lambda} for all. */
  static Tensor outputs(HyperMlp model, double[] lambda, double[] phi, StnData data, int[] rows) {
    Tape tape = new Tape();
    Tensor x = tape.constant(data.rows(rows), Shape.matrix(rows.length, data.features()));
    Tensor l = lambda == null ? null : tape.constant(lambda.clone(), Shape.matrix(1, lambda.length));
    return model.forward(tape.constant(phi), x, l, null);
  }
}
