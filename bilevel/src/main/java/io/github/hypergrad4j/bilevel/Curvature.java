package io.github.hypergrad4j.bilevel;

/** Which curvature matrix the implicit hypergradient inverts. */
public enum Curvature {
  /** The exact Hessian ∇²_θθ f (forward-over-reverse products). */
  EXACT,
  /**
   * The generalised Gauss-Newton matrix Jᵀ·H_ℓ·J + ∇²_θθ r, positive semidefinite; needs a
   * problem given in {@link GaussNewtonForm}. Equal to the Hessian for linear models.
   */
  GAUSS_NEWTON
}
