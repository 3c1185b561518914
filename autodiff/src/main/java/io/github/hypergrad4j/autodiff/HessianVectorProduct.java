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
 * {@code apply} may be called from several threads (each call records its own tape).
 */
public final class HessianVectorProduct implements LinearOperator {

  private final TensorFunction f;
  private final double[][] point;
  private final int wrt;
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
    if (point == null || wrt < 0 || wrt >= point.length) {
      throw new IllegalArgumentException("HessianVectorProduct: wrt = " + wrt
          + " is not an input index (there are " + (point == null ? 0 : point.length) + " inputs)");
    }
    this.f = f;
    this.point = new double[point.length][];
    for (int i = 0; i < point.length; i++) {
      if (point[i] == null) {
        throw new IllegalArgumentException("HessianVectorProduct: input " + i + " is null");
      }
      this.point[i] = point[i].clone();
    }
    this.wrt = wrt;
  }

  @Override
  public int dim() {
    return point[wrt].length;
  }

  @Override
  public void apply(double[] x, double[] out) {
    int n = dim();
    if (x == null || out == null || x.length != n || out.length != n || x == out) {
      throw new IllegalArgumentException("HessianVectorProduct.apply: the operator is " + n + "x" + n
          + " and needs x and out of length " + n + " (distinct arrays), got "
          + (x == null ? "null" : x.length) + " and " + (out == null ? "null" : out.length));
    }
    double[] hv = Derivatives.hvp(f, point, wrt, x);
    System.arraycopy(hv, 0, out, 0, n);
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
