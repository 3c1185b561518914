package io.github.hypergrad4j.autodiff;

import io.github.hypergrad4j.linalg.Kernels;

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
    double[] value = Broadcast.combine(Broadcast.Op.MUL, a.value, a.shape, b.value, b.shape, shape);
    double[] tangent = null;
    if (a.tangent != null) {
      tangent = Broadcast.combine(Broadcast.Op.MUL, a.tangent, a.shape, b.value, b.shape, shape);
    }
    if (b.tangent != null) {
      double[] t = Broadcast.combine(Broadcast.Op.MUL, a.value, a.shape, b.tangent, b.shape, shape);
      if (tangent == null) {
        tangent = t;
      } else {
        Kernels.add(tangent, t, tangent);
      }
    }
    boolean diff = a.differentiable || b.differentiable;
    Tensor out = tape.result("mul", shape, value, tangent, diff);
    if (diff) {
      tape.record(new Multiply(a, b, out));
    }
    return out;
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

  /** x̄ += Σ ȳ⊙other; x̄̇ += Σ (ȳ̇⊙other + ȳ⊙other′). */
  private void send(Tensor x, Tensor other) {
    if (!x.differentiable) {
      return;
    }
    Shape s = out.shape;
    x.addGrad(Broadcast.combine(Broadcast.Op.MUL, out.grad, s, other.value, other.shape, s), s, true);
    double[] t = null;
    if (out.gradTangent != null) {
      t = Broadcast.combine(Broadcast.Op.MUL, out.gradTangent, s, other.value, other.shape, s);
    }
    if (other.tangent != null) {
      double[] u = Broadcast.combine(Broadcast.Op.MUL, out.grad, s, other.tangent, other.shape, s);
      if (t == null) {
        t = u;
      } else {
        Kernels.add(t, u, t);
      }
    }
    if (t != null) {
      x.addGradTangent(t, s, true);
    }
  }
}
