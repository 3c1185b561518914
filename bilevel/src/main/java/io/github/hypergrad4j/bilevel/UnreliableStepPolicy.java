package io.github.hypergrad4j.bilevel;

/**
 * What {@link HyperOptimizer} does with an outer step whose hypergradient cannot be trusted.
 *
 * <h2>When a step is unreliable</h2>
 *
 * The implicit hypergradient rests on two computations, and a step is unreliable when either
 * failed by more than its own accuracy can explain:
 *
 * <ul>
 *   <li><b>The inner solve is not stationary</b> ({@link HyperOptimizationResult.StopReason#INNER_NOT_STATIONARY}):
 *       it ended other than CONVERGED (MAX_ITERATIONS, LINE_SEARCH_FAILED) with
 *       <pre>    ‖∇_θ f(θ, λ)‖₂ &gt; max(10·tol, √ε·max(1, |f(θ, λ)|)),</pre>
 *       tol the inner gradient tolerance and √ε = 2⁻²⁶ ≈ 1.5·10⁻⁸. The implicit function theorem
 *       assumes ∇_θ f = 0; the hypergradient's error is first order in ‖∇_θ f‖, so a solve that
 *       stopped within 10× its tolerance is as good as one that reached it. The floor keeps a
 *       tolerance below what double precision can reach (0, say, or 10⁻¹⁴) from condemning every
 *       step: near a minimum, a step along −∇f lowers f by about ‖∇f‖²/(2L), which falls below
 *       the rounding error ε·|f| of f once ‖∇f‖ ≲ √(2εL|f|); there a line search cannot see a
 *       decrease and stops (L-BFGS ends LINE_SEARCH_FAILED), and with L of the order of
 *       max(1, |f|) the floor above is that level.
 *   <li><b>The inverse-HVP solve failed</b> ({@link HyperOptimizationResult.StopReason#SOLVER_FAILED}):
 *       it ended other than CONVERGED (NEGATIVE_CURVATURE, BREAKDOWN, DIVERGED,
 *       MAX_ITERATIONS) with a true relative residual ‖b − (A + ρI)p‖/‖b‖ that is NaN or at
 *       least 1, b = ∇_θ g. Below 1, p solves the system exactly for a right-hand side b − r
 *       within arcsin(‖r‖/‖b‖) &lt; 90° of b: a truncated solve, which still gives the direction
 *       (a few CG steps are a legitimate, cheap approximation), so the solver's own tolerance
 *       does not enter. At 1 or above, p is no better than p = 0, which ignores θ*(λ) entirely —
 *       what CG returns when it breaks down at once on a linear or flat inner loss.
 * </ul>
 *
 * The first rule applies only to methods that assume an inner optimum ({@link
 * Hypergradient#assumesInnerOptimum()}); an unrolled method trains θ itself and is judged by the
 * second rule and by finiteness alone.
 *
 * <p>A non-finite outer value or hypergradient is not a matter of policy: it always ends the run
 * ({@link HyperOptimizationResult.StopReason#NON_FINITE}), as does a diverged inner solve.
 *
 * <h2>Policies</h2>
 *
 * <ul>
 *   <li>{@link #stop()} (the default): end the run at the unreliable step, keeping the best λ
 *       and the history, with the step's reason and a one-line message.
 *   <li>{@link #skip(int)}: do not step λ on that hypergradient and go on (the next step
 *       re-solves the inner problem from the θ reached, at the same λ); the run ends once
 *       {@code maxConsecutive} steps in a row have been skipped.
 *   <li>{@link #raiseDamping(double, double)}: when the solve failed, solve again at the same
 *       point with the damping ρ raised tenfold at a time (from max(10ρ, {@code initialDamping}))
 *       until the solve is usable or ρ would pass {@code maxDamping}; then stop. Each step starts
 *       again from the method's own damping, so only the steps that need it pay the bias. Only
 *       methods with a damped solve can retry ({@link Hypergradient.Session#retryWithDamping});
 *       an inner solve that is not stationary is not helped by damping and ends the run.
 * </ul>
 *
 * Every step's {@link ProgressEvent} says whether it was reliable and carries a warning line.
 */
public sealed interface UnreliableStepPolicy {

  /** End the run at the first unreliable step. */
  static UnreliableStepPolicy stop() {
    return new Stop();
  }

  /**
   * Do not step λ on an unreliable hypergradient; end the run after {@code maxConsecutive}
   * unreliable steps in a row ({@code skip(1)} ends the run at the first, as {@link #stop()} does).
   *
   * @throws IllegalArgumentException if {@code maxConsecutive} is below 1
   */
  static UnreliableStepPolicy skip(int maxConsecutive) {
    return new Skip(maxConsecutive);
  }

  /**
   * Retry a failed solve with the damping raised tenfold at a time, from max(10ρ, {@code
   * initialDamping}) up to {@code maxDamping}.
   *
   * @throws IllegalArgumentException unless 0 &lt; initialDamping ≤ maxDamping, both finite
   */
  static UnreliableStepPolicy raiseDamping(double initialDamping, double maxDamping) {
    return new RaiseDamping(initialDamping, maxDamping);
  }

  /** End the run. */
  record Stop() implements UnreliableStepPolicy {
    @Override
    public String toString() {
      return "stop";
    }
  }

  /**
   * Skip, up to {@code maxConsecutive} steps in a row.
   *
   * @param maxConsecutive the number of unreliable steps in a row that ends the run, ≥ 1
   */
  record Skip(int maxConsecutive) implements UnreliableStepPolicy {
    /** Checks the count. */
    public Skip {
      if (maxConsecutive < 1) {
        throw new IllegalArgumentException("UnreliableStepPolicy.skip: maxConsecutive must be >= 1, got " + maxConsecutive);
      }
    }

    @Override
    public String toString() {
      return "skip(" + maxConsecutive + ")";
    }
  }

  /**
   * Raise the damping of a failed solve.
   *
   * @param initialDamping the first damping tried when the method's own is 0 (or below a tenth of this)
   * @param maxDamping the largest damping tried
   */
  record RaiseDamping(double initialDamping, double maxDamping) implements UnreliableStepPolicy {
    /** Checks the dampings. */
    public RaiseDamping {
      Check.positiveFinite("UnreliableStepPolicy.raiseDamping", "initialDamping", initialDamping);
      Check.positiveFinite("UnreliableStepPolicy.raiseDamping", "maxDamping", maxDamping);
      if (maxDamping < initialDamping) {
        throw new IllegalArgumentException("UnreliableStepPolicy.raiseDamping: maxDamping must be >= initialDamping,"
            + " got " + maxDamping + " < " + initialDamping);
      }
    }

    @Override
    public String toString() {
      return "raiseDamping(" + initialDamping + ", " + maxDamping + ")";
    }
  }
}
