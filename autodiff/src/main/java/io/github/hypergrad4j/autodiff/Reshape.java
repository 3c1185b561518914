package io.github.hypergrad4j.autodiff;

/**
 * y = x viewed with another shape of the same size. The row-major data is shared, not copied
 * (values are never modified in place). Identity on the data: ẏ = ẋ, x̄ += ȳ, x̄̇ += ȳ̇.
 */
final class Reshape implements Node {

  private final Tensor x;
  private final Tensor out;

  private Reshape(Tensor x, Tensor out) {
    this.x = x;
    this.out = out;
  }

  static Tensor apply(Tensor x, Shape shape) {
    if (shape == null || shape.size() != x.size()) {
      throw new IllegalArgumentException(
          "reshape: cannot view " + x.shape + " (" + x.size() + " elements) as " + shape
              + (shape == null ? "" : " (" + shape.size() + " elements)"));
    }
    Tensor out = x.tape.result("reshape", shape, x.value, x.tangent, x.differentiable);
    if (x.differentiable) {
      x.tape.record(new Reshape(x, out));
    }
    return out;
  }

  @Override
  public String name() {
    return "reshape";
  }

  @Override
  public Tensor[] inputs() {
    return new Tensor[] {x};
  }

  @Override
  public Tensor output() {
    return out;
  }

  @Override
  public void backward() {
    // same data layout: the output's adjoint is lent to the input (copied only if written to)
    x.addGrad(out.grad, x.shape, false);
    if (out.gradTangent != null) {
      x.addGradTangent(out.gradTangent, x.shape, false);
    }
  }
}
