package io.github.hypergrad4j.bilevel;

import io.github.hypergrad4j.autodiff.OutputLoss;
import io.github.hypergrad4j.autodiff.Tensor;
import java.util.function.Function;

/**
 * An inner objective written as f(θ, λ) = ℓ(m(θ)) + r(θ, λ): a loss ℓ with a closed-form
 * positive semidefinite Hessian ({@link OutputLoss}) of a model's output z = m(θ) over all the
 * training examples, plus a regulariser r that carries the hyperparameters. It enables the
 * Gauss-Newton curvature G = Jᵀ·H_ℓ·J + ∇²_θθ r, positive semidefinite whenever r is convex, and
 * equal to the Hessian when m is linear (ridge, logistic regression).
 *
 * @param model z = m(θ), of any shape
 * @param loss ℓ(z), the mean loss over the training examples
 * @param regularizer r(θ, λ), a scalar
 */
public record GaussNewtonForm(
    Function<Tensor, Tensor> model, OutputLoss loss, RegularizerFunction regularizer) {

  /** r(θ, λ). */
  @FunctionalInterface
  public interface RegularizerFunction {
    /** The regulariser's value, a scalar tensor on θ's tape. */
    Tensor apply(Tensor theta, Tensor lambda);
  }

  /** Checks that no part is null. */
  public GaussNewtonForm {
    Check.notNull("GaussNewtonForm", "model", model);
    Check.notNull("GaussNewtonForm", "loss", loss);
    Check.notNull("GaussNewtonForm", "regularizer", regularizer);
  }

  /** f(θ, λ) = ℓ(m(θ)) + r(θ, λ) as an objective (full batch: the loss holds all the targets). */
  Objective asObjective() {
    return Objective.fullBatch((theta, lambda) -> loss.apply(model.apply(theta)).add(regularizer.apply(theta, lambda)));
  }
}
