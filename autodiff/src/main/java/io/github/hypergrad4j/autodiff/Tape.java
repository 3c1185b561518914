package io.github.hypergrad4j.autodiff;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The record of one computation: tensor operations in the order they ran (one node per
 * operation, never per scalar). Record order is a topological order, so the backward pass is a
 * plain reverse loop over the nodes.
 *
 * <p><b>Life cycle.</b> Create inputs with {@link #variable} (adjoints flow into them; optionally
 * with a tangent, the direction v of a Hessian-vector product) and {@link #constant} (data);
 * compute with the methods of {@link Tensor}; call {@link #backward} once. The tape is then
 * finished: recording on it or running backward again throws {@link IllegalStateException}.
 *
 * <p><b>Threads.</b> A tape belongs to one computation on one thread and holds no global state:
 * independent tapes run concurrently.
 *
 * <p><b>Finite checks.</b> A tape made by {@link #withFiniteChecks()} scans every result (value
 * and tangent) as it is recorded and every adjoint as it is produced, and throws {@link
 * NonFiniteException} naming the first operation that produced NaN or ±∞.
 */
public final class Tape {

  private Node[] nodes = new Node[32];
  private int size;
  private boolean finished;
  private boolean hasTangents;
  private boolean keep;
  private Tensor[] replayed; // every tensor a replay writes an adjoint-tangent to, found once
  private final boolean checkFinite;

  /** A tape without finite checks. */
  public Tape() {
    this(false);
  }

  private Tape(boolean checkFinite) {
    this.checkFinite = checkFinite;
  }

  /** A tape that stops at the first operation producing NaN or ±∞ (see the class comment). */
  public static Tape withFiniteChecks() {
    return new Tape(true);
  }

  /** Number of recorded operations. */
  public int size() {
    return size;
  }

  /** True once {@link #backward} has run. */
  public boolean isFinished() {
    return finished;
  }

  // ---------------------------------------------------------------- inputs

  /** A differentiable input (no tangent). The array is used, not copied. */
  public Tensor variable(double[] value, Shape shape) {
    return variable(value, null, shape);
  }

  /**
   * A differentiable input with a tangent: the direction along which the forward pass
   * propagates derivatives and the backward pass computes Hessian-vector products. A null
   * tangent means zero. Arrays are used, not copied.
   */
  public Tensor variable(double[] value, double[] tangent, Shape shape) {
    checkOpen("variable");
    checkData("variable", value, shape);
    if (tangent != null) {
      if (tangent.length != value.length) {
        throw new IllegalArgumentException(
            "variable: tangent has length " + tangent.length + " but the value has " + value.length);
      }
      hasTangents = true;
    }
    return new Tensor(this, shape, value, tangent, true);
  }

  /** A vector variable of the array's length. */
  public Tensor variable(double... value) {
    return variable(value, null, Shape.vector(checkNotNull("variable", value).length));
  }

  /** A constant input (data). The array is used, not copied. */
  public Tensor constant(double[] value, Shape shape) {
    checkOpen("constant");
    checkData("constant", value, shape);
    return new Tensor(this, shape, value, null, false);
  }

  /** A constant vector of the array's length. */
  public Tensor constant(double... value) {
    return constant(value, Shape.vector(checkNotNull("constant", value).length));
  }

  /** A constant scalar. */
  public Tensor scalar(double value) {
    return constant(new double[] {value}, Shape.scalar());
  }

  private static double[] checkNotNull(String what, double[] value) {
    if (value == null) {
      throw new IllegalArgumentException(what + ": value is null");
    }
    return value;
  }

  private static void checkData(String what, double[] value, Shape shape) {
    checkNotNull(what, value);
    if (shape == null) {
      throw new IllegalArgumentException(what + ": shape is null");
    }
    if (value.length != shape.size()) {
      throw new IllegalArgumentException(
          what + ": shape " + shape + " needs " + shape.size() + " values, got " + value.length);
    }
  }

  // -------------------------------------------------------------- recording

  /** Whether any variable of this tape carries a tangent. */
  boolean hasTangents() {
    return hasTangents;
  }

  /**
   * A new result of {@code op}: records {@code node} when the result is differentiable. Called
   * by operations after they computed the value (and tangent).
   */
  Tensor result(String op, Shape shape, double[] value, double[] tangent, boolean differentiable) {
    checkOpen(op);
    Tensor out = new Tensor(this, shape, value, tangent, differentiable);
    if (checkFinite) {
      NonFiniteException.check(op, size, "value", value);
      NonFiniteException.check(op, size, "tangent", tangent);
    }
    return out;
  }

  /** Appends a node (its output was made by {@link #result}). */
  void record(Node node) {
    if (size == nodes.length) {
      nodes = Arrays.copyOf(nodes, size * 2);
    }
    nodes[size++] = node;
  }

  /** Throws unless {@code t} belongs to this tape and the tape is open. */
  void checkOwns(String op, Tensor t) {
    if (t == null) {
      throw new IllegalArgumentException(op + ": operand is null");
    }
    if (t.tape != this) {
      throw new IllegalArgumentException(
          op + ": operand " + t + " belongs to another tape; tensors of two tapes cannot be mixed");
    }
  }

  private void checkOpen(String op) {
    if (finished) {
      throw new IllegalStateException(
          op + ": this tape is finished (backward has run); record a new computation on a new tape");
    }
  }

  // --------------------------------------------------------------- backward

  /**
   * Runs the backward pass from a scalar {@code output}: afterwards {@link Tensor#grad()} of
   * every differentiable tensor holds ∂output/∂tensor and, when a tangent was seeded, {@link
   * Tensor#gradTangent()} holds the directional derivative of that adjoint (∇²output·v).
   *
   * @throws IllegalArgumentException if {@code output} is not a scalar or not of this tape
   * @throws IllegalStateException if backward already ran on this tape
   */
  public void backward(Tensor output) {
    checkOwns("backward", output);
    if (output.size() != 1) {
      throw new IllegalArgumentException(
          "backward: the output must be a scalar (one element), got shape " + output.shape
              + "; for a non-scalar output use backward(output, cotangent)");
    }
    backward(output, new double[] {1.0});
  }

  /**
   * Runs the backward pass seeded with the cotangent ȳ on {@code output} (a vector-Jacobian
   * product): afterwards every differentiable input x holds x̄ = (∂output/∂x)ᵀ·ȳ.
   */
  public void backward(Tensor output, double[] cotangent) {
    checkOwns("backward", output);
    checkOpen("backward");
    if (cotangent == null || cotangent.length != output.size()) {
      throw new IllegalArgumentException(
          "backward: the cotangent must have " + output.size() + " elements (output shape "
              + output.shape + "), got " + (cotangent == null ? "null" : cotangent.length));
    }
    finished = true;
    if (!output.differentiable) {
      return;
    }
    double[] seed = output.gradAccumulator();
    for (int i = 0; i < seed.length; i++) {
      seed[i] += cotangent[i];
    }
    for (int i = size - 1; i >= 0; i--) {
      Node node = nodes[i];
      if (node.output().grad != null) {
        node.backward();
        if (checkFinite) {
          NonFiniteException.checkBackward(node, i);
        }
      }
      if (!keep) {
        nodes[i] = null; // the node's work is done; let its intermediates be collected
      }
    }
  }

  // ----------------------------------------------------------------- replay

  /**
   * Asks the coming {@link #backward} to keep what a replay needs: the nodes, and in them every
   * cache of their rules (f′, f″, softmax, …); the values, tangents and adjoints stay on the
   * tensors. Called before backward by {@link RecordedHessian}.
   */
  void keepForReplay() {
    checkOpen("keepForReplay");
    keep = true;
  }

  /** Whether {@link #keepForReplay} was asked: operations then keep their caches in backward. */
  boolean keepsForReplay() {
    return keep;
  }

  /** Whether every recorded node can be replayed ({@link Node#replayable}). */
  boolean replayable() {
    for (int i = 0; i < size; i++) {
      if (!nodes[i].replayable()) {
        return false;
      }
    }
    return true;
  }

  /**
   * One more forward-over-reverse sweep for the tangents now held in the variables' tangent
   * arrays (changed in place by the caller), values and adjoints fixed: every node's {@link
   * Node#tangentForward} in record order, then, after the adjoint-tangents are cleared, {@link
   * Node#tangentBackward} in reverse order for every node whose output has an adjoint. Afterwards
   * {@link Tensor#gradTangent()} holds the new products, as after {@link #backward}.
   *
   * @throws IllegalStateException unless backward ran after {@link #keepForReplay}
   */
  void replay() {
    if (!finished || !keep) {
      throw new IllegalStateException("replay: the tape must be kept for replay and finished by backward");
    }
    for (int i = 0; i < size; i++) {
      nodes[i].tangentForward();
    }
    for (Tensor t : replayedTensors()) {
      t.clearGradTangent();
    }
    for (int i = size - 1; i >= 0; i--) {
      Node node = nodes[i];
      if (node.output().grad != null) {
        node.tangentBackward();
        if (checkFinite) {
          NonFiniteException.checkBackward(node, i);
        }
      }
    }
  }

  /** The outputs and operands of all nodes, each once. */
  private Tensor[] replayedTensors() {
    if (replayed == null) {
      Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      for (int i = 0; i < size; i++) {
        seen.add(nodes[i].output());
        seen.addAll(Arrays.asList(nodes[i].inputs()));
      }
      replayed = seen.toArray(new Tensor[0]);
    }
    return replayed;
  }
}
