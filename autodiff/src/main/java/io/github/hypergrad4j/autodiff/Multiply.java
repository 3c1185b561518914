package io.github.hypergrad4j.autodiff;

/**
 * y = a ⊙ b, element-wise with broadcasting (see {@link Shape}).
 *
 * <ul>
 *   <li>JVP: ẏ = ȧ⊙b + a⊙ḃ.
 *   <li>VJP: ā += Σ_bcast ȳ⊙b, b̄ += Σ_bcast ȳ⊙a.
 *   <li>Second order (product rule on the VJP): ā̇ += Σ_bcast (ȳ̇⊙b + ȳ⊙ḃ), b̄̇ += Σ_bcast (ȳ̇⊙a +
 *       ȳ⊙ȧ).
 * </ul>
 *
 * Cost: one pass for the value, one more per tangent term.
 */
final class Multiply extends Operation {

  private final Tensor a;
  private final Tensor b;

  private Multiply(Tensor a, Tensor b) {
    super("mul", a, b);
    this.a = a;
    this.b = b;
  }

  static Tensor apply(Tensor a, Tensor b) {
    Shape shape = broadcastOperands("mul", a, b);
    double[] value = product(a.value, a.shape, b.value, b.shape, shape, null);
    Multiply node = new Multiply(a, b);
    return node.emit(shape, value, node.tangent(null, shape));
  }

  @Override
  double[] tangent(double[] into) {
    return tangent(into, out.shape);
  }

  /** ẏ = ȧ⊙b + a⊙ḃ for the result shape {@code shape}. */
  private double[] tangent(double[] into, Shape shape) {
    double[] t = product(a.tangent, a.shape, b.value, b.shape, shape, into);
    return plus(t, product(a.value, a.shape, b.tangent, b.shape, shape, t == null ? into : null));
  }

  @Override
  void backward(boolean gradient) {
    send(gradient, a, b);
    send(gradient, b, a);
  }

  /** x̄ += Σ ȳ⊙other (with {@code gradient}); x̄̇ += Σ (ȳ̇⊙other + ȳ⊙other′). */
  private void send(boolean gradient, Tensor x, Tensor other) {
    if (!x.differentiable) {
      return;
    }
    Shape s = out.shape;
    if (gradient) {
      x.addGrad(product(out.grad, s, other.value, other.shape, s, null), s, true);
    }
    double[] t = plus(
        product(out.gradTangent, s, other.value, other.shape, s, null),
        product(out.grad, s, other.tangent, other.shape, s, null));
    if (t != null) {
      x.addGradTangent(t, s, true);
    }
  }

  /**
   * u⊙v broadcast to shape {@code to}, into {@code into} (or a new array); null when u or v is
   * null (zero).
   */
  private static double[] product(double[] u, Shape us, double[] v, Shape vs, Shape to, double[] into) {
    if (u == null || v == null) {
      return null;
    }
    return Broadcast.combineInto(Broadcast.Op.MUL, u, us, v, vs, to, buffer(into, to.size()));
  }
}
