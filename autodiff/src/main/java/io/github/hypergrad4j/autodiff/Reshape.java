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
    return new Reshape(x).emit(shape, x.value, x.tangent);
  }

  @Override
  public void backward() {
    // same data layout: the output's adjoint is lent to the input (copied only if written to)
    linearBackward(x, x.shape, false, g -> g);
  }
}
