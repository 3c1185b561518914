package io.github.hypergrad4j.autodiff;

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
    double s = subtract ? -1.0 : 1.0;
    double[] av = Broadcast.expand(a.value, a.shape, shape);
    double[] bv = Broadcast.expand(b.value, b.shape, shape);
    double[] value = new double[shape.size()];
    for (int i = 0; i < value.length; i++) {
      value[i] = av[i] + s * bv[i];
    }
    double[] tangent = null;
    if (a.tangent != null || b.tangent != null) {
      double[] at = Broadcast.expand(a.tangent, a.shape, shape);
      double[] bt = Broadcast.expand(b.tangent, b.shape, shape);
      tangent = new double[value.length];
      for (int i = 0; i < tangent.length; i++) {
        tangent[i] = (at == null ? 0.0 : at[i]) + (bt == null ? 0.0 : s * bt[i]);
      }
    }
    boolean diff = a.differentiable || b.differentiable;
    Tensor out = tape.result(op, shape, value, tangent, diff);
    if (diff) {
      tape.record(new Add(a, b, s, out));
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
    accumulateScaled(out.grad, out.shape, x.gradAccumulator(), x.shape, s);
    if (out.gradTangent != null) {
      accumulateScaled(out.gradTangent, out.shape, x.gradTangentAccumulator(), x.shape, s);
    }
  }

  private static void accumulateScaled(double[] g, Shape from, double[] target, Shape to, double s) {
    if (s == 1.0) {
      Broadcast.accumulate(g, from, target, to);
      return;
    }
    double[] neg = new double[g.length];
    for (int i = 0; i < g.length; i++) {
      neg[i] = s * g[i];
    }
    Broadcast.accumulate(neg, from, target, to);
  }
}
