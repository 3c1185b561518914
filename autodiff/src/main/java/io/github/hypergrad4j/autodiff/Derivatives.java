package io.github.hypergrad4j.autodiff;

import java.util.Arrays;

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
 *
 * <p>Bad input (a null function or input, a wrong index, tangents or cotangent of the wrong
 * length, a non-scalar result where a scalar is needed) throws {@link IllegalArgumentException}
 * with a message that starts with {@code "Derivatives: "}.
 */
public final class Derivatives {

  private static final String NAME = "Derivatives";

  private Derivatives() {}

  /** f(x) for a scalar f. */
  public static double value(TensorFunction f, double[]... inputs) {
    Tensor y = call(f, inputs(new Tape(), inputs, null, constants(inputs)));
    return scalar("value", y);
  }

  /** ∇_{x_i} f for every input of a scalar f. */
  public static double[][] gradient(TensorFunction f, double[]... inputs) {
    return reverse("gradient", f, inputs, variables(inputs)).gradients();
  }

  /**
   * f and ∇_{x_i} f for every input of a scalar f, from one forward and one first-order backward
   * pass (no tangents): what {@link #gradient} computes, with the value it costs nothing to keep.
   * Cost ≈ one gradient.
   */
  public static ValueAndGradients valueAndGradients(TensorFunction f, double[]... inputs) {
    return reverse("valueAndGradients", f, inputs, variables(inputs));
  }

  /** A scalar function's value and its gradients with respect to every input, in input order. */
  public record ValueAndGradients(double value, double[][] gradients) {}

  /**
   * f and ∇_{x_wrt} f of a scalar f, the other inputs held fixed as constants (they receive no
   * adjoints, so this is cheaper than {@link #gradient} when they are large). Cost ≈ one gradient.
   */
  public static ValueAndGradient valueAndGradient(TensorFunction f, double[][] inputs, int wrt) {
    ValueAndGradients r = reverse("valueAndGradient", f, inputs, only(inputs, wrt));
    return new ValueAndGradient(r.value(), r.gradients()[wrt]);
  }

  /** A function value and its gradient with respect to one input. */
  public record ValueAndGradient(double value, double[] gradient) {}

  /**
   * The forward-mode product: y = f(x) and ẏ = Σ_i J_i·ẋ_i for tangents ẋ_i (null = zero) on
   * the inputs, for an f of any shape. Cost ≈ 2 evaluations of f; no backward pass.
   */
  public static JvpResult jvp(TensorFunction f, double[][] inputs, double[][] tangents) {
    checkTangents(inputs, tangents);
    Tensor y = call(f, inputs(new Tape(), inputs, tangents, variables(inputs)));
    return new JvpResult(y.shape, y.value.clone(), y.tangent());
  }

  /**
   * The reverse-mode product: x̄_i = J_iᵀ·ȳ for a cotangent ȳ shaped like f's result (of any
   * shape). Cost ≈ one gradient.
   */
  public static double[][] vjp(TensorFunction f, double[][] inputs, double[] cotangent) {
    return vjp(f, inputs, cotangent, variables(inputs));
  }

  /** The same with a choice of which inputs receive adjoints (null for the others). */
  static double[][] vjp(TensorFunction f, double[][] inputs, double[] cotangent, boolean[] differentiable) {
    Tape tape = new Tape();
    Tensor[] in = inputs(tape, inputs, null, differentiable);
    Tensor y = call(f, in);
    if (cotangent == null || cotangent.length != y.size()) {
      throw new IllegalArgumentException(NAME + ": vjp needs a cotangent of " + y.size()
          + " elements (the function's result has shape " + y.shape + "), got "
          + (cotangent == null ? "null" : cotangent.length));
    }
    tape.backward(y, cotangent);
    return grads(in, differentiable);
  }

  /** ∇²_{x_wrt x_wrt} f · v, the other inputs held fixed. Cost ≈ 2 gradients. */
  public static double[] hvp(TensorFunction f, double[][] inputs, int wrt, double[] v) {
    boolean[] differentiable = only(inputs, wrt);
    double[][] tangents = new double[inputs.length][];
    tangents[wrt] = v;
    return sweep("hvp", f, inputs, tangents, differentiable, false).hessianTangents()[wrt];
  }

  /**
   * The one forward-over-reverse sweep (see the class comment and {@link SecondOrderSweep}): f,
   * its directional derivative, every gradient and every Hessian-tangent product. {@code
   * tangents[i]} may be null (no tangent on input i).
   */
  public static SecondOrderSweep secondOrder(TensorFunction f, double[][] inputs, double[][] tangents) {
    return sweep("secondOrder", f, inputs, tangents, variables(inputs), true);
  }

