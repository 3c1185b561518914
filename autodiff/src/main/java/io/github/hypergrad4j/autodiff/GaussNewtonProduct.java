package io.github.hypergrad4j.autodiff;

import io.github.hypergrad4j.linalg.LinearOperator;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The generalised Gauss-Newton matrix G = Jᵀ·H_ℓ·J of a loss written as ℓ(m(θ)), as a {@link
 * LinearOperator}: J = ∂m/∂θ is the Jacobian of the model's output z = m(θ) and H_ℓ the loss's
 * Hessian at z, known in closed form ({@link OutputLoss}). G is the Hessian of ℓ∘m without the
 * term Σ_k (∂ℓ/∂z_k)·∇²m_k, so it is positive semidefinite by construction (H_ℓ is), and equal to
 * the Hessian when m is linear in θ (N. Schraudolph, "Fast curvature matrix-vector products for
 * second-order gradient descent", Neural Computation 14(7), 2002).
 *
 * <p>Each {@link #apply}: one forward pass with tangent v gives J·v; H_ℓ·(J·v) is closed form;
 * one first-order reverse pass gives Jᵀ·(H_ℓ·J·v). Cost ≈ 2 forward passes and 1 backward pass
 * (a little less than a Hessian-vector product). θ is input {@code wrt} of the model; the point is
 * copied at construction.
 */
public final class GaussNewtonProduct implements LinearOperator {

  private final TensorFunction model;
  private final OutputLoss loss;
  private final OperatorPoint point;
  private final AtomicLong applications = new AtomicLong();

  /**
   * @param model z = m(inputs), of any shape
   * @param loss ℓ(z), with its closed-form Hessian
   * @param point the inputs (copied)
   * @param wrt the index of θ among the inputs
   */
  public GaussNewtonProduct(TensorFunction model, OutputLoss loss, double[][] point, int wrt) {
    if (model == null || loss == null) {
      throw new IllegalArgumentException("GaussNewtonProduct: model and loss must not be null");
    }
    this.model = model;
    this.loss = loss;
    this.point = new OperatorPoint("GaussNewtonProduct", point, wrt);
  }

  /** ℓ(m(θ)) at the point. */
  public double loss() {
    return Derivatives.value(in -> loss.apply(model.apply(in)), point.inputs());
  }

  @Override
  public int dim() {
    return point.dim();
  }

  @Override
  public void apply(double[] x, double[] out) {
    point.checkApply(x, out);
    double[][] inputs = point.inputs();
    int wrt = point.wrt();
    double[][] tangents = new double[inputs.length][];
    tangents[wrt] = x;
    JvpResult jv = Derivatives.jvp(model, inputs, tangents);
    double[] u = new double[jv.value().length];
    loss.hessianTimes(jv.value(), jv.shape(), jv.tangent(), u);
    double[] jtu = Derivatives.vjp(model, inputs, u, Derivatives.only(inputs, wrt))[wrt];
    System.arraycopy(jtu, 0, out, 0, out.length);
    applications.incrementAndGet();
  }

  @Override
  public boolean isSymmetric() {
    return true;
  }

  /** Products computed so far. */
  public long applications() {
    return applications.get();
  }
}
