package io.github.hypergrad4j.bilevel.stn;

import io.github.hypergrad4j.autodiff.Shape;
import io.github.hypergrad4j.autodiff.Tape;
import io.github.hypergrad4j.autodiff.Tensor;
import java.util.SplittableRandom;

/**
 * One validation-step gradient on the free hyperparameters u and the log-scales s = log σ (the
 * outer half of Algorithm 1 of MacKay et al. 2019), φ held fixed:
 *
 * <pre>
 *   J(u, s) = (1/B) Σ_i L_val(ŵ_φ(λ_i); x_i, y_i) − τ·H(σ),   λ_i = u + σ ⊙ ε_i (continuous), k_i ~ Binomial (discrete)
 * </pre>
 *
 * on a validation batch without dropout, noise or cutout: the hyperparameters enter only through
 * the best response ŵ_φ. The continuous ones are differentiated through ŵ_φ by the
 * reparametrisation of {@link GaussianPerturbation}; each discrete one gets the score-function
 * estimate of {@link BinomialReinforce} with the baseline b_i = L_val(ŵ_φ(λ̄); x_i, y_i), the same
 * example's loss at the mean hyperparameters λ̄ (u, and E[k]/K). s of a discrete hyperparameter
 * gets gradient 0.
 *
 * <p>Cost: one forward and one backward pass on the batch; one more forward pass for the
 * baseline when a discrete hyperparameter is declared.
 */
final class HyperStep {

  /**
   * @param loss the batch's mean validation loss at the perturbed hyperparameters
   * @param freeGradient ∂J/∂u (the REINFORCE estimate for a discrete u)
   * @param logSigmaGradient ∂J/∂s (0 for the discrete ones)
   */
  record Result(double loss, double[] freeGradient, double[] logSigmaGradient) {}

  private final HyperMlp model;
  private final HyperparameterSet set;
  private final StnData data;
  private final double[] mask;

  HyperStep(HyperMlp model, HyperparameterSet set, StnData data) {
    this.model = model;
    this.set = set;
    this.data = data;
    this.mask = set.continuousMask();
  }

  /** J's value and gradients on the given rows, every random draw from {@code random}. */
  Result run(double[] phi, double[] free, double[] logSigma, double entropyWeight, int[] rows, SplittableRandom random) {
    int b = rows.length;
    int h = set.size();
    double[] sigma = new double[h];
    for (int j = 0; j < h; j++) {
      sigma[j] = Math.exp(logSigma[j]);
    }
    HyperSample sample = HyperSample.draw(set, free, sigma, b, random);
    double[] x = data.rows(rows);
    Tape tape = new Tape();
    Tensor u = tape.variable(free.clone(), Shape.matrix(1, h));
    Tensor s = tape.variable(logSigma.clone(), Shape.matrix(1, h));
    Tensor lambda = GaussianPerturbation.perturbed(u, s, sample.eps(), mask, sample.fixedInputs());
    Tensor z = model.forward(tape.constant(phi), tape.constant(x, Shape.matrix(b, data.features())), lambda, null);
    Tensor losses = data.lossPerExample(z, rows);
    Tensor objective = GaussianPerturbation.objective(losses, s, mask, entropyWeight);
    tape.backward(objective);
    double[] freeGradient = u.grad();
    double[] l = losses.value();
    if (set.hasDiscrete()) {
      double[] baseline = meanLosses(phi, free, rows);
      for (int j = 0; j < h; j++) {
        Hyperparameter p = set.get(j);
        if (p.isDiscrete()) {
          freeGradient[j] = BinomialReinforce.gradient(l, baseline, sample.drawsOf(j, h), p.maxSide(),
              Transform.LOGIT.value(free[j]));
        }
      }
    }
    double mean = 0;
    for (double v : l) {
      mean += v;
    }
    return new Result(mean / b, freeGradient, s.grad());
  }

  /** The per-example losses at the mean hyperparameter inputs (the REINFORCE baseline). */
  private double[] meanLosses(double[] phi, double[] free, int[] rows) {
    return data.lossPerExample(Evaluation.outputs(model, set.meanInputs(free), phi, data, rows), rows).value();
  }
}
