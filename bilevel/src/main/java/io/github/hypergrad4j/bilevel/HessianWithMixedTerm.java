package io.github.hypergrad4j.bilevel;

import io.github.hypergrad4j.autodiff.Derivatives;
import io.github.hypergrad4j.autodiff.RecordedHessian;
import io.github.hypergrad4j.autodiff.SecondOrderSweep;
import io.github.hypergrad4j.autodiff.TensorFunction;
import io.github.hypergrad4j.ihvp.CandidateAwareOperator;
import java.util.Arrays;

/**
 * The Hessian ∇²_θθ f(θ, λ) of the implicit hypergradient's solve, as an operator that records f
 * once for the solver's products and keeps the mixed term of the solution's product.
 *
 * <p>{@link #apply} — the products the solver iterates with — is a {@link RecordedHessian} with λ
 * held constant, made on the first product: that product is one forward-over-reverse sweep on a
 * tape kept for replay, and each later one replays only the tangent halves of the recorded rules
 * (for a linear model on a data matrix X: one pass over X each way with one column, where a sweep
 * makes two-column passes and recomputes the loss and its derivatives). Its products equal a fresh
 * sweep's ({@link io.github.hypergrad4j.autodiff.HessianVectorProduct}) to rounding, not bit for
 * bit; when f uses an operation without replay support every product is a fresh sweep. {@link
 * #applyToCandidate} — which a solve calls for the x it may return, to compute that x's true
 * residual — makes the full sweep {@link Derivatives#secondOrder} with the tangent x on θ and λ
 * differentiable: its θ-block is ∇²_θθ f·x, the product returned, and its λ-block is the mixed
 * term ∇²_λθ f·x (its gradients give ∇_θ f and ∇_λ f too). The operator remembers that sweep with
 * its own copy of x. {@link #sweep} then hands it back for a p whose contents equal that copy bit
 * for bit, and otherwise makes the sweep afresh, so the mixed term and the true residual of p
 * always come from a fresh, exact product <em>of p</em>. Cost of a candidate product: one sweep
 * plus the λ-adjoints (for penalties on θ, a few passes over θ).
 *
 * <p>Counts: {@link #sweeps()} full sweeps (the recording, candidate products, mixed terms, and
 * products of an f that cannot be replayed), {@link #replays()} replayed products; every one of
 * them is a Hessian-vector product, and the hypergradient reports their sum.
 *
 * <p>Not for concurrent use: an instance serves one solve (the recorded tape is shared by its
 * products).
 */
final class HessianWithMixedTerm implements CandidateAwareOperator {

  private static final String NAME = "HessianWithMixedTerm";

  private final TensorFunction f;
  private final double[][] point;
  private double[] candidate; // the x of the last candidate product, our copy
  private SecondOrderSweep candidateSweep; // its sweep
  private RecordedHessian products; // made on the first product
  private long sweeps;
  private long replays;

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
    if (products == null) {
      products = new RecordedHessian(f, point, 0);
    }
    boolean replay = products.replays(); // false for the recording and for an f it cannot replay
    products.apply(x, out);
    if (replay) {
      replays++;
    } else {
      sweeps++;
    }
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

  /**
   * Full forward-over-reverse sweeps made so far: the recording (the first product), candidate
   * products, mixed terms not served by the remembered sweep, and the products of an f that cannot
   * be replayed.
   */
  long sweeps() {
    return sweeps;
  }

  /** Products replayed on the recorded tape so far (each one a Hessian-vector product, not a sweep). */
  long replays() {
    return replays;
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
