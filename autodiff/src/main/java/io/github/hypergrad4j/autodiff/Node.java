package io.github.hypergrad4j.autodiff;

/**
 * One recorded operation: it knows its inputs and its output, and propagates the output's
 * adjoint back to its inputs.
 *
 * <p>Every operation class keeps its three rules together, in its Javadoc and its code: the
 * primal y = f(x); the JVP ẏ = J(x)·ẋ (computed with the primal when a tangent is present); and
 * the VJP x̄ += J(x)ᵀ·ȳ together with its own tangent, by the product rule,
 * x̄̇ += J(x)ᵀ·ȳ̇ + (d/dt J(x))ᵀ·ȳ. The second line is what makes one backward pass return the
 * Hessian-vector product (forward-over-reverse; Pearlmutter, "Fast exact multiplication by the
 * Hessian", Neural Computation 6(1), 1994). The accessors and the recording are shared in
 * {@link Operation}, so an operation class holds only its primal and these rules.
 *
 * <p><b>Replay.</b> A tape recorded once with a tangent and kept ({@link Tape#keepForReplay})
 * can be swept again for a new tangent of the same input, values and adjoints held fixed: {@link
 * #tangentForward} in record order, then {@link #tangentBackward} in reverse order (see {@link
 * RecordedHessian}). These are the tangent halves of the rules above, the same code the first
 * sweep runs.
 */
interface Node {

  /** The operation's name, for error messages. */
  String name();

  /** The operands, in order (for the finite checks of {@link Tape#withFiniteChecks()}). */
  Tensor[] inputs();

  /** The tensor this operation produced. */
  Tensor output();

  /**
   * Adds J(x)ᵀ·ȳ to each differentiable input's adjoint and, when any tangent is non-zero, its
   * tangent to the input's adjoint-tangent. Called once, in reverse record order, and only when
   * the output's adjoint exists.
   */
  void backward();

  /**
   * Whether this node supports {@link #tangentForward} and {@link #tangentBackward}; a tape with
   * a node that does not is never replayed (its user sweeps afresh instead).
   */
  boolean replayable();

  /**
   * Recomputes the output's tangent ẏ = J(x)·ẋ from the inputs' current tangents, in place in
   * the output's tangent array (values and everything the rule cached are unchanged).
   */
  void tangentForward();

  /**
   * Adds J(x)ᵀ·ȳ̇ + (d/dt J(x))ᵀ·ȳ to each differentiable input's adjoint-tangent, with the kept
   * adjoint ȳ and the current tangents; the adjoints themselves are left as they are. Called in
   * reverse record order for every node whose output has an adjoint, even when its
   * adjoint-tangent is zero (the second term).
   */
  void tangentBackward();
}
