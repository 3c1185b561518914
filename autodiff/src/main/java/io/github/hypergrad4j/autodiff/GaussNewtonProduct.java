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
  private final double[][] point;
  private final int wrt;
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
    if (point == null || wrt < 0 || wrt >= point.length) {
      throw new IllegalArgumentException("GaussNewtonProduct: wrt = " + wrt
          + " is not an input index (there are " + (point == null ? 0 : point.length) + " inputs)");
    }
    this.model = model;
    this.loss = loss;
    this.point = new double[point.length][];
    for (int i = 0; i < point.length; i++) {
      if (point[i] == null) {
        throw new IllegalArgumentException("GaussNewtonProduct: input " + i + " is null");
      }
      this.point[i] = point[i].clone();
    }
    this.wrt = wrt;
  }

  /** ℓ(m(θ)) at the point. */
  public double loss() {
    return Derivatives.value(in -> loss.apply(model.apply(in)), point);
  }

  @Override
  public int dim() {
    return point[wrt].length;
  }

  @Override
  public void apply(double[] x, double[] out) {
    int n = dim();
    if (x == null || out == null || x.length != n || out.length != n || x == out) {
      throw new IllegalArgumentException("GaussNewtonProduct.apply: the operator is " + n + "x" + n
          + " and needs x and out of length " + n + " (distinct arrays), got "
          + (x == null ? "null" : x.length) + " and " + (out == null ? "null" : out.length));
    }
    double[][] tangents = new double[point.length][];
    tangents[wrt] = x;
    JvpResult jv = Derivatives.jvp(model, point, tangents);
    double[] u = new double[jv.value().length];
    loss.hessianTimes(jv.value(), jv.shape(), jv.tangent(), u);
    Tape tape = new Tape();
    Tensor[] in = new Tensor[point.length];
    for (int i = 0; i < point.length; i++) {
      Shape s = Shape.vector(point[i].length);
      in[i] = i == wrt ? tape.variable(point[i], s) : tape.constant(point[i], s);
    }
    Tensor z = Derivatives.call(model, in);
    tape.backward(z, u);
    System.arraycopy(in[wrt].grad(), 0, out, 0, n);
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
