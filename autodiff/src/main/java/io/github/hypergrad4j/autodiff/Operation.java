package io.github.hypergrad4j.autodiff;

import io.github.hypergrad4j.linalg.Kernels;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * The plumbing every operation shares, so that each operation class holds only its primal and its
 * rules (see {@link Node}): the name, the operands and the result; recording the result on the
 * tape ({@link #emit}); the backward step of a map that is linear in an operand ({@link
 * #linearBackward}, {@link #linearBackwardInPlace}); and the sum of two tangent terms ({@link
 * #plus}).
 *
 * <p>An operation's {@code apply} checks its operands, computes the value, makes the node and
 * ends with {@code node.emit(shape, value, node.tangent(null))}. An operation class implements two
 * rules: {@link #tangent} (the JVP, into a given array or a new one) and {@link
 * #backward(boolean)} (the VJP and its tangent, or the tangent alone). The first sweep and a
 * replay of a kept tape ({@link Tape#replay}) run the same two methods, so every rule has one copy;
 * an operation that fuses its value and tangent into shared kernel calls (a matrix product) keeps
 * that fusion in {@code apply} and uses {@link #tangent} for the replay.
 */
abstract class Operation implements Node {

  private final String name;
  private final Tensor[] inputs;

  /** The result, set once by {@link #emit}. */
  Tensor out;

  /**
   * @param name the operation's name, for the tape's error messages
   * @param inputs the operands, in order, all of one tape (at least one)
   */
  Operation(String name, Tensor... inputs) {
    this.name = name;
    this.inputs = inputs;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Tensor[] inputs() {
    return inputs.clone();
  }

  @Override
  public final Tensor output() {
    return out;
  }

  /**
   * Makes the result on the operands' tape and records this operation when any operand is
   * differentiable (otherwise no adjoint can flow back through it, and it is not recorded).
   *
   * @return the result
   */
  final Tensor emit(Shape shape, double[] value, double[] tangent) {
    boolean differentiable = false;
    for (Tensor x : inputs) {
      differentiable |= x.differentiable;
    }
    Tape tape = inputs[0].tape;
    out = tape.result(name, shape, value, tangent, differentiable);
    if (differentiable) {
      tape.record(this);
    }
    return out;
  }

  /**
   * Whether {@link #tangentForward} and {@link #tangentBackward} may replay this operation: true
   * for every operation class of the library.
   */
  @Override
  public boolean replayable() {
    return true;
  }

  /**
   * The result's tangent ẏ = J(x)·ẋ from the operands' current tangents (and the values and
   * whatever {@code apply} cached): written into {@code into} when it is not null (a replay, which
   * passes the result's own tangent array), else into a new array (the first sweep). Null when no
   * operand carries a tangent. {@code apply} and {@link #tangentForward} both use it, so the JVP
   * rule has one copy.
   */
  abstract double[] tangent(double[] into);

  /**
   * The backward step: with {@code gradient}, x̄ += J(x)ᵀ·ȳ and, when any tangent is present,
   * x̄̇ += J(x)ᵀ·ȳ̇ + (d/dt J(x))ᵀ·ȳ for each differentiable operand x; without it, only the
   * second line (a replay: the adjoints are kept from the first sweep).
   */
  abstract void backward(boolean gradient);

  @Override
  public final void backward() {
    backward(true);
  }

  @Override
  public final void tangentBackward() {
    backward(false);
  }

  @Override
  public final void tangentForward() {
    if (out.tangent == null) {
      return; // no operand carried a tangent when recorded, so none does now
    }
    if (tangent(out.tangent) != out.tangent) {
      throw new IllegalStateException(name + ": the replayed tangent is not the recorded array");
    }
  }

  /** {@code into} when it is not null (a replay's buffer), else a new array of n elements. */
  static double[] buffer(double[] into, int n) {
    return into != null ? into : new double[n];
  }

  /**
   * The backward step for an operand x in which the operation is linear, y = L(x) + …: x̄ += Lᵀ·ȳ
   * (only with {@code gradient}) and, the Jacobian being constant, x̄̇ += Lᵀ·ȳ̇. {@code adjoint}
   * maps an output-shaped array g to Lᵀ·g as an array of shape {@code from}, which {@link
   * Tensor#addGrad} sums over any broadcast axes; {@code owned} says whether that array is new
   * (given to x) or lent (g itself). Nothing happens when x is not differentiable.
   */
  final void linearBackward(boolean gradient, Tensor x, Shape from, boolean owned, UnaryOperator<double[]> adjoint) {
    if (!x.differentiable) {
      return;
    }
    if (gradient) {
      x.addGrad(adjoint.apply(out.grad), from, owned);
    }
    if (out.gradTangent != null) {
      x.addGradTangent(adjoint.apply(out.gradTangent), from, owned);
    }
  }

  /**
   * The same for a map that adds Lᵀ·g into x's adjoint in place: {@code addAdjoint.accept(g,
   * target)} performs target += Lᵀ·g.
   */
  final void linearBackwardInPlace(boolean gradient, Tensor x, BiConsumer<double[], double[]> addAdjoint) {
    if (!x.differentiable) {
      return;
    }
    if (gradient) {
      addAdjoint.accept(out.grad, x.gradAccumulator());
    }
    if (out.gradTangent != null) {
      addAdjoint.accept(out.gradTangent, x.gradTangentAccumulator());
    }
  }

  /**
   * The shape of a ∘ b for an element-wise binary operation, after checking that b belongs to a's
   * tape (see {@link Shape} for broadcasting).
   *
   * @throws IllegalArgumentException naming {@code op} when b is null, of another tape, or of a
   *     shape that does not broadcast with a's
   */
  static Shape broadcastOperands(String op, Tensor a, Tensor b) {
    a.tape.checkOwns(op, b);
    return Shape.broadcast(op, a.shape, b.shape);
  }

  /**
   * t + u for two terms of a tangent by the product rule, either of which may be null (zero): u
   * when t is null, else t itself, with u added in place when it exists.
   */
  static double[] plus(double[] t, double[] u) {
    if (t == null) {
      return u;
    }
    if (u != null) {
      Kernels.add(t, u, t);
    }
    return t;
  }
}
