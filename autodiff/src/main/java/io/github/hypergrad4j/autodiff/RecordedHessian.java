package io.github.hypergrad4j.autodiff;

import io.github.hypergrad4j.linalg.LinearOperator;
import java.util.Arrays;

/**
 * The Hessian ∇²_θθ f of a scalar f at a fixed point, as a {@link LinearOperator} that records f
 * once and then replays only the tangent halves of the recorded rules per product ("taping":
 * Griewank and Walther, "Evaluating Derivatives", 2nd ed., SIAM 2008, ch. 5 on reusing a tape;
 * the product itself is Pearlmutter's, "Fast exact multiplication by the Hessian", Neural
 * Computation 6(1), 1994).
 *
 * <p><b>Formula.</b> The first {@link #apply}, with direction v, is the forward-over-reverse sweep
 * of {@link HessianVectorProduct} (θ carrying the tangent v, the other inputs constants), on a
 * tape that keeps its nodes, every value, every adjoint ȳ and every rule's cache (f′, f″,
 * softmax, …). Each later product with a direction u writes u into θ's tangent and replays: in
 * record order each operation recomputes its tangent ẏ = J(x)·ẋ (values fixed), then in reverse
 * order adds x̄̇ += J(x)ᵀ·ȳ̇ + (d/dt J(x))ᵀ·ȳ into its operands' adjoint-tangents with the kept ȳ.
 * θ's adjoint-tangent is then ∇²_θθ f·u, exact up to rounding, and equal to a fresh sweep's to
 * rounding (not bit for bit: a fresh sweep computes value and tangent together in shared kernels,
 * a replay the tangent alone).
 *
 * <p><b>Cost.</b> The first product ≈ one sweep (≈ 2 gradients). Each later one skips the primal
 * (f, f′, f″ and the softmaxes are not evaluated again) and the adjoints: for f built on a data
 * matrix X, such as a (generalised) linear model, X·u and Xᵀ·ȳ̇ are one one-column pass over X
 * each, where a sweep makes two-column passes — roughly half a sweep's memory traffic.
 *
 * <p><b>Memory.</b> The whole tape stays alive as long as the operator: every intermediate value,
 * tangent and adjoint of f and the rules' caches — about twice the peak memory of a gradient.
 *
 * <p><b>Fallback.</b> When f records an operation that cannot be replayed ({@link
 * Node#replayable}), every product after the first is a fresh sweep ({@link Derivatives#hvp}):
 * never a wrong answer, only the saving lost. {@link #replays()} says which case holds.
 *
 * <p>Symmetric (up to rounding). {@link #applications()} counts products. The point is copied at
 * construction. <b>Not for concurrent use</b>: the products share one tape; use one instance per
 * thread (or {@link HessianVectorProduct}, which is thread-safe).
 *
 * <p>Bad input throws {@link IllegalArgumentException} with a message starting with {@code
 * "RecordedHessian: "} or {@code "RecordedHessian.apply: "}.
 */
public final class RecordedHessian implements LinearOperator {

  private static final String NAME = "RecordedHessian";

  private final TensorFunction f;
  private final OperatorPoint point;
  private boolean recorded;
  private Tape tape; // kept from the first product when it can be replayed
  private Tensor theta;
  private double[] direction; // θ's tangent on the tape, rewritten per product
  private boolean replays;
  private long applications;

  /**
   * @param f a scalar function of its inputs
   * @param point the inputs at which the Hessian is taken (copied)
   * @param wrt the index of θ among the inputs
   */
  public RecordedHessian(TensorFunction f, double[][] point, int wrt) {
    if (f == null) {
      throw new IllegalArgumentException(NAME + ": the function is null");
    }
    this.f = f;
    this.point = new OperatorPoint(NAME, point, wrt);
  }

  @Override
  public int dim() {
    return point.dim();
  }

  @Override
  public void apply(double[] x, double[] out) {
    point.checkApply(x, out);
    if (!recorded) {
      record(x, out);
    } else if (replays) {
      System.arraycopy(x, 0, direction, 0, direction.length);
      tape.replay();
      copy(theta, out);
    } else {
      double[] hv = Derivatives.hvp(f, point.inputs(), point.wrt(), x);
      System.arraycopy(hv, 0, out, 0, hv.length);
    }
    applications++;
  }

  /** The first product: the sweep with the tangent x on θ, on a tape kept for replay. */
  private void record(double[] x, double[] out) {
    double[][] inputs = point.inputs();
    int wrt = point.wrt();
    Tape t = new Tape();
    direction = x.clone();
    double[][] tangents = new double[inputs.length][];
    tangents[wrt] = direction;
    Tensor[] in = Derivatives.inputs(t, inputs, tangents, Derivatives.only(inputs, wrt));
    Tensor y = f.apply(in);
    if (y == null || y.tape != t || y.size() != 1) {
      throw new IllegalArgumentException(NAME + ": the function must return a scalar of its inputs' tape, got "
          + (y == null ? "null" : y.tape != t ? "a tensor of another tape" : "shape " + y.shape));
    }
    t.keepForReplay();
    t.backward(y);
    copy(in[wrt], out);
    recorded = true;
    replays = t.replayable();
    if (replays) {
      tape = t;
      theta = in[wrt];
    }
  }

  /** out = θ's adjoint-tangent (zeros when none flowed: f is at most linear in θ). */
  private static void copy(Tensor theta, double[] out) {
    if (theta.gradTangent == null) {
      Arrays.fill(out, 0.0);
    } else {
      System.arraycopy(theta.gradTangent, 0, out, 0, out.length);
    }
  }

  /**
   * Whether products after the first replay the recorded tape (true once recorded with only
   * replayable operations); false before the first product and when f uses an operation without
   * replay support, whose products are then fresh sweeps.
   */
  public boolean replays() {
    return replays;
  }

  @Override
  public boolean isSymmetric() {
    return true;
  }

  /** Products computed so far (the recording, replays and fallback sweeps alike). */
  public long applications() {
    return applications;
  }
}
