package io.github.hypergrad4j.autodiff;

/**
 * y = x viewed with another shape of the same size. The row-major data is shared, not copied
 * (values are never modified in place). Identity on the data: ẏ = ẋ, x̄ += ȳ, x̄̇ += ȳ̇.
 */
final class Reshape extends Operation {

  private final Tensor x;

  private Reshape(Tensor x) {
    super("reshape", x);
    this.x = x;
  }

  static Tensor apply(Tensor x, Shape shape) {
    if (shape == null || shape.size() != x.size()) {
      throw new IllegalArgumentException(
          "reshape: cannot view " + x.shape + " (" + x.size() + " elements) as " + shape
              + (shape == null ? "" : " (" + shape.size() + " elements)"));
    }
    Reshape node = new Reshape(x);
    return node.emit(shape, x.value, node.tangent(null));
  }

  /** ẋ itself (shared, like the value); a replay finds it already updated. */
  @Override
  double[] tangent(double[] into) {
    if (into != null && into != x.tangent) {
      System.arraycopy(x.tangent, 0, into, 0, into.length);
      return into;
    }
    return x.tangent;
  }

  @Override
  void backward(boolean gradient) {
    // same data layout: the output's adjoint is lent to the input (copied only if written to)
    linearBackward(gradient, x, x.shape, false, g -> g);
  }
}
