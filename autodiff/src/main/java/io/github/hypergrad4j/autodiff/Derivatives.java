package io.github.hypergrad4j.autodiff;

/**
 * Derivatives of {@link TensorFunction}s at a point: gradients, Jacobian-vector products (forward
 * mode), vector-Jacobian products (reverse mode), Hessian-vector products and the one sweep that
 * gives all of them together. Inputs are flat vectors; each call records the function on a fresh
 * {@link Tape}.
 *
 * <p><b>How the Hessian-vector product is exact and cheap (forward-over-reverse).</b> Seed an
 * input θ with a tangent v and carry, next to every value x, its directional derivative ẋ =
 * dx/dt along θ + t·v (the forward pass is a JVP). The backward pass then runs on pairs too:
 * next to every adjoint x̄ = ∂f/∂x it carries ẋ̄ = d/dt x̄, each operation applying the product
 * rule to its own VJP ({@link Node}). At the inputs, x̄ = ∇f and ẋ̄ = d/dt ∇f(θ + t·v) = ∇²f·v —
 * for every input at once: for inputs (θ, λ) that is ∇²_θθ f·v and the mixed ∇²_λθ f·v. The
 * result is exact up to rounding (no finite differences), and costs a small constant times a
 * gradient (Pearlmutter 1994; Griewank and Walther, "Evaluating Derivatives", 2nd ed., SIAM 2008,
 * ch. 5).
 *
 * <p>Cost, in evaluations of f: value 1; gradient ≈ 3 (one forward, one backward); JVP ≈ 2;
 * HVP and {@link #secondOrder} ≈ 2 gradients.
 */
public final class Derivatives {

  private Derivatives() {}

  /** f(x) for a scalar f. */
  public static double value(TensorFunction f, double[]... inputs) {
    Tape tape = new Tape();
    Tensor y = evaluate(f, tape, inputs, null, false);
    return scalar("value", y);
  }

  /** ∇_{x_i} f for every input of a scalar f. */
  public static double[][] gradient(TensorFunction f, double[]... inputs) {
    Tape tape = new Tape();
    Tensor[] in = inputs(tape, inputs, null, true);
    Tensor y = call(f, in);
    scalar("gradient", y);
    tape.backward(y);
    return grads(in);
  }

  /**
   * f and ∇_{x_wrt} f of a scalar f, the other inputs held fixed as constants (they receive no
   * adjoints, so this is cheaper than {@link #gradient} when they are large). Cost ≈ one gradient.
   */
  public static ValueAndGradient valueAndGradient(TensorFunction f, double[][] inputs, int wrt) {
    checkIndex(inputs, wrt);
    Tape tape = new Tape();
    Tensor[] in = new Tensor[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      if (inputs[i] == null) {
        throw new IllegalArgumentException("input " + i + " is null");
      }
      Shape s = Shape.vector(inputs[i].length);
      in[i] = i == wrt ? tape.variable(inputs[i], s) : tape.constant(inputs[i], s);
    }
    Tensor y = call(f, in);
    double value = scalar("valueAndGradient", y);
    tape.backward(y);
    return new ValueAndGradient(value, in[wrt].grad());
  }

  /** A function value and its gradient with respect to one input. */
  public record ValueAndGradient(double value, double[] gradient) {}

  /**
   * The forward-mode product: y = f(x) and ẏ = Σ_i J_i·ẋ_i for tangents ẋ_i (null = zero) on
   * the inputs, for an f of any shape. Cost ≈ 2 evaluations of f; no backward pass.
   */
  public static JvpResult jvp(TensorFunction f, double[][] inputs, double[][] tangents) {
    checkTangents(inputs, tangents);
    Tape tape = new Tape();
    Tensor y = evaluate(f, tape, inputs, tangents, true);
    return new JvpResult(y.shape, y.value.clone(), y.tangent());
  }

  /**
   * The reverse-mode product: x̄_i = J_iᵀ·ȳ for a cotangent ȳ shaped like f's result (of any
   * shape). Cost ≈ one gradient.
   */
  public static double[][] vjp(TensorFunction f, double[][] inputs, double[] cotangent) {
    Tape tape = new Tape();
    Tensor[] in = inputs(tape, inputs, null, true);
    Tensor y = call(f, in);
    tape.backward(y, cotangent);
    return grads(in);
  }

  /** ∇²_{x_wrt x_wrt} f · v, the other inputs held fixed. Cost ≈ 2 gradients. */
  public static double[] hvp(TensorFunction f, double[][] inputs, int wrt, double[] v) {
    checkIndex(inputs, wrt);
    double[][] tangents = new double[inputs.length][];
    tangents[wrt] = v;
    boolean[] differentiable = new boolean[inputs.length];
    differentiable[wrt] = true;
    return sweep(f, inputs, tangents, differentiable).hessianTangents()[wrt];
  }

