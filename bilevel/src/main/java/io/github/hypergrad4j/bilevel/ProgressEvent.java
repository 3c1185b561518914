package io.github.hypergrad4j.bilevel;

import io.github.hypergrad4j.ihvp.IhvpResult;

/**
 * What one outer step did, as reported to a {@link ProgressListener} and kept in the {@link
 * History}.
 *
 * @param step the outer step, from 0
 * @param outerValue g(θ*(λ), λ) at this step's λ (before the λ update)
 * @param hypergradientNorm ‖dg/dλ‖₂
 * @param hypergradient dg/dλ (a copy)
 * @param innerIterations iterations of this step's inner solve
 * @param innerStatus how the inner solve ended
 * @param innerGradientNorm ‖∇_θ f‖₂ at its end
 * @param solverStatus the inverse-HVP solve's status (null for methods without one)
 * @param solverRelativeResidual its true relative residual (NaN without one)
 * @param hessianVectorProducts products spent on the hypergradient
 * @param elapsedMillis time since the run started
 * @param lambda λ at this step (a copy)
 */
public record ProgressEvent(
    int step,
    double outerValue,
    double hypergradientNorm,
    double[] hypergradient,
    int innerIterations,
    InnerResult.Status innerStatus,
    double innerGradientNorm,
    IhvpResult.Status solverStatus,
    double solverRelativeResidual,
    long hessianVectorProducts,
    double elapsedMillis,
    double[] lambda) {}
