package io.github.hypergrad4j.bench.accuracy;

import io.github.hypergrad4j.ihvp.FixedPointIteration;
import io.github.hypergrad4j.ihvp.IhvpResult;
import io.github.hypergrad4j.ihvp.IhvpSolver;
import io.github.hypergrad4j.ihvp.NeumannSeries;
import io.github.hypergrad4j.ihvp.PowerIteration;
import io.github.hypergrad4j.ihvp.SolverOptions;
import io.github.hypergrad4j.ihvp.SpectrumEstimate;
import io.github.hypergrad4j.linalg.Kernels;
import io.github.hypergrad4j.linalg.LinearOperator;

/**
 * A step-size method — the Neumann series or the gradient-descent fixed point — that finds its
 * own step inside a total budget of B products: first at most p power-iteration products estimate
 * λ̂ ≈ λ_max(A) ({@link PowerIteration}, relative tolerance 10⁻³, seeded), then the method runs
 * with α = η = 1/λ̂ for the B − (products the estimate used) that remain (K terms of the series,
 * or iterations of the fixed point). Nothing about the spectrum is given for free, so the cost
 * reported is the whole cost: {@code operatorApplications} = the estimate's products + the
 * method's own (which include its final true-residual product).
 *
 * <p>The power iteration's Rayleigh quotients approach λ_max from below for a positive
 * semi-definite A, so α = 1/λ̂ ≥ 1/λ_max; the iteration converges while λ̂ &gt; λ_max/2 and
 * otherwise the method itself reports {@code DIVERGED} (its terms grow). If λ̂ ≤ 0 (the dominant
 * eigenvalue of an indefinite A is negative) no step can work: {@code BREAKDOWN}, x = 0. The
 * references are those of {@link NeumannSeries} (Lorraine, Vicol and Duvenaud 2020) and {@link
 * FixedPointIteration} (Grazzi et al. 2020).
 */
final class PowerStepSolver implements IhvpSolver {

  /** Relative tolerance of the power iteration. */
  static final double POWER_TOLERANCE = 1e-3;

  private final boolean neumann;
  private final int powerSteps;
  private final int budget;

  /**
   * @param neumann the Neumann series if true, the fixed point if false
   * @param powerSteps the most power-iteration products, ≥ 1
   * @param budget the total products B, ≥ powerSteps
   */
  PowerStepSolver(boolean neumann, int powerSteps, int budget) {
    if (powerSteps < 1 || budget < powerSteps) {
      throw new IllegalArgumentException("PowerStepSolver: needs 1 <= powerSteps <= budget, got "
          + powerSteps + " and " + budget);
    }
    this.neumann = neumann;
    this.powerSteps = powerSteps;
    this.budget = budget;
  }

  /** The power-iteration share of a budget B: min(20, max(1, B/2)). */
  static int powerStepsFor(int budget) {
    return Math.min(20, Math.max(1, budget / 2));
  }

  @Override
  public IhvpResult solve(LinearOperator a, double[] b, SolverOptions options) {
    SpectrumEstimate estimate = PowerIteration.largestEigenvalue(a, powerSteps, POWER_TOLERANCE, options.seed());
    long used = estimate.operatorApplications();
    double lambda = estimate.largest();
    String how = "power iteration: lambda_max ~ " + lambda + " from " + used + " products";
    if (!(lambda > 0) || Double.isInfinite(lambda)) {
      double norm = Kernels.nrm2(b);
      return new IhvpResult(new double[b.length],
          Double.isFinite(lambda) ? IhvpResult.Status.BREAKDOWN : IhvpResult.Status.DIVERGED, 0, used, norm,
          norm, how + ", so no step size can converge");
    }
    int remaining = (int) (budget - used);
    SolverOptions rest = options.withMaxIterations(remaining);
    IhvpResult r = neumann
        ? new NeumannSeries(1 / lambda).solve(a, b, rest)
        : new FixedPointIteration(1 / lambda).solve(a, b, rest);
    return new IhvpResult(r.x(), r.status(), r.iterations(), used + r.operatorApplications(), r.residualNorm(),
        r.rhsNorm(), how + "; " + r.detail());
  }
}
