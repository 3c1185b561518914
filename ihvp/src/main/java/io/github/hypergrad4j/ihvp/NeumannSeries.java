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
 * The terms are formed by the recurrence v_{i+1} = v_i − α·B·v_i and summed. {@link
 * FixedPointIteration} computes the same x_K (Richardson's iteration with η = α) at the same cost.
 *
 * <p><b>Step size α.</b> Given to {@link #NeumannSeries(double)}, or chosen per solve by {@link
 * #automatic()}: α = 1/λ̂ where λ̂ is the {@link PowerIteration} estimate of λ_max(B) (at most
 * {@value #DEFAULT_POWER_ITERATIONS} steps by default, relative tolerance 10⁻³). For a symmetric
 * positive semi-definite B, λ̂ ≤ λ_max, so α ≥ 1/λ_max: the largest step for which every
 * eigenvalue of M lies in (−1, 1) as long as λ̂ &gt; λ_max/2, which power iteration reaches within
 * a few steps from a random start (its Rayleigh quotients increase monotonically towards
 * λ_max). The smallest eigenvalues then converge at rate 1 − λ_min/λ̂ per term, the best a fixed α
 * can do at this end of the spectrum. If λ̂ ≤ 0 no α can work and the solve ends with {@code
 * BREAKDOWN}. The power-iteration products are counted in the result and α, λ̂ and their cost are
 * stated in its detail.
 *
 * <p><b>Cost.</b> K = the iteration limit or budget: one product per term after the first (K
 * products for x_K), plus one for r₀ with a warm start, plus the power-iteration products when α
 * is automatic, plus one for the final true residual.
 *
 * <p><b>Stopping rule.</b> After K terms (default {@value #DEFAULT_MAX_TERMS}): {@code CONVERGED}
 * if the true residual of x_K meets the tolerance, else {@code MAX_ITERATIONS}. Earlier (not with
 * a fixed budget), when a term's norm ‖v_i‖ = ‖b − B·x_{i−1}‖ is at most tolerance·‖b‖: that term
 * is added, and the true residual of x_i is computed; if it meets the tolerance, {@code
 * CONVERGED}; if the recurrence has drifted and it does not, the series continues from the true
 * residual (that product counts as the next term). <b>Divergence</b> — a term or a true residual
 * that is NaN or ±∞, or larger than {@value #DIVERGENCE_FACTOR} times the first (for a symmetric B
 * with ‖M‖ ≤ 1 the terms never grow, so growth means α ≥ 2/λ_max or an indefinite B) — ends the
 * solve with {@code DIVERGED} and the partial sum before that term. The observer receives (i,
 * ‖v_i‖). Needs no symmetry (but the guarantees above assume it).
 */
public final class NeumannSeries implements IhvpSolver {

  /** The default number of terms K. */
  public static final int DEFAULT_MAX_TERMS = 1000;

  /** The default power-iteration budget of the automatic step size. */
  public static final int DEFAULT_POWER_ITERATIONS = StepSize.DEFAULT_POWER_ITERATIONS;

  /** A term (or residual) larger than this times the first means divergence. */
  public static final double DIVERGENCE_FACTOR = 100;

  private static final String NAME = "NeumannSeries";

  private final StepSize alpha;

  /**
   * A Neumann series with a fixed step size.
   *
   * @param alpha α, finite and &gt; 0 (converges for 0 &lt; α &lt; 2/λ_max(A + ρI))
   * @throws IllegalArgumentException if α ≤ 0, NaN or infinite
   */
  public NeumannSeries(double alpha) {
    this.alpha = StepSize.given(NAME, "alpha", alpha);
  }

  private NeumannSeries(StepSize alpha) {
    this.alpha = alpha;
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
    return new NeumannSeries(StepSize.automatic(NAME, powerIterations));
  }

  @Override
  public IhvpResult solve(LinearOperator a, double[] b, SolverOptions options) {
    DampedProblem problem = DampedProblem.of(NAME, a, b, options, false);
    if (problem.rhsNorm() == 0) {
      return problem.zeroResult();
    }
    StepSize.Choice step = alpha.choose(problem, "alpha", "Neumann");
    if (step.failure() != null) {
      return step.failure();
    }
    return sum(problem, step.step(), problem.limit(DEFAULT_MAX_TERMS), step.how());
  }

  private static IhvpResult sum(DampedProblem problem, double step, int terms, String how) {
    int n = problem.n();
    double stop = problem.stopTarget();
    double[] term = new double[n];
    double[] product = new double[n];
    DampedProblem.Iterate start = problem.initial();
    double first = start.residual(term); // v_0 = r_0
    if (first <= stop) {
      return problem.finish(start, Status.CONVERGED, 0,
          "Neumann: the start already meets the tolerance; " + how);
    }
    double[] x = problem.start();
    Kernels.axpy(step, term, x); // the i = 0 term
    int i = 0;
    while (i < terms) {
      problem.apply(term, product);
      Kernels.scal(-step, product);
      Kernels.add(term, product, term); // v_{i+1} = v_i − α·B·v_i
      i++;
      double norm = Kernels.nrm2(term);
      problem.observe(i, norm);
      if (diverged(norm, first)) {
        return problem.finish(x, Status.DIVERGED, i,
            divergence("Neumann: term " + i, norm, first, how));
      }
      Kernels.axpy(step, term, x);
      if (norm <= stop) {
        DampedProblem.Iterate check = problem.evaluate(x);
        double trueNorm = check.residual(term);
        if (diverged(trueNorm, first)) {
          return problem.finish(check, Status.DIVERGED, i,
              divergence("Neumann: the true residual after term " + i, trueNorm, first, how));
        }
        if (trueNorm <= stop) {
          return problem.finish(check, Status.CONVERGED, i,
              "Neumann: converged after " + i + " terms after the first; " + how);
        }
        if (i >= terms) {
          return problem.finish(check, Status.MAX_ITERATIONS, i,
              "Neumann: " + terms + " terms after the first (K) summed; " + how);
        }
        // the recurrence drifted: the true residual is the next term; its product counts as one
        Kernels.axpy(step, term, x);
        i++;
        problem.observe(i, trueNorm);
      }
    }
    return problem.finish(x, Status.MAX_ITERATIONS, i,
        "Neumann: " + terms + " terms after the first (K) summed; " + how);
  }

  /** Whether a residual norm means divergence: NaN, ±∞, or above the factor times the first. */
  static boolean diverged(double norm, double first) {
    return !Double.isFinite(norm) || norm > DIVERGENCE_FACTOR * first;
  }

  /** The detail of a divergence. */
  static String divergence(String what, double norm, double first, String how) {
    return what + " has norm " + norm + " against " + first + " at the start (the iteration is"
        + " not a contraction: the step too large for lambda_max, or A + rho I not positive"
        + " definite); " + how;
  }
}
