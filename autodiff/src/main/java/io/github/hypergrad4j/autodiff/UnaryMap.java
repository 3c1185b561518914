package io.github.hypergrad4j.autodiff;

import io.github.hypergrad4j.linalg.Kernels;

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
final class UnaryMap extends Operation {

  private final Tensor x;
  private final PointwiseRule f;
  private double[] firstDerivative;

  private UnaryMap(Tensor x, PointwiseRule f, double[] firstDerivative) {
    super(f.name(), x);
    this.x = x;
    this.f = f;
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
      Kernels.hadamard(d1, x.tangent, tangent);
    }
    return new UnaryMap(x, f, d1).emit(x.shape, value, tangent);
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
    double[] d2 = null;
    if (x.tangent != null) {
      d2 = new double[g.length];
      f.secondDerivative(x.value, out.value, d2);
    }
    if (gt != null || d2 != null) {
      // x̄̇ = f′⊙ȳ̇ + f″⊙ẋ⊙ȳ, built in d2's buffer (or a new one), one pass
      double[] t = d2 != null ? d2 : new double[g.length];
      double[] first = d1;
      double[] xt = x.tangent;
      Kernels.forRanges(t.length, (from, to) -> {
        for (int i = from; i < to; i++) {
          double v = xt != null ? t[i] * xt[i] * g[i] : 0.0;
          t[i] = gt != null ? v + first[i] * gt[i] : v;
        }
      });
      x.addGradTangent(t, x.shape, true);
    }
    Kernels.hadamard(d1, g, d1); // x̄ = f′⊙ȳ, in f′'s buffer
    x.addGrad(d1, x.shape, true);
  }
}
