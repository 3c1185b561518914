package io.github.hypergrad4j.ihvp;

import io.github.hypergrad4j.ihvp.IhvpResult.Status;
import io.github.hypergrad4j.linalg.Kernels;
import io.github.hypergrad4j.linalg.LinearOperator;

/**
 * The truncated Neumann series (Lorraine, Vicol and Duvenaud, "Optimizing millions of
 * hyperparameters by implicit differentiation", AISTATS 2020, §3 and Algorithm 3).
 *
 * <p><b>Formula.</b> With B = A + ρI and M = I − αB,
 *
 * <pre>
 *   x_K = x₀ + α·Σ_{i=0}^{K} M^i·r₀,   r₀ = b − B·x₀   (x₀ = 0: x_K = α·Σ_{i=0}^{K} (I − αB)^i b)
 * </pre>
 *
 * which tends to B⁻¹b when the spectral radius of M is below 1, i.e. for a positive-definite B
 * when 0 &lt; α &lt; 2/λ_max(B). Since αB·Σ_{i≤K}M^i = I − M^{K+1}, the residual of x_K is
 * M^{K+1}r₀ — the next term — and the error is B⁻¹M^{K+1}r₀, so ‖x_K − x*‖ ≤ ‖M^{K+1}‖·‖B⁻¹r₀‖.
 * The terms are formed by the recurrence v_{i+1} = v_i − α·B·v_i and summed.
 *
 * <p><b>Step size α.</b> Given to {@link #NeumannSeries(double)}, or chosen by {@link
 * #automatic()}: α = 1/λ̂ (fraction 1 of the inverse estimate) where λ̂ is the {@link
 * PowerIteration} estimate of λ_max(B) (at most {@value #DEFAULT_POWER_ITERATIONS} steps by
 * default, relative tolerance 10⁻³). For a symmetric positive semi-definite B, λ̂ ≤ λ_max, so α
 * ≥ 1/λ_max: the largest step for which every eigenvalue of M lies in (−1, 1) as long as λ̂ &gt;
 * λ_max/2, which power iteration reaches within a few steps from a random start (its Rayleigh
 * quotients increase monotonically towards λ_max). The smallest eigenvalues then converge at rate
 * 1 − λ_min/λ̂ per term, the best a fixed α can do at this end of the spectrum. If λ̂ ≤ 0 no α can
 * work and the solve ends with {@code BREAKDOWN}. The power-iteration products are counted in the
 * result and α, λ̂ and their cost are stated in its detail.
 *
 * <p><b>Cost.</b> One product per term after the first (K products for x_K), plus one for r₀
 * with a warm start, plus the power-iteration products when α is automatic, plus one for the
 * final true residual.
 *
 * <p><b>Stopping rule.</b> K = the iteration limit (default {@value #DEFAULT_MAX_TERMS}). Earlier,
 * when a term's norm ‖v_i‖ = ‖b − B·x_{i−1}‖ is at most tolerance·‖b‖ (that term is still added;
 * the true residual is then computed and, if the recurrence has drifted and it misses the
 * tolerance, the series continues from the true residual). <b>Divergence:</b> a term that is NaN
 * or ±∞, or larger than {@value #DIVERGENCE_FACTOR} times the first (for a symmetric B with
 * ‖M‖ ≤ 1 the terms never grow, so growth means α ≥ 2/λ_max or an indefinite B), ends the solve
 * with {@code DIVERGED} and the partial sum before that term. The observer receives (i, ‖v_i‖).
 * Needs no symmetry (but the guarantees above assume it).
 */
public final class NeumannSeries implements IhvpSolver {

  /** The default number of terms K. */
  public static final int DEFAULT_MAX_TERMS = 1000;

  /** The default power-iteration budget of the automatic step size. */
  public static final int DEFAULT_POWER_ITERATIONS = 20;

  /** Relative tolerance of the automatic step size's power iteration. */
  static final double POWER_TOLERANCE = 1e-3;

  /** A term larger than this times the first means divergence. */
  public static final double DIVERGENCE_FACTOR = 100;

  private static final String NAME = "NeumannSeries";

  private final double alpha; // NaN: automatic
  private final int powerIterations;

