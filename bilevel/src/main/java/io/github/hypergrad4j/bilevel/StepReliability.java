package io.github.hypergrad4j.bilevel;

import io.github.hypergrad4j.bilevel.HyperOptimizationResult.StopReason;
import io.github.hypergrad4j.ihvp.IhvpResult;
import java.util.Locale;

/**
 * The judgement of one outer step, by the rule stated in {@link UnreliableStepPolicy}: the inner
 * solve stationary to max(10·tol, √ε·max(1, |f|)), the inverse-HVP solve converged or with a
 * relative residual below 1.
 */
final class StepReliability {

  /** How far past its tolerance a non-converged inner solve may stop. */
  static final double INNER_TOLERANCE_FACTOR = 10;

  /** √ε = 2⁻²⁶: the gradient level, relative to max(1, |f|), where line searches lose sight of f. */
  static final double INNER_FLOOR = 0x1.0p-26;

  /** The relative residual at which a solve is no better than p = 0. */
  static final double RESIDUAL_LIMIT = 1;

  private StepReliability() {}

  /** Why a step is unreliable, in one line naming it (from 1). */
  record Verdict(StopReason reason, String message) {}

  /** The largest ‖∇_θ f‖ a non-converged inner solve may end with. */
  static double innerLimit(InnerResult inner, InnerStopping stopping) {
    double scale = Double.isFinite(inner.value()) ? Math.max(1, Math.abs(inner.value())) : 1;
    return Math.max(INNER_TOLERANCE_FACTOR * stopping.gradientTolerance(), INNER_FLOOR * scale);
  }

  /** Whether the solve's p can be used (null, for methods without a solve, can). */
  static boolean solveUsable(IhvpResult solve) {
    return solve == null || solve.converged() || solve.relativeResidual() < RESIDUAL_LIMIT;
  }

  /** Null if the step is reliable; else the reason (the inner solve's first) and the message. */
  static Verdict judge(int step, InnerResult inner, InnerStopping stopping, HypergradientResult h,
      boolean assumesInnerOptimum) {
    String innerProblem = null;
    double limit = innerLimit(inner, stopping);
    if (assumesInnerOptimum && !inner.converged() && !(inner.gradientNorm() <= limit)) {
      innerProblem = String.format(Locale.ROOT,
          "the inner solve ended %s with |grad_theta f| = %.3g, above %.3g = max(10 x the tolerance %.3g,"
              + " 1.5e-8 x max(1, |f|)), and the implicit function theorem assumes 0",
          inner.status(), inner.gradientNorm(), limit, stopping.gradientTolerance());
    }
    String solveProblem = null;
    IhvpResult solve = h.solve();
    if (!solveUsable(solve)) {
      solveProblem = String.format(Locale.ROOT,
          "the inverse-HVP solve ended %s with relative residual %.3g at damping %.3g, no better than p = 0 (%s)",
          solve.status(), solve.relativeResidual(), h.damping(), solve.detail());
    }
    if (innerProblem == null && solveProblem == null) {
      return null;
    }
    String where = "step " + (step + 1) + ": ";
    if (innerProblem == null) {
      return new Verdict(StopReason.SOLVER_FAILED, where + solveProblem);
    }
    return new Verdict(StopReason.INNER_NOT_STATIONARY,
        where + innerProblem + (solveProblem == null ? "" : "; " + solveProblem));
  }
}