  // ----------------------------------------------------------------- helpers

  /** One forward and one first-order backward pass; null gradients for the constant inputs. */
  private static ValueAndGradients reverse(
      String routine, TensorFunction f, double[][] inputs, boolean[] differentiable) {
    Tape tape = new Tape();
    Tensor[] in = inputs(tape, inputs, null, differentiable);
    Tensor y = call(f, in);
    double value = scalar(routine, y);
    tape.backward(y);
    return new ValueAndGradients(value, grads(in, differentiable));
  }

  /**
   * The sweep with a choice of which inputs receive adjoints (the others are constants); without
   * {@code copyGradients} the result's gradients are null (a Hessian-vector product does not need
   * a copy of them).
   */
  private static SecondOrderSweep sweep(
      String routine, TensorFunction f, double[][] inputs, double[][] tangents, boolean[] differentiable,
      boolean copyGradients) {
    checkTangents(inputs, tangents);
    Tape tape = new Tape();
    Tensor[] in = inputs(tape, inputs, tangents, differentiable);
    Tensor y = call(f, in);
    double value = scalar(routine, y);
    double directional = y.tangent == null ? 0.0 : y.tangent[0];
    tape.backward(y);
    double[][] hessianTangents = new double[in.length][];
    for (int i = 0; i < in.length; i++) {
      if (differentiable[i]) {
        hessianTangents[i] = in[i].gradTangent();
      }
    }
    double[][] gradients = copyGradients ? grads(in, differentiable) : null;
    return new SecondOrderSweep(value, directional, gradients, hessianTangents);
  }

  /**
   * The inputs as vectors on {@code tape}: variables (with {@code tangents[i]}, when tangents is
   * not null) where {@code differentiable[i]}, constants elsewhere.
   */
  static Tensor[] inputs(Tape tape, double[][] inputs, double[][] tangents, boolean[] differentiable) {
    Tensor[] in = new Tensor[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      Shape s = Shape.vector(inputs[i].length);
      double[] t = tangents == null ? null : tangents[i];
      in[i] = differentiable[i] ? tape.variable(inputs[i], t, s) : tape.constant(inputs[i], s);
    }
    return in;
  }

  /** Every input differentiable (after checking the inputs). */
  private static boolean[] variables(double[][] inputs) {
    boolean[] all = constants(inputs);
    Arrays.fill(all, true);
    return all;
  }

  /** No input differentiable (after checking the inputs). */
  private static boolean[] constants(double[][] inputs) {
    Inputs.check(NAME, "inputs", inputs);
    return new boolean[inputs.length];
  }

  /** Only input {@code wrt} differentiable (after checking the inputs and the index). */
  static boolean[] only(double[][] inputs, int wrt) {
    Inputs.checkIndex(NAME, "inputs", inputs, wrt);
    boolean[] one = new boolean[inputs.length];
    one[wrt] = true;
    return one;
  }

  private static Tensor call(TensorFunction f, Tensor[] in) {
    if (f == null) {
      throw new IllegalArgumentException(NAME + ": the function is null");
    }
    Tensor y = f.apply(in);
    if (y == null) {
      throw new IllegalArgumentException(NAME + ": the function returned null");
    }
    if (in.length > 0 && y.tape != in[0].tape) {
      throw new IllegalArgumentException(NAME + ": the function returned a tensor of another tape");
    }
    return y;
  }

  private static double scalar(String routine, Tensor y) {
    if (y.size() != 1) {
      throw new IllegalArgumentException(
          NAME + ": " + routine + " needs a function with a scalar result, got shape " + y.shape);
    }
    return y.value[0];
  }

  /** Copies of the adjoints of the differentiable inputs; null for the others. */
  private static double[][] grads(Tensor[] in, boolean[] differentiable) {
    double[][] g = new double[in.length][];
    for (int i = 0; i < in.length; i++) {
      if (differentiable[i]) {
        g[i] = in[i].grad();
      }
    }
    return g;
  }

  private static void checkTangents(double[][] inputs, double[][] tangents) {
    Inputs.check(NAME, "inputs", inputs);
    if (tangents == null || tangents.length != inputs.length) {
      throw new IllegalArgumentException(NAME + ": tangents must have one entry (or null) per input: "
          + inputs.length + " inputs, " + (tangents == null ? "null" : tangents.length) + " tangents");
    }
    for (int i = 0; i < inputs.length; i++) {
      if (tangents[i] != null && tangents[i].length != inputs[i].length) {
        throw new IllegalArgumentException(NAME + ": tangents[" + i + "] has length " + tangents[i].length
            + " but inputs[" + i + "] has length " + inputs[i].length);
      }
    }
  }
}
