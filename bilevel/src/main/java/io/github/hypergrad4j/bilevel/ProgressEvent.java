package io.github.hypergrad4j.bilevel;

import io.github.hypergrad4j.ihvp.IhvpResult;

/**
 * What one outer step did, as reported to a {@link ProgressListener} and kept in the {@link
 * History}.
 *
 * <p>Steps are numbered from 0 here ({@code step} is the event's index in the history, like
 * {@link HyperOptimizationResult#bestStep()}); wherever a step is shown to people — the CSV of
 * {@link History#writeCsv}, the stop message, the warnings — it is numbered from 1, as {@code
 * step + 1}.
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
 * @param hessianVectorProducts products spent on the hypergradient, retries included
 * @param elapsedMillis time since the run started
 * @param lambda λ at this step (a copy)
 * @param damping the damping ρ of the solve that gave this hypergradient (raised above the
 *     method's own by {@link UnreliableStepPolicy#raiseDamping}); NaN without a solve
 * @param reliable false when the inner solve was not stationary, the solve failed (both
 *     defined in {@link UnreliableStepPolicy}), or the outer value or hypergradient is not
 *     finite: then λ is not stepped on this hypergradient (the run stops, or skips the step)
 * @param warning one line for a front end to show, naming the step (from 1), the statuses and the
 *     numbers — why the step is unreliable, or that its damping was raised; empty when all is well
 * @param memberOuterValues in a run on a {@link ProblemBatch} ({@link HyperOptimizer#runBatch}),
 *     each member's g_k(θ_k, λ) in member order (their mean is {@code outerValue}); empty for a
 *     run on one problem
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
    double[] lambda,
    double damping,
    boolean reliable,
    String warning,
    double[] memberOuterValues) {

  /** Checks that {@code memberOuterValues} is not null (it is empty for one problem). */
  public ProgressEvent {
    if (memberOuterValues == null) {
      throw new IllegalArgumentException("ProgressEvent: memberOuterValues is null; give an empty array for a run"
          + " on one problem");
    }
  }

  /** The event of a run on one problem (no member values). */
  public ProgressEvent(int step, double outerValue, double hypergradientNorm, double[] hypergradient,
      int innerIterations, InnerResult.Status innerStatus, double innerGradientNorm, IhvpResult.Status solverStatus,
      double solverRelativeResidual, long hessianVectorProducts, double elapsedMillis, double[] lambda,
      double damping, boolean reliable, String warning) {
    this(step, outerValue, hypergradientNorm, hypergradient, innerIterations, innerStatus, innerGradientNorm,
        solverStatus, solverRelativeResidual, hessianVectorProducts, elapsedMillis, lambda, damping, reliable,
        warning, new double[0]);
  }
}
