package io.github.hypergrad4j.autodiff;

import io.github.hypergrad4j.linalg.LinearOperator;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Hessian ∇²_θθ f of a scalar f at a fixed point, as a {@link LinearOperator}: each {@link
 * #apply} is one exact forward-over-reverse sweep (see {@link Derivatives}), about the cost of two
 * gradients, and nothing of size n² is ever formed. Symmetric by construction (up to rounding,
 * which is at the level of the gradient's own rounding error).
 *
 * <p>θ is input {@code wrt} of f; the other inputs (hyperparameters, say) are held fixed as
 * constants and receive no adjoints. The point is copied at construction. {@link
 * #applications()} counts products, the currency in which inverse-HVP solvers are compared.
 * {@code apply} may be called from several threads (each call records its own tape). For many
 * products at one point from one thread (an iterative solve), {@link RecordedHessian} records f
 * once and replays only the tangent halves per product, which is cheaper.
 */
public final class HessianVectorProduct implements LinearOperator {

  private final TensorFunction f;
  private final OperatorPoint point;
  private final AtomicLong applications = new AtomicLong();

  /**
   * @param f a scalar function of its inputs
   * @param point the inputs at which the Hessian is taken (copied)
   * @param wrt the index of θ among the inputs
   */
  public HessianVectorProduct(TensorFunction f, double[][] point, int wrt) {
    if (f == null) {
      throw new IllegalArgumentException("HessianVectorProduct: the function is null");
    }
    this.f = f;
    this.point = new OperatorPoint("HessianVectorProduct", point, wrt);
  }

  @Override
  public int dim() {
    return point.dim();
  }

  @Override
  public void apply(double[] x, double[] out) {
    point.checkApply(x, out);
    double[] hv = Derivatives.hvp(f, point.inputs(), point.wrt(), x);
    System.arraycopy(hv, 0, out, 0, hv.length);
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
