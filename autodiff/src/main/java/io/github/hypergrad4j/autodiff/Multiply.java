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
final class Multiply implements Node {

  private final Tensor a;
  private final Tensor b;
  private final Tensor out;

  private Multiply(Tensor a, Tensor b, Tensor out) {
    this.a = a;
    this.b = b;
    this.out = out;
  }

  static Tensor apply(Tensor a, Tensor b) {
    Tape tape = a.tape;
    tape.checkOwns("mul", a);
    tape.checkOwns("mul", b);
    Shape shape = Shape.broadcast("mul", a.shape, b.shape);
    double[] av = Broadcast.expand(a.value, a.shape, shape);
    double[] bv = Broadcast.expand(b.value, b.shape, shape);
    double[] value = new double[shape.size()];
    for (int i = 0; i < value.length; i++) {
      value[i] = av[i] * bv[i];
    }
    double[] tangent = null;
    if (a.tangent != null || b.tangent != null) {
      tangent = new double[value.length];
      productRule(tangent, Broadcast.expand(a.tangent, a.shape, shape), bv,
          Broadcast.expand(b.tangent, b.shape, shape), av);
    }
    boolean diff = a.differentiable || b.differentiable;
    Tensor out = tape.result("mul", shape, value, tangent, diff);
    if (diff) {
      tape.record(new Multiply(a, b, out));
    }
    return out;
  }

  /** target[i] = (x1 ? x1[i]·y1[i]) + (x2 ? x2[i]·y2[i]), null factors count as zero terms. */
  static void productRule(double[] target, double[] x1, double[] y1, double[] x2, double[] y2) {
    for (int i = 0; i < target.length; i++) {
      double s = 0.0;
      if (x1 != null) {
        s += x1[i] * y1[i];
      }
      if (x2 != null) {
        s += x2[i] * y2[i];
      }
      target[i] = s;
    }
  }

  @Override
  public String name() {
    return "mul";
  }

  @Override
  public Tensor[] inputs() {
    return new Tensor[] {a, b};
  }

  @Override
  public Tensor output() {
    return out;
  }

  @Override
  public void backward() {
    send(a, b);
    send(b, a);
  }

  /** x̄ += Σ ȳ⊙other; x̄̇ += Σ (ȳ̇⊙other + ȳ⊙other'). */
  private void send(Tensor x, Tensor other) {
    if (!x.differentiable) {
      return;
    }
    Shape s = out.shape;
    double[] ov = Broadcast.expand(other.value, other.shape, s);
    double[] contribution = new double[s.size()];
    productRule(contribution, out.grad, ov, null, null);
    Broadcast.accumulate(contribution, s, x.gradAccumulator(), x.shape);
    if (out.gradTangent != null || other.tangent != null) {
      productRule(contribution, out.gradTangent, ov,
          other.tangent == null ? null : out.grad, Broadcast.expand(other.tangent, other.shape, s));
      Broadcast.accumulate(contribution, s, x.gradTangentAccumulator(), x.shape);
    }
  }
}
