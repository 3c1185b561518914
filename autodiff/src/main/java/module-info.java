/**
 * Reverse-mode automatic differentiation on a tape of tensor operations, with exact second
 * derivatives by forward-over-reverse: one forward pass carrying tangents and one backward pass
 * carrying (adjoint, adjoint-tangent) pairs give ∇f and ∇²f·v together. See {@link
 * io.github.hypergrad4j.autodiff.Derivatives}.
 */
module io.github.hypergrad4j.autodiff {
  requires transitive io.github.hypergrad4j.linalg;

  exports io.github.hypergrad4j.autodiff;
}
