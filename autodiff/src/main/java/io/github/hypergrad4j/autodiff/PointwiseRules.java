package io.github.hypergrad4j.autodiff;

import io.github.hypergrad4j.linalg.Kernels;

/**
 * The table of element-wise functions with their first and second derivatives. Each is its own
 * class so that its three loops are compiled for it alone; the transcendental ones run on the
 * vectorised maps of {@link Kernels} (exp, log, log1p, tanh, σ, softplus). Numerically delicate
 * ones use the stable forms: σ(x) from e^{−|x|}, softplus(x) = max(x, 0) + log1p(e^{−|x|}).
 *
 * <pre>
 *   f            f′                 f″
 *   exp x        eˣ                 eˣ
 *   log x        1/x                −1/x²
 *   log1p x      1/(1+x)            −1/(1+x)²
 *   sqrt x       1/(2√x)            −1/(4x√x)
 *   x²           2x                 2
 *   xᶜ           c·xᶜ⁻¹             c(c−1)·xᶜ⁻²
 *   |x|          sign x (0 at 0)    0
 *   tanh x       1 − y²             −2y(1 − y²)
 *   σ(x)         y(1 − y)           y(1 − y)(1 − 2y)
 *   relu x       [x &gt; 0]            0
 *   softplus x   σ(x)               σ(x)(1 − σ(x))
 *   clamp x      [lo ≤ x ≤ hi]      0
 *   softplus x − t·x   (binary cross-entropy with logits x and target t)
 *                σ(x) − t           σ(x)(1 − σ(x))
 *   (x − t)²     2(x − t)           2     (squared error against target t)
 * </pre>
 */
final class PointwiseRules {

  private PointwiseRules() {}

