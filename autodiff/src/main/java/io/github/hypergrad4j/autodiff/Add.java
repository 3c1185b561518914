package io.github.hypergrad4j.autodiff;

import io.github.hypergrad4j.linalg.Kernels;

/**
 * y = a + s·b with s = +1 (add) or −1 (subtract), broadcasting (see {@link Shape}).
 *
 * <ul>
 *   <li>JVP: ẏ = ȧ + s·ḃ.
 *   <li>VJP: ā += Σ_bcast ȳ, b̄ += s·Σ_bcast ȳ (Σ_bcast sums over broadcast axes).
 *   <li>Second order: the Jacobian is constant, so ā̇ += Σ_bcast ȳ̇ and b̄̇ += s·Σ_bcast ȳ̇.
 * </ul>
 *
 * Cost: one pass over the result in each direction.
 */
final class Add implements Node {

  private final Tensor a;
  private final Tensor b;
  private final double sign;
  private final Tensor out;

  private Add(Tensor a, Tensor b, double sign, Tensor out) {
    this.a = a;
    this.b = b;
    this.sign = sign;
    this.out = out;
  }

  static Tensor apply(Tensor a, Tensor b, boolean subtract) {
    String op = subtract ? "sub" : "add";
    Tape tape = a.tape;
    tape.checkOwns(op, a);
    tape.checkOwns(op, b);
    Shape shape = Shape.broadcast(op, a.shape, b.shape);
    Broadcast.Op kind = subtract ? Broadcast.Op.SUB : Broadcast.Op.ADD;
    double[] value = Broadcast.combine(kind, a.value, a.shape, b.value, b.shape, shape);
    double[] tangent = null;
    if (a.tangent != null && b.tangent != null) {
      tangent = Broadcast.combine(kind, a.tangent, a.shape, b.tangent, b.shape, shape);
    } else if (a.tangent != null || b.tangent != null) {
      boolean fromA = a.tangent != null;
      tangent = Broadcast.expand(fromA ? a.tangent : b.tangent, fromA ? a.shape : b.shape, shape).clone();
      if (!fromA && subtract) {
        Kernels.scal(-1.0, tangent);
      }
    }
    boolean diff = a.differentiable || b.differentiable;
    Tensor out = tape.result(op, shape, value, tangent, diff);
    if (diff) {
      tape.record(new Add(a, b, subtract ? -1.0 : 1.0, out));
    }
    return out;
  }

  @Override
  public String name() {
    return sign > 0 ? "add" : "sub";
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
    send(a, 1.0);
    send(b, sign);
  }

  private void send(Tensor x, double s) {
    if (!x.differentiable) {
      return;
    }
    x.addGrad(signed(out.grad, s), out.shape, s != 1.0);
    if (out.gradTangent != null) {
      x.addGradTangent(signed(out.gradTangent, s), out.shape, s != 1.0);
    }
  }

  /** g itself for s = 1 (lent to the operand), else a new array s·g (given to it). */
  private static double[] signed(double[] g, double s) {
    if (s == 1.0) {
      return g;
    }
    double[] r = g.clone();
    Kernels.scal(s, r);
    return r;
  }
}
