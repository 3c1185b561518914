package io.github.hypergrad4j.bilevel;

import io.github.hypergrad4j.autodiff.Derivatives;
import io.github.hypergrad4j.autodiff.SecondOrderSweep;
import io.github.hypergrad4j.autodiff.TensorFunction;
import io.github.hypergrad4j.ihvp.CandidateAwareOperator;
import java.util.Arrays;

/**
 * The Hessian ∇²_θθ f(θ, λ) of the implicit hypergradient's solve, as an operator that keeps the
 * mixed term of the solution's product: one forward-over-reverse sweep fewer per hypergradient.
 *
 * <p>{@link #apply} is {@link Derivatives#hvp} with λ held constant: one sweep, the product the
 * solver iterates with (the same bits as {@link io.github.hypergrad4j.autodiff.HessianVectorProduct}).
 * {@link #applyToCandidate} — which a solve calls for the x it may return, to compute that x's
 * true residual — makes the full sweep {@link Derivatives#secondOrder} with the tangent x on θ
 * and λ differentiable: its θ-block is ∇²_θθ f·x, the product returned, and its λ-block is the
 * mixed term ∇²_λθ f·x (its gradients give ∇_θ f and ∇_λ f too). The operator remembers that
 * sweep with its own copy of x. {@link #sweep} then hands it back for a p whose contents equal
 * that copy bit for bit, and otherwise makes the sweep afresh, so the mixed term and the true
 * residual of p always come from a product <em>of p</em>. Cost of a candidate product: one sweep
 * plus the λ-adjoints (for penalties on θ, a few passes over θ).
 *
 * <p>Not for concurrent use: an instance serves one solve.
 */
final class HessianWithMixedTerm implements CandidateAwareOperator {

  private static final String NAME = "HessianWithMixedTerm";

  private final TensorFunction f;
  private final double[][] point;
  private double[] candidate; // the x of the last candidate product, our copy
  private SecondOrderSweep candidateSweep; // its sweep
  private long sweeps;

  /**
   * @param f the inner objective f(θ, λ)
   * @param theta θ (copied)
   * @param lambda λ (copied)
   */
  HessianWithMixedTerm(TensorFunction f, double[] theta, double[] lambda) {
    this.f = f;
    this.point = new double[][] {theta.clone(), lambda.clone()};
  }

  @Override
  public int dim() {
    return point[0].length;
  }

  @Override
  public void apply(double[] x, double[] out) {
    checkApply(x, out);
    double[] hv = Derivatives.hvp(f, point, 0, x);
    sweeps++;
    System.arraycopy(hv, 0, out, 0, hv.length);
  }

  @Override
  public void applyToCandidate(double[] x, double[] out) {
    checkApply(x, out);
    double[] copy = x.clone();
    SecondOrderSweep s = fullSweep(copy);
    candidate = copy;
    candidateSweep = s;
    double[] hv = s.hessianTangents()[0];
    System.arraycopy(hv, 0, out, 0, hv.length);
  }

  @Override
  public boolean isSymmetric() {
    return true;
  }

  /**
   * The sweep with the tangent p on θ: the one remembered from the last candidate product when
   * p holds the same bits as its x, else a new one (one more sweep).
   */
  SecondOrderSweep sweep(double[] p) {
    if (candidate != null && Arrays.equals(candidate, p)) {
      return candidateSweep;
    }
    return fullSweep(p);
  }

  /** Forward-over-reverse sweeps made so far (products and mixed terms alike). */
  long sweeps() {
    return sweeps;
  }

  private SecondOrderSweep fullSweep(double[] x) {
    SecondOrderSweep s = Derivatives.secondOrder(f, point, new double[][] {x, null});
    sweeps++;
    return s;
  }

  private void checkApply(double[] x, double[] out) {
    int n = dim();
    if (x == null || out == null || x.length != n || out.length != n || x == out) {
      throw new IllegalArgumentException(NAME + ".apply: the operator is " + n + "x" + n
          + " and needs x and out of length " + n + " (distinct arrays), got "
          + (x == null ? "null" : x.length) + " and " + (out == null ? "null" : out.length));
    }
  }
}
