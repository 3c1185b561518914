package io.github.hypergrad4j.bilevel;

/**
 * A method for the hypergradient dg/dλ of the outer objective at a point (θ, λ), where θ is
 * (approximately) the inner minimiser θ*(λ). {@link ImplicitHypergradient} is the method of the
 * implicit function theorem; unrolled and best-response methods will implement the same
 * interface.
 */
public interface Hypergradient {

  /** dg/dλ at (θ, λ) with a report of its cost and accuracy. */
  HypergradientResult compute(BilevelProblem problem, double[] theta, double[] lambda);

  /** A short name for reports. */
  String name();
}
