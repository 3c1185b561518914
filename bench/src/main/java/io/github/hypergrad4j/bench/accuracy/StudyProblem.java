package io.github.hypergrad4j.bench.accuracy;

import io.github.hypergrad4j.bilevel.BilevelProblem;

/**
 * One problem of the accuracy study, prepared: a bilevel problem, the point (θ*, λ) at which the
 * hypergradient is taken (θ* the tightly solved inner problem at the fixed λ), and the exact
 * hypergradient h* there, against which every budgeted solver is measured.
 *
 * @param name the short name used on the command line and in the CSV
 * @param description sizes, λ, data and model, one line
 * @param problem the bilevel problem (inner f and outer g)
 * @param theta θ*, the inner solution
 * @param lambda the fixed λ
 * @param exact h*, the exact hypergradient at (θ*, λ)
 * @param knownDiagonal the diagonal of ∇²_θθ f that the L2 penalties contribute (what the
 *     structured Nyström variant keeps exactly)
 * @param innerGradientNorm ‖∇_θ f(θ*, λ)‖₂ reached by the inner solve
 * @param reference how h* was obtained (closed form, or the exact solver with its products,
 *     status and residual), and what the Hessian's spectrum is
 * @param referenceProducts products with ∇²_θθ f the reference spent (0 for a closed form)
 * @param referenceMillis wall time of the reference hypergradient in milliseconds
 * @param smallestEigenvalue λ_min(∇²_θθ f) at (θ*, λ) (negative: indefinite Hessian)
 * @param largestEigenvalue λ_max(∇²_θθ f) at (θ*, λ)
 */
public record StudyProblem(
    String name,
    String description,
    BilevelProblem problem,
    double[] theta,
    double[] lambda,
    double[] exact,
    double[] knownDiagonal,
    double innerGradientNorm,
    String reference,
    long referenceProducts,
    double referenceMillis,
    double smallestEigenvalue,
    double largestEigenvalue) {

  /** Number of model parameters, the dimension of every solve. */
  public int thetaSize() {
    return theta.length;
  }

  /** Number of hyperparameters, the length of the hypergradient. */
  public int lambdaSize() {
    return lambda.length;
  }
}