  /**
   * The one forward-over-reverse sweep (see the class comment and {@link SecondOrderSweep}): f,
   * its directional derivative, every gradient and every Hessian-tangent product. {@code
   * tangents[i]} may be null (no tangent on input i).
   */
  public static SecondOrderSweep secondOrder(TensorFunction f, double[][] inputs, double[][] tangents) {
    checkTangents(inputs, tangents);
    boolean[] all = new boolean[inputs.length];
    java.util.Arrays.fill(all, true);
    return sweep(f, inputs, tangents, all);
  }

  /** The sweep with a choice of which inputs receive adjoints (the others are constants). */
  static SecondOrderSweep sweep(
      TensorFunction f, double[][] inputs, double[][] tangents, boolean[] differentiable) {
    checkTangents(inputs, tangents);
    Tape tape = new Tape();
    Tensor[] in = new Tensor[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      Shape s = Shape.vector(inputs[i].length);
      in[i] = differentiable[i] ? tape.variable(inputs[i], tangents[i], s) : tape.constant(inputs[i], s);
    }
    Tensor y = call(f, in);
    double value = scalar("secondOrder", y);
    double directional = y.tangent == null ? 0.0 : y.tangent[0];
    tape.backward(y);
    double[][] grads = new double[in.length][];
    double[][] hessianTangents = new double[in.length][];
    for (int i = 0; i < in.length; i++) {
      if (differentiable[i]) {
        grads[i] = in[i].grad();
        hessianTangents[i] = in[i].gradTangent();
      }
    }
    return new SecondOrderSweep(value, directional, grads, hessianTangents);
  }

  // ----------------------------------------------------------------- helpers

  private static Tensor evaluate(
      TensorFunction f, Tape tape, double[][] inputs, double[][] tangents, boolean differentiable) {
    return call(f, inputs(tape, inputs, tangents, differentiable));
  }

  static Tensor[] inputs(Tape tape, double[][] inputs, double[][] tangents, boolean differentiable) {
    if (inputs == null) {
      throw new IllegalArgumentException("inputs is null");
    }
    Tensor[] in = new Tensor[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      if (inputs[i] == null) {
        throw new IllegalArgumentException("input " + i + " is null");
      }
      Shape s = Shape.vector(inputs[i].length);
      double[] t = tangents == null ? null : tangents[i];
      in[i] = differentiable ? tape.variable(inputs[i], t, s) : tape.constant(inputs[i], s);
    }
    return in;
  }

  static Tensor call(TensorFunction f, Tensor[] in) {
    if (f == null) {
      throw new IllegalArgumentException("the function is null");
    }
    Tensor y = f.apply(in);
    if (y == null) {
      throw new IllegalArgumentException("the function returned null");
    }
    if (in.length > 0 && y.tape != in[0].tape) {
      throw new IllegalArgumentException("the function returned a tensor of another tape");
    }
    return y;
  }

  private static double scalar(String what, Tensor y) {
    if (y.size() != 1) {
      throw new IllegalArgumentException(
          what + ": the function must return a scalar, got shape " + y.shape);
    }
    return y.value[0];
  }

  private static double[][] grads(Tensor[] in) {
    double[][] g = new double[in.length][];
    for (int i = 0; i < in.length; i++) {
      g[i] = in[i].grad();
    }
    return g;
  }

  private static void checkIndex(double[][] inputs, int wrt) {
    if (inputs == null || wrt < 0 || wrt >= inputs.length) {
      throw new IllegalArgumentException("wrt = " + wrt + " is not an input index (there are "
          + (inputs == null ? 0 : inputs.length) + " inputs)");
    }
  }

  private static void checkTangents(double[][] inputs, double[][] tangents) {
    if (inputs == null) {
      throw new IllegalArgumentException("inputs is null");
    }
    if (tangents == null || tangents.length != inputs.length) {
      throw new IllegalArgumentException("tangents must have one entry (or null) per input: "
          + inputs.length + " inputs, " + (tangents == null ? "null" : tangents.length) + " tangents");
    }
    for (int i = 0; i < inputs.length; i++) {
      if (inputs[i] == null) {
        throw new IllegalArgumentException("input " + i + " is null");
      }
      if (tangents[i] != null && tangents[i].length != inputs[i].length) {
        throw new IllegalArgumentException("tangent " + i + " has length " + tangents[i].length
            + " but input " + i + " has length " + inputs[i].length);
      }
    }
  }
}
