package io.github.hypergrad4j.bilevel;

/**
 * A cheap estimate c(λ) of the diagonal of the inner Hessian ∇²_θθ f(θ, λ), independent of θ,
 * that the inner optimiser uses as a diagonal preconditioner (see {@link
 * DifferentiableFunction#diagonalCurvature()}): it is worth giving when the hyperparameters make
 * the inner problem badly scaled coordinate by coordinate, as L2 penalties spread over many
 * decades do.
 *
 * <p>For an L2-penalised objective f(θ, λ) = ℓ(θ) + ½ Σ_i λ_i θ_i², the Hessian is ∇²ℓ +
 * diag(λ), so c_i(λ) = a_i + λ_i with a_i a curvature scale of the data term ℓ along θ_i — for
 * the mean logistic loss of a linear model, a_i = ¼·mean_r(x_ri²), its exact value at θ = 0 and
 * an upper bound everywhere. The penalties are exact; the data term only needs the right order of
 * magnitude.
 */
@FunctionalInterface
public interface DiagonalCurvature {

  /**
   * The estimate at λ (not modified): one positive, finite entry per entry of θ.
   *
   * @param lambda the hyperparameters
   * @return a new array of θ's length
   */
  double[] at(double[] lambda);
}