  static double sigmoid(double x) {
    if (x >= 0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }

  static final PointwiseRule EXP = new PointwiseRule() {
    public String name() { return "exp"; }
    public void value(double[] x, double[] y) { Kernels.exp(x, y); }
    public void firstDerivative(double[] x, double[] y, double[] d) { System.arraycopy(y, 0, d, 0, y.length); }
    public void secondDerivative(double[] x, double[] y, double[] d) { System.arraycopy(y, 0, d, 0, y.length); }
  };

  static final PointwiseRule LOG = new PointwiseRule() {
    public String name() { return "log"; }
    public void value(double[] x, double[] y) { Kernels.log(x, y); }
    public void firstDerivative(double[] x, double[] y, double[] d) { for (int i = 0; i < x.length; i++) d[i] = 1.0 / x[i]; }
    public void secondDerivative(double[] x, double[] y, double[] d) { for (int i = 0; i < x.length; i++) d[i] = -1.0 / (x[i] * x[i]); }
  };

  static final PointwiseRule LOG1P = new PointwiseRule() {
    public String name() { return "log1p"; }
    public void value(double[] x, double[] y) { Kernels.log1p(x, y); }
    public void firstDerivative(double[] x, double[] y, double[] d) { for (int i = 0; i < x.length; i++) d[i] = 1.0 / (1.0 + x[i]); }
    public void secondDerivative(double[] x, double[] y, double[] d) {
      for (int i = 0; i < x.length; i++) { double u = 1.0 + x[i]; d[i] = -1.0 / (u * u); }
    }
  };

  static final PointwiseRule SQRT = new PointwiseRule() {
    public String name() { return "sqrt"; }
    public void value(double[] x, double[] y) { for (int i = 0; i < x.length; i++) y[i] = Math.sqrt(x[i]); }
    public void firstDerivative(double[] x, double[] y, double[] d) { for (int i = 0; i < x.length; i++) d[i] = 0.5 / y[i]; }
    public void secondDerivative(double[] x, double[] y, double[] d) { for (int i = 0; i < x.length; i++) d[i] = -0.25 / (x[i] * y[i]); }
  };

  static final PointwiseRule SQUARE = new PointwiseRule() {
    public String name() { return "square"; }
    public void value(double[] x, double[] y) { for (int i = 0; i < x.length; i++) y[i] = x[i] * x[i]; }
    public void firstDerivative(double[] x, double[] y, double[] d) { for (int i = 0; i < x.length; i++) d[i] = 2.0 * x[i]; }
    public void secondDerivative(double[] x, double[] y, double[] d) { java.util.Arrays.fill(d, 2.0); }
  };

  static PointwiseRule pow(double c) {
    if (!Double.isFinite(c)) {
      throw new IllegalArgumentException("pow: the exponent must be finite, got " + c);
    }
    return new PointwiseRule() {
      public String name() { return "pow"; }
      public void value(double[] x, double[] y) { for (int i = 0; i < x.length; i++) y[i] = Math.pow(x[i], c); }
      public void firstDerivative(double[] x, double[] y, double[] d) {
        for (int i = 0; i < x.length; i++) d[i] = c == 0 ? 0.0 : c * Math.pow(x[i], c - 1);
      }
      public void secondDerivative(double[] x, double[] y, double[] d) {
        for (int i = 0; i < x.length; i++) d[i] = c == 0 || c == 1 ? 0.0 : c * (c - 1) * Math.pow(x[i], c - 2);
      }
    };
  }

  static final PointwiseRule ABS = new PointwiseRule() {
    public String name() { return "abs"; }
    public void value(double[] x, double[] y) { for (int i = 0; i < x.length; i++) y[i] = Math.abs(x[i]); }
    public void firstDerivative(double[] x, double[] y, double[] d) { for (int i = 0; i < x.length; i++) d[i] = Math.signum(x[i]); }
    public void secondDerivative(double[] x, double[] y, double[] d) { java.util.Arrays.fill(d, 0.0); }
  };

  static final PointwiseRule TANH = new PointwiseRule() {
    public String name() { return "tanh"; }
    public void value(double[] x, double[] y) { Kernels.tanh(x, y); }
    public void firstDerivative(double[] x, double[] y, double[] d) { for (int i = 0; i < x.length; i++) d[i] = 1.0 - y[i] * y[i]; }
    public void secondDerivative(double[] x, double[] y, double[] d) {
      for (int i = 0; i < x.length; i++) d[i] = -2.0 * y[i] * (1.0 - y[i] * y[i]);
    }
  };

  static final PointwiseRule SIGMOID = new PointwiseRule() {
    public String name() { return "sigmoid"; }
    public void value(double[] x, double[] y) { Kernels.sigmoid(x, y); }
    public void firstDerivative(double[] x, double[] y, double[] d) { for (int i = 0; i < x.length; i++) d[i] = y[i] * (1.0 - y[i]); }
    public void secondDerivative(double[] x, double[] y, double[] d) {
      for (int i = 0; i < x.length; i++) d[i] = y[i] * (1.0 - y[i]) * (1.0 - 2.0 * y[i]);
    }
  };

  static final PointwiseRule RELU = new PointwiseRule() {
    public String name() { return "relu"; }
    public void value(double[] x, double[] y) { for (int i = 0; i < x.length; i++) y[i] = x[i] > 0 ? x[i] : 0.0; }
    public void firstDerivative(double[] x, double[] y, double[] d) { for (int i = 0; i < x.length; i++) d[i] = x[i] > 0 ? 1.0 : 0.0; }
    public void secondDerivative(double[] x, double[] y, double[] d) { java.util.Arrays.fill(d, 0.0); }
  };

  static final PointwiseRule SOFTPLUS = new PointwiseRule() {
    public String name() { return "softplus"; }
    public void value(double[] x, double[] y) { Kernels.softplus(x, y); }
    public void firstDerivative(double[] x, double[] y, double[] d) { Kernels.sigmoid(x, d); }
    public void secondDerivative(double[] x, double[] y, double[] d) {
      Kernels.sigmoid(x, d);
      for (int i = 0; i < x.length; i++) d[i] = d[i] * (1.0 - d[i]);
    }
  };

  static PointwiseRule clamp(double lo, double hi) {
    if (!(lo <= hi)) {
      throw new IllegalArgumentException("clamp: needs lo <= hi, got lo = " + lo + ", hi = " + hi);
    }
    return new PointwiseRule() {
      public String name() { return "clamp"; }
      public void value(double[] x, double[] y) { for (int i = 0; i < x.length; i++) y[i] = Math.min(hi, Math.max(lo, x[i])); }
      public void firstDerivative(double[] x, double[] y, double[] d) {
        for (int i = 0; i < x.length; i++) d[i] = x[i] >= lo && x[i] <= hi ? 1.0 : 0.0;
      }
      public void secondDerivative(double[] x, double[] y, double[] d) { java.util.Arrays.fill(d, 0.0); }
    };
  }

  /** Per-element binary cross-entropy with logits x against targets t: softplus(x) − t·x. */
  static PointwiseRule binaryCrossEntropyWithLogits(double[] t) {
    return new PointwiseRule() {
      public String name() { return "binaryCrossEntropyWithLogits"; }
      public void value(double[] x, double[] y) {
        Kernels.softplus(x, y);
        for (int i = 0; i < x.length; i++) y[i] -= t[i] * x[i];
      }
      public void firstDerivative(double[] x, double[] y, double[] d) {
        Kernels.sigmoid(x, d);
        for (int i = 0; i < x.length; i++) d[i] -= t[i];
      }
      public void secondDerivative(double[] x, double[] y, double[] d) {
        Kernels.sigmoid(x, d);
        for (int i = 0; i < x.length; i++) d[i] = d[i] * (1.0 - d[i]);
      }
    };
  }

  /** Per-element squared error against targets t: (x − t)². */
  static PointwiseRule squaredError(double[] t) {
    return new PointwiseRule() {
      public String name() { return "squaredError"; }
      public void value(double[] x, double[] y) { for (int i = 0; i < x.length; i++) { double r = x[i] - t[i]; y[i] = r * r; } }
      public void firstDerivative(double[] x, double[] y, double[] d) { for (int i = 0; i < x.length; i++) d[i] = 2.0 * (x[i] - t[i]); }
      public void secondDerivative(double[] x, double[] y, double[] d) { java.util.Arrays.fill(d, 2.0); }
    };
  }
}
