package io.github.hypergrad4j.autodiff;

/**
 * y = a / b, element-wise with broadcasting (see {@link Shape}).
 *
 * <ul>
 *   <li>JVP: ẏ = (ȧ − y⊙ḃ) / b.
 *   <li>VJP: ā += Σ_bcast ȳ/b, b̄ += −Σ_bcast ȳ⊙y/b.
 *   <li>Second order: ā̇ += Σ_bcast (ȳ̇ − ȳ⊙ḃ/b)/b, b̄̇ += −Σ_bcast (ȳ̇⊙y + ȳ⊙ẏ − ȳ⊙y⊙ḃ/b)/b.
 * </ul>
 *
 * Division by zero follows IEEE arithmetic (±∞ or NaN); a tape with finite checks reports it.
 */
final class Divide extends Operation {

  private final Tensor a;
  private final Tensor b;

  private Divide(Tensor a, Tensor b) {
    super("div", a, b);
    this.a = a;
    this.b = b;
  }

  static Tensor apply(Tensor a, Tensor b) {
    Shape shape = broadcastOperands("div", a, b);
    double[] av = Broadcast.expand(a.value, a.shape, shape);
    double[] bv = Broadcast.expand(b.value, b.shape, shape);
    double[] value = new double[shape.size()];
    for (int i = 0; i < value.length; i++) {
      value[i] = av[i] / bv[i];
    }
    Divide node = new Divide(a, b);
    return node.emit(shape, value, node.tangent(null, shape, value));
  }

  @Override
  double[] tangent(double[] into) {
    return tangent(into, out.shape, out.value);
  }

  /** ẏ = (ȧ − y⊙ḃ) / b for the result shape {@code shape} and value y. */
  private double[] tangent(double[] into, Shape shape, double[] value) {
    if (a.tangent == null && b.tangent == null) {
      return null;
    }
    double[] bv = Broadcast.expand(b.value, b.shape, shape);
    double[] at = Broadcast.expand(a.tangent, a.shape, shape);
    double[] bt = Broadcast.expand(b.tangent, b.shape, shape);
    double[] tangent = buffer(into, value.length);
    for (int i = 0; i < tangent.length; i++) {
      double num = (at == null ? 0.0 : at[i]) - (bt == null ? 0.0 : value[i] * bt[i]);
      tangent[i] = num / bv[i];
    }
    return tangent;
  }

  @Override
  void backward(boolean gradient) {
    Shape s = out.shape;
    double[] bv = Broadcast.expand(b.value, b.shape, s);
    double[] bt = Broadcast.expand(b.tangent, b.shape, s);
    double[] y = out.value;
    double[] yt = out.tangent;
    double[] g = out.grad;
    double[] gt = out.gradTangent;
    boolean second = gt != null || bt != null || yt != null;
    int n = s.size();
    if (a.differentiable) {
      if (gradient) {
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
          c[i] = g[i] / bv[i];
        }
        a.addGrad(c, s, true);
      }
      if (second) {
        double[] ct = new double[n];
        for (int i = 0; i < n; i++) {
          double num = (gt == null ? 0.0 : gt[i]) - (bt == null ? 0.0 : g[i] * bt[i] / bv[i]);
          ct[i] = num / bv[i];
        }
        a.addGradTangent(ct, s, true);
      }
    }
    if (b.differentiable) {
      if (gradient) {
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
          c[i] = -g[i] * y[i] / bv[i];
        }
        b.addGrad(c, s, true);
      }
      if (second) {
        double[] ct = new double[n];
        for (int i = 0; i < n; i++) {
          double num = (gt == null ? 0.0 : gt[i] * y[i]) + (yt == null ? 0.0 : g[i] * yt[i])
              - (bt == null ? 0.0 : g[i] * y[i] * bt[i] / bv[i]);
          ct[i] = -num / bv[i];
        }
        b.addGradTangent(ct, s, true);
      }
    }
  }
}
