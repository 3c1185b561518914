package io.github.hypergrad4j.bilevel;

import io.github.hypergrad4j.ihvp.IhvpResult;

/**
 * A hypergradient and an honest account of it.
 *
 * @param hypergradient dg/dλ
 * @param outerValue g(θ, λ)
 * @param directGradient ∇_λ g, the part that does not go through θ*(λ)
 * @param hessianVectorProducts products with ∇²f (or its Gauss-Newton stand-in) spent,
 *     including the final mixed-term sweep
 * @param gradientEvaluations gradients of g or f spent
 * @param solve the inverse-HVP solve (status, iterations, true residual), or null for methods
 *     without one
 * @param innerStationarity ‖∇_θ f(θ, λ)‖₂: the IFT assumes 0; the further from it, the less the
 *     hypergradient can be trusted
 */
public record HypergradientResult(
    double[] hypergradient,
    double outerValue,
    double[] directGradient,
    long hessianVectorProducts,
    long gradientEvaluations,
    IhvpResult solve,
    double innerStationarity) {

  /** ‖dg/dλ‖₂. */
  public double norm() {
    double s = 0;
    for (double v : hypergradient) {
      s += v * v;
    }
    return Math.sqrt(s);
  }
}
