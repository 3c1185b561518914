package io.github.hypergrad4j.bilevel.stn;

import io.github.hypergrad4j.autodiff.Shape;
import io.github.hypergrad4j.autodiff.Tape;
import io.github.hypergrad4j.autodiff.Tensor;
import java.util.SplittableRandom;

/**
 * One training-step gradient on φ (the inner half of Algorithm 1 of MacKay et al. 2019): each
 * example of the batch gets its own hyperparameters λ_i (u perturbed by σ, cutout sizes drawn; see
 * {@link HyperSample}), the regularisers act with those values ({@link TrainingRegularisers}), and
 *
 * <pre>
 *   f(φ) = (1/B) Σ_i [ ℓ(ŵ_φ(λ_i); x̃_i, y_i) + Σ_{l with an L2 penalty} (c_il / 2)·‖Ŵ_l(λ_i)‖² ]
 * </pre>
 *
 * with x̃_i the example after cutout, noise and dropout. λ is a constant here: φ alone is
 * differentiated. Cost: one forward and one backward pass of the network on the batch, plus the
 * penalties (see {@link HyperLinear}).
 */
final class TrainStep {

  /** The step's loss f and its gradient ∇_φ f. */
  record Result(double loss, double[] gradient) {}

  private final HyperMlp model;
  private final HyperparameterSet set;
  private final StnData data;

  TrainStep(HyperMlp model, HyperparameterSet set, StnData data) {
    this.model = model;
    this.set = set;
    this.data = data;
  }

  /**
   * f and ∇_φ f on the given rows, at free variables u perturbed with scales σ (null: none),
   * drawing every random choice from {@code random}.
   */
  Result run(double[] phi, double[] free, double[] sigma, int[] rows, SplittableRandom random) {
    int b = rows.length;
    int h = set.size();
    HyperSample sample = HyperSample.draw(set, free, sigma, b, random);
    double[] x = TrainingRegularisers.inputs(set, sample, data.rows(rows), data.features(), random);
    double[][] masks = TrainingRegularisers.masks(model, set, sample, random);
    Tape tape = new Tape();
    Tensor p = tape.variable(phi.clone(), Shape.vector(phi.length));
    Tensor lambda = model.hyperInputs() == 0 ? null : tape.constant(sample.inputs(), Shape.matrix(b, h));
    Tensor z = model.forward(p, tape.constant(x, Shape.matrix(b, data.features())), lambda, masks);
    Tensor loss = data.lossPerExample(z, rows).mean();
    for (int l = 0; l < model.layerCount(); l++) {
      int j = set.indexOf(Hyperparameter.Kind.L2, l);
      if (j >= 0) {
        double[] halfPenalty = new double[b];
        for (int i = 0; i < b; i++) {
          halfPenalty[i] = 0.5 * sample.value(set, i, j);
        }
        Tensor norms = model.layer(l).squaredWeightNorms(p, lambda);
        loss = loss.add(tape.constant(halfPenalty).mul(norms).mean());
      }
    }
    tape.backward(loss);
    return new Result(loss.item(), p.grad());
  }
}
