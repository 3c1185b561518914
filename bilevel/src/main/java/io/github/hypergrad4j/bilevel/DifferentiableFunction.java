package io.github.hypergrad4j.bilevel;

/** A scalar function of a vector with its gradient: what the inner optimisers minimise. */
@FunctionalInterface
public interface DifferentiableFunction {

  /** Returns f(x) and writes ∇f(x) into {@code gradient} (of x's length). */
  double valueAndGradient(double[] x, double[] gradient);
}
