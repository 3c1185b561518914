package io.github.hypergrad4j.autodiff;

import io.github.hypergrad4j.linalg.Kernels;

/**
 * y = ‖x‖² = Σ x_i², a scalar: the L2 penalty. One node instead of square-then-sum, so a large
 * weight matrix is read once forward and written once backward, with no temporary.
 *
 * <ul>
 *   <li>JVP: ẏ = 2·xᵀẋ.
 *   <li>VJP: x̄ += 2ȳ·x.
 *   <li>Second order: x̄̇ += 2ȳ̇·x + 2ȳ·ẋ (the Hessian is 2I).
 * </ul>
 */
final class SquaredNorm extends Operation {

  private final Tensor x;

  private SquaredNorm(Tensor x) {
    super("squaredNorm", x);
    this.x = x;
  }

  static Tensor apply(Tensor x) {
    double[] value = {Kernels.dot(x.value, x.value)};
    SquaredNorm node = new SquaredNorm(x);
    return node.emit(Shape.scalar(), value, node.tangent(null));
  }

  @Override
  double[] tangent(double[] into) {
    if (x.tangent == null) {
      return null;
    }
    double[] t = buffer(into, 1);
    t[0] = 2.0 * Kernels.dot(x.value, x.tangent);
    return t;
  }

  @Override
  void backward(boolean gradient) {
    double g = out.grad[0];
    if (gradient) {
      double[] c = x.value.clone();
      Kernels.scal(2.0 * g, c);
      x.addGrad(c, x.shape, true);
    }
    double gt = out.gradTangent == null ? 0.0 : out.gradTangent[0];
    if (gt != 0.0 || x.tangent != null) {
      double[] t = x.value.clone();
      Kernels.scal(2.0 * gt, t);
      if (x.tangent != null) {
        Kernels.axpy(2.0 * g, x.tangent, t);
      }
      x.addGradTangent(t, x.shape, true);
    }
  }
}
