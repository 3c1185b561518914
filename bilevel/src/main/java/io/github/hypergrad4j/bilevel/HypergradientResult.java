package io.github.hypergrad4j.bilevel;

import io.github.hypergrad4j.ihvp.IhvpResult;
import io.github.hypergrad4j.linalg.Kernels;

/**
 * A hypergradient and an honest account of it.
 *
 * @param hypergradient dg/dλ
 * @param outerValue g(θ, λ)
 * @param directGradient ∇_λ g, the part that does not go through θ*(λ)
 * @param hessianVectorProducts products with ∇²f (or its Gauss-Newton stand-in) spent,
 *     including the mixed-term sweep (for the implicit method with the exact Hessian, the solve's
 *     last product, counted once)
 * @param gradientEvaluations gradients of g or f spent
 * @param solve the inverse-HVP solve (status, iterations, true residual), or null for methods
 *     without one
 * @param innerStationarity ‖∇_θ f(θ, λ)‖₂: the IFT assumes 0; the further from it, the less the
 *     hypergradient can be trusted
 * @param warmStarted whether the solve started from a previous solution (only in a {@link
 *     Hypergradient.Session} that warm-starts) rather than from 0
 * @param damping the damping ρ of the solve, (∇²_θθ f + ρI)p = ∇_θ g; NaN for methods without a
 *     solve
 */
public record HypergradientResult(
    double[] hypergradient,
    double outerValue,
    double[] directGradient,
    long hessianVectorProducts,
    long gradientEvaluations,
    IhvpResult solve,
    double innerStationarity,
    boolean warmStarted,
    double damping) {

  /** A result without a warm start or damping: for methods without a linear solve. */
  public HypergradientResult(double[] hypergradient, double outerValue, double[] directGradient,
      long hessianVectorProducts, long gradientEvaluations, IhvpResult solve, double innerStationarity) {
    this(hypergradient, outerValue, directGradient, hessianVectorProducts, gradientEvaluations, solve,
        innerStationarity, false, Double.NaN);
  }

  /** ‖dg/dλ‖₂, computed without overflow (∞ only if an entry is, NaN if one is NaN). */
  public double norm() {
    return Kernels.nrm2(hypergradient);
  }
}
