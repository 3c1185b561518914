package io.github.hypergrad4j.ihvp;

import io.github.hypergrad4j.linalg.LinearOperator;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link LinearOperator} that counts the products made with the operator it wraps: the currency
 * in which the IHVP solvers are compared (one Hessian-vector product costs about two gradients).
 * A product is counted after the wrapped operator returns normally. Symmetric when the wrapped
 * operator is. Safe to share between threads if the wrapped operator is.
 */
public final class CountingOperator implements LinearOperator {

  private final LinearOperator a;
  private final AtomicLong count = new AtomicLong();

  /**
   * @param a the operator to count products of
   * @throws IllegalArgumentException if {@code a} is null
   */
  public CountingOperator(LinearOperator a) {
    if (a == null) {
      throw new IllegalArgumentException("CountingOperator: operator is null");
    }
    this.a = a;
  }

  @Override
  public int dim() {
    return a.dim();
  }

  @Override
  public void apply(double[] x, double[] out) {
    a.apply(x, out);
    count.incrementAndGet();
  }

  @Override
  public boolean isSymmetric() {
    return a.isSymmetric();
  }

  /** Products made since construction or the last {@link #reset()}. */
  public long count() {
    return count.get();
  }

  /** Sets the count back to zero. */
  public void reset() {
    count.set(0);
  }
}
