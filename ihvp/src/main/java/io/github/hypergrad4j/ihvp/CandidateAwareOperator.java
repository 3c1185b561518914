package io.github.hypergrad4j.ihvp;

import io.github.hypergrad4j.linalg.LinearOperator;

/**
 * A {@link LinearOperator} that is told which of its products are of a <em>candidate</em>: an x
 * that a solve may return, whose product gives that x's true residual b − (A + ρI)·x. Every
 * solver here computes that residual through {@code DampedProblem}'s iterates, which call {@link
 * #applyToCandidate} on their own copy of x — the very array the result then returns — and {@link
 * #apply} for every other product (Krylov directions, sketches, power steps).
 *
 * <p>What for: an operator whose product comes out of a sweep that yields more than A·x can keep
 * that by-product for the x the solve returns. The implicit hypergradient's Hessian is one: the
 * forward-over-reverse sweep that gives ∇²_θθ f·p also gives the mixed term ∇²_λθ f·p, which it
 * needs next, so the true-residual product and the mixed-term sweep become one.
 *
 * <p>Contract: {@code applyToCandidate(x, out)} writes the same A·x as {@code apply(x, out)} up to
 * rounding (exactly A·x in exact arithmetic), under the same argument rules, and must not modify
 * x. A solve counts it as one product, like {@code apply}.
 */
public interface CandidateAwareOperator extends LinearOperator {

  /** out ← A·x for an x the solve may return; one product. */
  void applyToCandidate(double[] x, double[] out);
}
