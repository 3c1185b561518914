package io.github.hypergrad4j.autodiff;

/**
 * y = c·x for a constant c (negation is c = −1).
 *
 * <ul>
 *   <li>JVP: ẏ = c·ẋ.
 *   <li>VJP: x̄ += c·ȳ; second order: x̄̇ += c·ȳ̇ (linear map, constant Jacobian).
 * </ul>
 */
final class Scale implements Node {

  private final Tensor x;
  private final double c;
  private final Tensor out;
  private final String name;

  private Scale(String name, Tensor x, double c, Tensor out) {
    this.name = name;
    this.x = x;
    this.c = c;
    this.out = out;
  }

  static Tensor apply(String name, Tensor x, double c) {
    if (!Double.isFinite(c)) {
      throw new IllegalArgumentException(name + ": the factor must be finite, got " + c);
    }
    double[] value = scaled(x.value, c);
    double[] tangent = x.tangent == null ? null : scaled(x.tangent, c);
    Tensor out = x.tape.result(name, x.shape, value, tangent, x.differentiable);
    if (x.differentiable) {
      x.tape.record(new Scale(name, x, c, out));
    }
    return out;
  }

  private static double[] scaled(double[] v, double c) {
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = c * v[i];
    }
    return r;
  }

  @Override
  public String name() {
    return name;
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
    addScaled(x.gradAccumulator(), out.grad, c);
    if (out.gradTangent != null) {
      addScaled(x.gradTangentAccumulator(), out.gradTangent, c);
    }
  }

  private static void addScaled(double[] target, double[] g, double c) {
    for (int i = 0; i < g.length; i++) {
      target[i] += c * g[i];
    }
  }
}
