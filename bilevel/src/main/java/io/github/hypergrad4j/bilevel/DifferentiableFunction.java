package io.github.hypergrad4j.bilevel;

import java.util.Optional;

/** A scalar function of a vector with its gradient: what the inner optimisers minimise. */
@FunctionalInterface
public interface DifferentiableFunction {

  /** Returns f(x) and writes ∇f(x) into {@code gradient} (of x's length). */
  double valueAndGradient(double[] x, double[] gradient);

  /**
   * An estimate c of the diagonal of the Hessian ∇²f, one positive finite entry per coordinate,
   * that an optimiser may use as a diagonal preconditioner ({@link InnerOptimizer#lbfgs()} takes
   * its initial inverse Hessian as γ·diag(1/c)); empty, the default, for none. It changes the
   * path to the minimiser, never the minimiser, so a rough estimate is enough: its value is in the
   * spread of the entries (say, L2 penalties spanning many decades), not in their accuracy.
   * {@link BilevelProblem#innerFunctionAt} gives the problem's {@link DiagonalCurvature} at λ.
   *
   * @return a fresh array of x's length, or empty
   */
  default Optional<double[]> diagonalCurvature() {
    return Optional.empty();
  }
}
