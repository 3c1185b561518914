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
    double[] value = product(a.value, a.shape, b.value, b.shape, shape);
    double[] tangent = plus(
        product(a.tangent, a.shape, b.value, b.shape, shape),
        product(a.value, a.shape, b.tangent, b.shape, shape));
    return new Multiply(a, b).emit(shape, value, tangent);
  }

  @Override
  public void backward() {
    send(a, b);
    send(b, a);
  }

  /** x̄ += Σ ȳ⊙other; x̄̇ += Σ (ȳ̇⊙other + ȳ⊙other′). */
  private void send(Tensor x, Tensor other) {
    if (!x.differentiable) {
      return;
    }
    Shape s = out.shape;
    x.addGrad(product(out.grad, s, other.value, other.shape, s), s, true);
    double[] t = plus(
        product(out.gradTangent, s, other.value, other.shape, s),
        product(out.grad, s, other.tangent, other.shape, s));
    if (t != null) {
      x.addGradTangent(t, s, true);
    }
  }

  /** u⊙v broadcast to shape {@code to}, as a new array; null when u or v is null (zero). */
  private static double[] product(double[] u, Shape us, double[] v, Shape vs, Shape to) {
    if (u == null || v == null) {
      return null;
    }
    return Broadcast.combine(Broadcast.Op.MUL, u, us, v, vs, to);
  }
}
