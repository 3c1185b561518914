package io.github.hypergrad4j.bilevel;

/**
 * How the outer optimiser's free variables u map to the hyperparameters λ = φ(u), element by
 * element: identity (λ unconstrained), exp (λ &gt; 0, steps on a log scale, as penalties want), and
 * box (lo &lt; λ &lt; hi through a logistic curve). The outer loop steps on u with the chain rule
 * dg/du = φ′(u) ⊙ dg/dλ.
 */
public interface Parametrization {

  /** λ = φ(u). */
  double[] toLambda(double[] u);

  /** u = φ⁻¹(λ) (λ must be inside the range). */
  double[] fromLambda(double[] lambda);

  /** dg/du = φ′(u) ⊙ dg/dλ. */
  double[] chainRule(double[] u, double[] dgdLambda);

  /** A short description for reports, e.g. {@code "exp"}. */
  String description();

  /** λ = u. */
  static Parametrization identity() {
    return IdentityParametrization.INSTANCE;
  }

  /** λ = eᵘ: positive hyperparameters, such as penalties, tuned on a log scale. */
  static Parametrization exp() {
    return ExpParametrization.INSTANCE;
  }

  /** λ = lo + (hi − lo)·σ(u): hyperparameters kept strictly inside (lo, hi). */
  static Parametrization box(double lo, double hi) {
    return new BoxParametrization(lo, hi);
  }
}
