package io.github.hypergrad4j.autodiff;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Checks the derivatives of a {@link TensorFunction} against independent references, and reports
 * the worst disagreement ({@link GradCheckReport}).
 *
 * <p><b>First order</b> ({@link #firstOrder}), for f of any shape, with random directions ẋ and
 * a random cotangent ȳ:
 * <ul>
 *   <li>JVP against central differences: ⟨ȳ, J·ẋ⟩ vs ⟨ȳ, (f(x + hẋ) − f(x − hẋ)) / 2h⟩;
 *   <li>VJP against central differences, coordinate by coordinate for inputs of at most {@value
 *       #MAX_COORDINATES} elements (else along ẋ): (Jᵀȳ)_k vs the difference quotient of ⟨ȳ, f⟩;
 *   <li>the adjoint identity between the two modes: ⟨ȳ, J·ẋ⟩ = ⟨Jᵀ·ȳ, ẋ⟩ (no differences:
 *       agreement to rounding is expected).
 * </ul>
 *
 * <p><b>Second order</b> ({@link #secondOrder}), for a scalar f:
 * <ul>
 *   <li>the Hessian-vector product against central differences of the gradient: for a tangent v
 *       on one input at a time, every input's ∇²f·v vs (∇f(x + hv) − ∇f(x − hv)) / 2h, element by
 *       element — this checks the mixed blocks ∇²_{x_i x_j} too;
 *   <li>symmetry: ⟨u, H·v⟩ = ⟨v, H·u⟩ for random u, v over all inputs together.
 * </ul>
 *
 * <p>Step: h = {@value #RELATIVE_STEP}·max(1, ‖x‖∞) with directions scaled to ‖·‖∞ = 1; the
 * truncation error of central differences is O(h²) and the rounding error O(ε/h), so agreement to
 * about 1e-7 relative is expected for smooth functions away from kinks (relu, abs, clamp). Errors
 * are relative to the larger of the two quantities, but never to less than {@value
 * GradCheckReport#RELATIVE_FLOOR} of the function's scale (first order: 1 + Σ|ȳ_k·f_k|; second
 * order: 1 + ‖∇f‖∞), below which the difference quotients are dominated by rounding noise (see
 * {@link GradCheckReport.Check#floor()}). The seed makes every direction reproducible.
 *
 * <p>Cost, in calls of f, for inputs of lengths n_i: first order 2 + Σ_i (3 + 2·n_i), with 3 in
 * place of 3 + 2·n_i for an input longer than {@value #MAX_COORDINATES} (f at the point, once for
 * its size and scale; one VJP; per input one JVP and two evaluations per difference quotient);
 * second order 3 + 3k for k inputs (one gradient for the scale; per input one sweep and two
 * gradients; two sweeps for the symmetry check).
 */
public final class GradCheck {

  /** Central-difference step relative to the input's magnitude. */
  public static final double RELATIVE_STEP = 1e-5;

  /** Inputs up to this size are checked coordinate by coordinate. */
  public static final int MAX_COORDINATES = 32;

  private GradCheck() {}

  /** First-order checks of f at {@code inputs} (see the class comment). */
  public static GradCheckReport firstOrder(TensorFunction f, double[][] inputs, long seed) {
    return firstOrder(f, inputs, seed, 0.0);
  }

  /**
   * First-order checks with an absolute difference step h &gt; 0 (0 chooses the relative default).
   * A fixed step suits functions whose curvature does not grow with the input's magnitude, such
   * as log-sum-exp of large logits.
   */
  public static GradCheckReport firstOrder(TensorFunction f, double[][] inputs, long seed, double h) {
    Inputs.check("GradCheck", "inputs", inputs);
    checkStep(h);
    Random rnd = new Random(seed);
    List<GradCheckReport.Check> checks = new ArrayList<>();
    double[] y0 = evaluate(f, inputs); // f at the point, once: its size and its scale
    double[] ybar = gaussian(rnd, y0.length);
    double[][] vjp = Derivatives.vjp(f, inputs, ybar);
    double scale = 0;
    for (int k = 0; k < y0.length; k++) {
      scale += Math.abs(ybar[k] * y0[k]);
    }
    double floor = GradCheckReport.RELATIVE_FLOOR * (1 + scale);
    for (int i = 0; i < inputs.length; i++) {
      double hi = h > 0 ? h : step(inputs[i]);
      double[] dir = direction(rnd, inputs[i].length);
      double[][] tangents = new double[inputs.length][];
      tangents[i] = dir;
      double jvp = dot(ybar, Derivatives.jvp(f, inputs, tangents).tangent());
      double fd = dot(ybar, centralDifference(f, inputs, i, dir, hi));
      checks.add(new GradCheckReport.Check("jvp[" + i + "] vs central differences", jvp, fd, floor));
      checks.add(new GradCheckReport.Check("adjoint identity <ybar, J v> = <J^T ybar, v> [" + i + "]",
          jvp, dot(vjp[i], dir), floor));
      if (inputs[i].length <= MAX_COORDINATES) {
        for (int k = 0; k < inputs[i].length; k++) {
          double[] e = new double[inputs[i].length];
          e[k] = 1.0;
          double fdk = dot(ybar, centralDifference(f, inputs, i, e, hi));
          checks.add(new GradCheckReport.Check("vjp[" + i + "][" + k + "] vs central differences", vjp[i][k], fdk, floor));
        }
      } else {
        checks.add(new GradCheckReport.Check("vjp[" + i + "] along a direction vs central differences",
            dot(vjp[i], dir), fd, floor));
      }
    }
    return new GradCheckReport(checks);
  }

  /** Second-order checks of a scalar f at {@code inputs} (see the class comment). */
  public static GradCheckReport secondOrder(TensorFunction f, double[][] inputs, long seed) {
    return secondOrder(f, inputs, seed, 0.0);
  }

  /** Second-order checks with an absolute difference step h &gt; 0 (0 chooses the default). */
  public static GradCheckReport secondOrder(TensorFunction f, double[][] inputs, long seed, double h) {
    Inputs.check("GradCheck", "inputs", inputs);
    checkStep(h);
    Random rnd = new Random(seed);
    List<GradCheckReport.Check> checks = new ArrayList<>();
    double gradScale = 0;
    for (double[] g : Derivatives.gradient(f, inputs)) {
      for (double v : g) {
        gradScale = Math.max(gradScale, Math.abs(v));
      }
    }
    double floor = GradCheckReport.RELATIVE_FLOOR * (1 + gradScale);
    for (int j = 0; j < inputs.length; j++) {
      double hj = h > 0 ? h : step(inputs[j]);
      double[] v = direction(rnd, inputs[j].length);
      double[][] tangents = new double[inputs.length][];
      tangents[j] = v;
      SecondOrderSweep sweep = Derivatives.secondOrder(f, inputs, tangents);
      double[][] plus = Derivatives.gradient(f, shifted(inputs, j, v, hj));
      double[][] minus = Derivatives.gradient(f, shifted(inputs, j, v, -hj));
      for (int i = 0; i < inputs.length; i++) {
        for (int k = 0; k < inputs[i].length; k++) {
          double fd = (plus[i][k] - minus[i][k]) / (2 * hj);
          checks.add(new GradCheckReport.Check(
              "hvp d2f/dx" + i + "dx" + j + " . v [" + k + "] vs central differences of the gradient",
              sweep.hessianTangents()[i][k], fd, floor));
        }
      }
      checks.add(new GradCheckReport.Check("directional derivative [" + j + "] vs gradient . v",
          sweep.directionalDerivative(), dot(sweep.gradients()[j], v), floor));
    }
    double[][] u = new double[inputs.length][];
    double[][] w = new double[inputs.length][];
    for (int i = 0; i < inputs.length; i++) {
      u[i] = direction(rnd, inputs[i].length);
      w[i] = direction(rnd, inputs[i].length);
    }
    double[][] hu = Derivatives.secondOrder(f, inputs, u).hessianTangents();
    double[][] hw = Derivatives.secondOrder(f, inputs, w).hessianTangents();
    double wHu = 0;
    double uHw = 0;
    for (int i = 0; i < inputs.length; i++) {
      wHu += dot(w[i], hu[i]);
      uHw += dot(u[i], hw[i]);
    }
    checks.add(new GradCheckReport.Check("symmetry <w, H u> = <u, H w>", wHu, uHw, floor));
    return new GradCheckReport(checks);
  }

  private static void checkStep(double h) {
    if (!(h >= 0) || Double.isInfinite(h)) {
      throw new IllegalArgumentException("GradCheck: the step must be finite and >= 0, got " + h);
    }
  }

  private static double[] centralDifference(TensorFunction f, double[][] inputs, int i, double[] dir, double h) {
    double[] plus = evaluate(f, shifted(inputs, i, dir, h));
    double[] minus = evaluate(f, shifted(inputs, i, dir, -h));
    double[] d = new double[plus.length];
    for (int k = 0; k < d.length; k++) {
      d[k] = (plus[k] - minus[k]) / (2 * h);
    }
    return d;
  }

  /** f(inputs), of any shape. */
  private static double[] evaluate(TensorFunction f, double[][] inputs) {
    return Derivatives.jvp(f, inputs, new double[inputs.length][]).value();
  }

  private static double[][] shifted(double[][] inputs, int i, double[] dir, double h) {
    double[][] x = inputs.clone();
    x[i] = inputs[i].clone();
    for (int k = 0; k < dir.length; k++) {
      x[i][k] += h * dir[k];
    }
    return x;
  }

  private static double step(double[] x) {
    double max = 0;
    for (double v : x) {
      max = Math.max(max, Math.abs(v));
    }
    return RELATIVE_STEP * Math.max(1.0, max);
  }

  private static double[] gaussian(Random rnd, int n) {
    double[] v = new double[n];
    for (int k = 0; k < n; k++) {
      v[k] = rnd.nextGaussian();
    }
    return v;
  }

  /** A random direction scaled to max-norm 1. */
  private static double[] direction(Random rnd, int n) {
    double[] v = gaussian(rnd, n);
    double max = 0;
    for (double e : v) {
      max = Math.max(max, Math.abs(e));
    }
    if (max > 0) {
      for (int k = 0; k < n; k++) {
        v[k] /= max;
      }
    }
    return v;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += a[k] * b[k];
    }
    return s;
  }
}
