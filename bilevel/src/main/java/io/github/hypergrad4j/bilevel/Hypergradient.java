package io.github.hypergrad4j.bilevel;

import java.util.Optional;

/**
 * A method for the hypergradient dg/dλ of the outer objective at a point (θ, λ), where θ is
 * (approximately) the inner minimiser θ*(λ). {@link ImplicitHypergradient} is the method of the
 * implicit function theorem; unrolled and best-response methods implement the same interface.
 *
 * <p>A method keeps no state: {@link #compute} is a function of its arguments and the method's
 * settings, so a benchmark loop or a sweep over budgets measures the same computation on every
 * call. What a sequence of calls may carry from one to the next — the previous solution to
 * warm-start a linear solve, the stream of mini-batches — lives in a {@link Session}, which the
 * caller creates and owns ({@link HyperOptimizer} creates one per run).
 */
public interface Hypergradient {

  /**
   * dg/dλ at (θ, λ) with a report of its cost and accuracy. Stateless: the same arguments give
   * the same result, bit for bit, however often and in whatever order it is called.
   */
  HypergradientResult compute(BilevelProblem problem, double[] theta, double[] lambda);

  /** A short name for reports. */
  String name();

  /**
   * Whether the method assumes θ is an inner optimum, ∇_θ f(θ, λ) = 0, as the implicit function
   * theorem does (the default). {@link HyperOptimizer} judges the inner solve's stationarity only
   * for such methods; a method that trains θ itself from θ₀ (unrolled differentiation) ignores the
   * θ it is given and returns false.
   */
  default boolean assumesInnerOptimum() {
    return true;
  }

  /**
   * A fresh session for one sequence of calls (one outer run, on one thread). The default
   * session keeps no state and calls {@link #compute}.
   *
   * @param warmStart whether each linear solve starts from the previous call's solution (for
   *     methods that solve one; ignored by the others)
   */
  default Session session(boolean warmStart) {
    return this::compute;
  }

  /**
   * The state of one sequence of hypergradients: the outer loop's, not the method's. Not safe for
   * use by several threads.
   */
  @FunctionalInterface
  interface Session {

    /**
     * The next hypergradient of the sequence at (θ, λ): it may warm-start from the previous
     * solution and draws the next mini-batch, if the method has them.
     */
    HypergradientResult compute(BilevelProblem problem, double[] theta, double[] lambda);

    /**
     * The last {@link #compute} again — at (θ, λ), on the same mini-batch, from the same start —
     * but with the linear solve damped by ρ = {@code damping} instead of the method's own ρ: a
     * retry after the solve failed. Empty for methods without a damped solve (the default).
     *
     * @throws IllegalArgumentException if {@code damping} is negative, NaN or infinite
     * @throws IllegalStateException if nothing was computed in this session yet
     */
    default Optional<HypergradientResult> retryWithDamping(
        BilevelProblem problem, double[] theta, double[] lambda, double damping) {
      Check.nonNegativeFinite("Hypergradient.Session.retryWithDamping", "damping", damping);
      return Optional.empty();
    }
  }
}
