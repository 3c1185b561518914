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
final class Add extends Operation {

  private final Tensor a;
  private final Tensor b;
  private final double sign;

  private Add(String op, Tensor a, Tensor b, double sign) {
    super(op, a, b);
    this.a = a;
    this.b = b;
    this.sign = sign;
  }

  static Tensor apply(Tensor a, Tensor b, boolean subtract) {
    String op = subtract ? "sub" : "add";
    Shape shape = broadcastOperands(op, a, b);
    Broadcast.Op kind = subtract ? Broadcast.Op.SUB : Broadcast.Op.ADD;
    double[] value = Broadcast.combine(kind, a.value, a.shape, b.value, b.shape, shape);
    Add node = new Add(op, a, b, subtract ? -1.0 : 1.0);
    return node.emit(shape, value, node.tangent(null, shape));
  }

  @Override
  double[] tangent(double[] into) {
    return tangent(into, out.shape);
  }

  /** ẏ = ȧ + s·ḃ for the result shape {@code shape}. */
  private double[] tangent(double[] into, Shape shape) {
    if (a.tangent == null && b.tangent == null) {
      return null;
    }
    double[] t = buffer(into, shape.size());
    if (a.tangent != null && b.tangent != null) {
      Broadcast.Op kind = sign == 1.0 ? Broadcast.Op.ADD : Broadcast.Op.SUB;
      return Broadcast.combineInto(kind, a.tangent, a.shape, b.tangent, b.shape, shape, t);
    }
    boolean fromA = a.tangent != null;
    double[] e = Broadcast.expand(fromA ? a.tangent : b.tangent, fromA ? a.shape : b.shape, shape);
    System.arraycopy(e, 0, t, 0, t.length);
    if (!fromA && sign != 1.0) {
      Kernels.scal(-1.0, t);
    }
    return t;
  }

  @Override
  void backward(boolean gradient) {
    // ȳ itself is lent to a; for subtraction b receives a new array −ȳ
    linearBackward(gradient, a, out.shape, false, g -> g);
    linearBackward(gradient, b, out.shape, sign != 1.0, g -> signed(g, sign));
  }

  /** g itself for s = 1, else a new array s·g. */
  private static double[] signed(double[] g, double s) {
    if (s == 1.0) {
      return g;
    }
    double[] r = g.clone();
    Kernels.scal(s, r);
    return r;
  }
}
