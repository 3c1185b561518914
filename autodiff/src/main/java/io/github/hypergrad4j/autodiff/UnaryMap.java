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
 * it) and f″ once, only when ẋ is non-zero, backward. On a tape kept for replay both stay, so a
 * replay costs one pass forward (ẏ = f′⊙ẋ) and one backward, with no evaluation of f, f′ or f″.
 */
final class UnaryMap extends Operation {

  private final Tensor x;
  private final PointwiseRule f;
  /** f′(x): from the forward pass when a tangent needed it; kept after backward for a replay. */
  private double[] firstDerivative;
  /** f″(x), kept after backward for a replay (only on a tape kept for replay). */
  private double[] secondDerivative;

  private UnaryMap(Tensor x, PointwiseRule f, double[] firstDerivative) {
    super(f.name(), x);
    this.x = x;
    this.f = f;
    this.firstDerivative = firstDerivative;
  }

  static Tensor apply(Tensor x, PointwiseRule f) {
    double[] value = new double[x.size()];
    f.value(x.value, value);
    double[] d1 = null;
    if (x.tangent != null) {
      d1 = new double[value.length];
      f.firstDerivative(x.value, value, d1);
    }
    UnaryMap node = new UnaryMap(x, f, d1);
    return node.emit(x.shape, value, node.tangent(null));
  }

  @Override
  double[] tangent(double[] into) {
    if (x.tangent == null) {
      return null;
    }
    double[] t = buffer(into, x.size());
    Kernels.hadamard(firstDerivative, x.tangent, t);
    return t;
  }

  @Override
  void backward(boolean gradient) {
    double[] g = out.grad;
    double[] gt = out.gradTangent;
    boolean keep = out.tape.keepsForReplay();
    double[] d1 = firstDerivative;
    if (d1 == null) {
      d1 = new double[g.length];
      f.firstDerivative(x.value, out.value, d1);
    }
    double[] d2 = secondDerivative;
    if (d2 == null && x.tangent != null) {
      d2 = new double[g.length];
      f.secondDerivative(x.value, out.value, d2);
    }
    if (keep) {
      firstDerivative = d1;
      secondDerivative = d2;
    } else {
      firstDerivative = null;
    }
    if (gt != null || d2 != null) {
      // x̄̇ = f′⊙ȳ̇ + f″⊙ẋ⊙ȳ, one pass, built in d2's buffer unless it is kept (else a new one)
      double[] t = d2 != null && !keep ? d2 : new double[g.length];
      double[] first = d1;
      double[] second = d2;
      double[] xt = x.tangent;
      Kernels.forRanges(t.length, (from, to) -> {
        for (int i = from; i < to; i++) {
          double v = xt != null ? second[i] * xt[i] * g[i] : 0.0;
          t[i] = gt != null ? v + first[i] * gt[i] : v;
        }
      });
      x.addGradTangent(t, x.shape, true);
    }
    if (gradient) {
      double[] c = keep ? new double[g.length] : d1; // x̄ = f′⊙ȳ, in f′'s buffer unless it is kept
      Kernels.hadamard(d1, g, c);
      x.addGrad(c, x.shape, true);
    }
  }
}