  /**
   * A Neumann series with a fixed step size.
   *
   * @param alpha α, finite and &gt; 0 (converges for 0 &lt; α &lt; 2/λ_max(A + ρI))
   * @throws IllegalArgumentException if α ≤ 0, NaN or infinite
   */
  public NeumannSeries(double alpha) {
    if (!(alpha > 0) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException(
          NAME + ": alpha must be finite and > 0, got " + alpha);
    }
    this.alpha = alpha;
    this.powerIterations = 0;
  }

  private NeumannSeries(int powerIterations) {
    this.alpha = Double.NaN;
    this.powerIterations = powerIterations;
  }

  /** A Neumann series with α = 1/λ̂ from {@value #DEFAULT_POWER_ITERATIONS} power steps at most. */
  public static NeumannSeries automatic() {
    return automatic(DEFAULT_POWER_ITERATIONS);
  }

  /**
   * A Neumann series with α = 1/λ̂ from at most {@code powerIterations} power steps.
   *
   * @throws IllegalArgumentException if {@code powerIterations} &lt; 1
   */
  public static NeumannSeries automatic(int powerIterations) {
    if (powerIterations < 1) {
      throw new IllegalArgumentException(
          NAME + ": powerIterations must be >= 1, got " + powerIterations);
    }
    return new NeumannSeries(powerIterations);
  }

  @Override
  public IhvpResult solve(LinearOperator a, double[] b, SolverOptions options) {
    DampedProblem problem = DampedProblem.of(NAME, a, b, options, false);
    if (problem.rhsNorm() == 0) {
      return problem.zeroResult();
    }
    int terms = options.maxIterationsOr(DEFAULT_MAX_TERMS);
    double step = alpha;
    String how = "alpha = " + alpha + " (given)";
    if (Double.isNaN(step)) {
      SpectrumEstimate estimate = PowerIteration.largestEigenvalue(
          problem.dampedOperator(), powerIterations, POWER_TOLERANCE, options.seed());
      double lambda = estimate.largest();
      how = "alpha = 1/" + lambda + " from " + estimate.iterations() + " power-iteration products";
      if (!(lambda > 0) || Double.isInfinite(lambda)) {
        return problem.finish(problem.start(),
            Double.isFinite(lambda) ? Status.BREAKDOWN : Status.DIVERGED, 0,
            "Neumann: power iteration estimates lambda_max(A + rho I) = " + lambda
                + ", so no step size alpha makes the series converge");
      }
      step = 1 / lambda;
    }
    return sum(problem, step, terms, how);
  }

  private static IhvpResult sum(DampedProblem problem, double step, int terms, String how) {
    int n = problem.n();
    double target = problem.target();
    double[] x = problem.start();
    double[] term = new double[n];
    double[] product = new double[n];
    double first = problem.hasWarmStart() ? problem.residual(x, term) : problem.rhsNorm();
    if (!problem.hasWarmStart()) {
      Kernels.copy(problem.b(), term);
    }
    if (first <= target) {
      return problem.finish(x, Status.CONVERGED, 0, "Neumann: the warm start already meets the"
          + " tolerance; " + how, first);
    }
    Kernels.axpy(step, term, x); // the i = 0 term
    int i = 0;
    while (i < terms) {
      problem.apply(term, product);
      Kernels.scal(-step, product);
      Kernels.add(term, product, term); // v_{i+1} = v_i − α·B·v_i
      i++;
      double norm = Kernels.nrm2(term);
      problem.observe(i, norm);
      if (!Double.isFinite(norm) || norm > DIVERGENCE_FACTOR * first) {
        return problem.finish(x, Status.DIVERGED, i, "Neumann: term " + i + " has norm " + norm
            + " against " + first + " for the first (alpha too large for lambda_max, or A + rho I"
            + " not positive definite); " + how);
      }
      Kernels.axpy(step, term, x);
      if (norm <= target) {
        double trueNorm = problem.residual(x, term);
        if (trueNorm <= target || i >= terms) {
          return problem.finish(x, Status.CONVERGED, i,
              "Neumann: " + i + " terms after the first; " + how, trueNorm);
        }
        // the recurrence drifted: the true residual is the next term; the product counts as one
        Kernels.axpy(step, term, x);
        i++;
        problem.observe(i, trueNorm);
      }
    }
    return problem.finish(x, Status.MAX_ITERATIONS, i,
        "Neumann: " + terms + " terms after the first (K) summed; " + how);
  }
}
