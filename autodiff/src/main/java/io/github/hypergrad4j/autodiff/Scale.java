package io.github.hypergrad4j.autodiff;

import io.github.hypergrad4j.linalg.Kernels;

/**
 * y = c·x for a constant c (negation is c = −1).
 *
 * <ul>
 *   <li>JVP: ẏ = c·ẋ.
 *   <li>VJP: x̄ += c·ȳ; second order: x̄̇ += c·ȳ̇ (linear map, constant Jacobian).
 * </ul>
 */
final class Scale extends Operation {

  private final Tensor x;
  private final double c;

  private Scale(String name, Tensor x, double c) {
    super(name, x);
    this.x = x;
    this.c = c;
  }

  static Tensor apply(String name, Tensor x, double c) {
    if (!Double.isFinite(c)) {
      throw new IllegalArgumentException(name + ": the factor must be finite, got " + c);
    }
    double[] value = scaled(x.value, c, null);
    Scale node = new Scale(name, x, c);
    return node.emit(x.shape, value, node.tangent(null));
  }

  /** c·v, into {@code into} (or a new array). */
  private static double[] scaled(double[] v, double c, double[] into) {
    double[] r = buffer(into, v.length);
    System.arraycopy(v, 0, r, 0, v.length);
    Kernels.scal(c, r);
    return r;
  }

  @Override
  double[] tangent(double[] into) {
    return x.tangent == null ? null : scaled(x.tangent, c, into);
  }

  @Override
  void backward(boolean gradient) {
    linearBackward(gradient, x, x.shape, true, g -> scaled(g, c, null));
  }
}
