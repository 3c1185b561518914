package io.github.hypergrad4j.autodiff;

/**
 * y = f(x) element-wise for a {@link PointwiseRule} f.
 *
 * <ul>
 *   <li>JVP: ẏ = f′(x)⊙ẋ.
 *   <li>VJP: x̄ += f′(x)⊙ȳ.
 *   <li>Second order: d/dt [f′(x)⊙ȳ] gives x̄̇ += f′(x)⊙ȳ̇ + f″(x)⊙ẋ⊙ȳ.
 * </ul>
 *
 * Cost: one evaluation of f forward; f′ once (kept from the forward pass when a tangent needed
 * it) and f″ once, only when ẋ is non-zero, backward.
 */
final class UnaryMap implements Node {

  private final Tensor x;
  private final PointwiseRule f;
  private final Tensor out;
  private double[] firstDerivative;

  private UnaryMap(Tensor x, PointwiseRule f, Tensor out, double[] firstDerivative) {
    this.x = x;
    this.f = f;
    this.out = out;
    this.firstDerivative = firstDerivative;
  }

  static Tensor apply(Tensor x, PointwiseRule f) {
    double[] value = new double[x.size()];
    f.value(x.value, value);
    double[] tangent = null;
    double[] d1 = null;
    if (x.tangent != null) {
      d1 = new double[value.length];
      f.firstDerivative(x.value, value, d1);
      tangent = new double[value.length];
      for (int i = 0; i < tangent.length; i++) {
        tangent[i] = d1[i] * x.tangent[i];
      }
    }
    Tensor out = x.tape.result(f.name(), x.shape, value, tangent, x.differentiable);
    if (x.differentiable) {
      x.tape.record(new UnaryMap(x, f, out, d1));
    }
    return out;
  }

  @Override
  public String name() {
    return f.name();
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
    double[] g = out.grad;
    double[] gt = out.gradTangent;
    double[] d1 = firstDerivative;
    if (d1 == null) {
      d1 = new double[g.length];
      f.firstDerivative(x.value, out.value, d1);
    }
    firstDerivative = null;
    double[] xg = x.gradAccumulator();
    for (int i = 0; i < g.length; i++) {
      xg[i] += d1[i] * g[i];
    }
    if (gt == null && x.tangent == null) {
      return;
    }
    double[] xgt = x.gradTangentAccumulator();
    if (gt != null) {
      for (int i = 0; i < g.length; i++) {
        xgt[i] += d1[i] * gt[i];
      }
    }
    if (x.tangent != null) {
      double[] d2 = d1; // reuse the buffer: f′ is no longer needed
      f.secondDerivative(x.value, out.value, d2);
      double[] xt = x.tangent;
      for (int i = 0; i < g.length; i++) {
        xgt[i] += d2[i] * xt[i] * g[i];
      }
    }
  }
}
