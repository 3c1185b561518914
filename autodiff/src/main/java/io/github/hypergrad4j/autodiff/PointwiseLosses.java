package io.github.hypergrad4j.autodiff;

import io.github.hypergrad4j.linalg.Kernels;
import java.util.Arrays;

/**
 * The element-wise losses of an output x against constant targets t, as {@link PointwiseRule}s
 * (f, f′ and f″ per element; the mean is taken by the caller):
 *
 * <pre>
 *   f                   f′          f″
 *   softplus x − t·x    σ(x) − t    σ(x)(1 − σ(x))    (binary cross-entropy with logits x)
 *   (x − t)²            2(x − t)    2                 (squared error)
 * </pre>
 *
 * softplus x − t·x = −t log σ(x) − (1 − t) log(1 − σ(x)), computed through the stable softplus of
 * {@link Kernels}, is finite for any logit.
 */
final class PointwiseLosses {

  private PointwiseLosses() {}

  /**
   * Per-element binary cross-entropy with logits x against targets t: y = softplus(x) − t·x;
   * f′ = σ(x) − t; f″ = σ(x)(1 − σ(x)).
   */
  static PointwiseRule binaryCrossEntropyWithLogits(double[] t) {
    return new PointwiseRule() {
      @Override
      public String name() {
        return "binaryCrossEntropyWithLogits";
      }

      @Override
      public void value(double[] x, double[] y) {
        Kernels.softplus(x, y);
        for (int i = 0; i < x.length; i++) {
          y[i] -= t[i] * x[i];
        }
      }

      @Override
      public void firstDerivative(double[] x, double[] y, double[] d) {
        Kernels.sigmoid(x, d);
        for (int i = 0; i < x.length; i++) {
          d[i] -= t[i];
        }
      }

      @Override
      public void secondDerivative(double[] x, double[] y, double[] d) {
        PointwiseRules.sigmoidSlope(x, d);
      }
    };
  }

  /** Per-element squared error against targets t: y = (x − t)²; f′ = 2(x − t); f″ = 2. */
  static PointwiseRule squaredError(double[] t) {
    return new PointwiseRule() {
      @Override
      public String name() {
        return "squaredError";
      }

      @Override
      public void value(double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
          double r = x[i] - t[i];
          y[i] = r * r;
        }
      }

      @Override
      public void firstDerivative(double[] x, double[] y, double[] d) {
        for (int i = 0; i < x.length; i++) {
          d[i] = 2.0 * (x[i] - t[i]);
        }
      }

      @Override
      public void secondDerivative(double[] x, double[] y, double[] d) {
        Arrays.fill(d, 2.0);
      }
    };
  }
}
