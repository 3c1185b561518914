package io.github.hypergrad4j.ihvp;

import io.github.hypergrad4j.ihvp.IhvpResult.Status;

/**
 * The step size of the Neumann series (α) and of the gradient-descent fixed point (η): given, or
 * chosen per solve as 1/λ̂, λ̂ the {@link PowerIteration} estimate of λ_max(A + ρI) (at most
 * {@code powerIterations} steps, relative tolerance {@value #POWER_TOLERANCE}, seeded by the
 * options).
 *
 * <p>For a symmetric positive semi-definite A + ρI the power iteration's Rayleigh quotients rise
 * towards λ_max from below, so λ̂ ≤ λ_max and 1/λ̂ ≥ 1/λ_max: the largest step for which every
 * eigenvalue of I − step·(A + ρI) lies in (−1, 1) as long as λ̂ &gt; λ_max/2, which power
 * iteration reaches within a few steps from a random start. The smallest eigenvalues then
 * converge at rate 1 − λ_min/λ̂ per term, the best a fixed step can do at that end of the spectrum.
 * If λ̂ ≤ 0 no step can work and the solve ends with {@code BREAKDOWN} (with {@code DIVERGED} if
 * λ̂ is NaN or ±∞). The power-iteration products are made through the problem, so they are counted
 * in the result.
 */
final class StepSize {

  /** The default power-iteration budget of an automatic step. */
  static final int DEFAULT_POWER_ITERATIONS = 20;

  /** Relative tolerance of the automatic step's power iteration. */
  static final double POWER_TOLERANCE = 1e-3;

  private final double given; // NaN: automatic
  private final int powerIterations;

  private StepSize(double given, int powerIterations) {
    this.given = given;
    this.powerIterations = powerIterations;
  }

  /**
   * A given step.
   *
   * @throws IllegalArgumentException naming {@code solver} and {@code symbol} if the step is not
   *     finite and &gt; 0
   */
  static StepSize given(String solver, String symbol, double step) {
    if (!(step > 0) || Double.isInfinite(step)) {
      throw new IllegalArgumentException(
          solver + ": the step size " + symbol + " must be finite and > 0, got " + step);
    }
    return new StepSize(step, 0);
  }

  /**
   * A step of 1/λ̂ from at most {@code powerIterations} power steps.
   *
   * @throws IllegalArgumentException naming {@code solver} if {@code powerIterations} &lt; 1
   */
  static StepSize automatic(String solver, int powerIterations) {
    if (powerIterations < 1) {
      throw new IllegalArgumentException(
          solver + ": powerIterations must be >= 1, got " + powerIterations);
    }
    return new StepSize(Double.NaN, powerIterations);
  }

  /** The given step, or NaN when it is automatic. */
  double given() {
    return given;
  }

  /**
   * The step of one solve and how it was chosen, or — when no step can work — the result that
   * ends the solve ({@code failure}, with x₀).
   */
  record Choice(double step, String how, IhvpResult failure) {}

  /**
   * The step for {@code problem}: the given one, or 1/λ̂ after the power iteration.
   *
   * @param symbol the step's name in the details ("alpha", "eta")
   * @param method the method's name in the details
   */
  Choice choose(DampedProblem problem, String symbol, String method) {
    if (!Double.isNaN(given)) {
      return new Choice(given, symbol + " = " + given + " (given)", null);
    }
    SpectrumEstimate estimate = PowerIteration.largestEigenvalue(problem.operator(true),
        powerIterations, POWER_TOLERANCE, problem.options().seed());
    double lambda = estimate.largest();
    String how = symbol + " = 1/" + lambda + " from " + estimate.iterations()
        + " power-iteration products";
    if (!(lambda > 0) || Double.isInfinite(lambda)) {
      return new Choice(Double.NaN, how, problem.finish(problem.initial(),
          Double.isFinite(lambda) ? Status.BREAKDOWN : Status.DIVERGED, 0, method + ": power"
              + " iteration estimates lambda_max(A + rho I) = " + lambda + ", so no step size "
              + symbol + " makes the iteration converge"));
    }
    return new Choice(1 / lambda, how, null);
  }
}
