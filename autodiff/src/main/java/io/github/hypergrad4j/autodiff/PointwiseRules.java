package io.github.hypergrad4j.autodiff;

import io.github.hypergrad4j.linalg.Kernels;
import java.util.Arrays;

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
 * </pre>
 *
 * The per-element losses against targets are in {@link PointwiseLosses}.
 */
final class PointwiseRules {

  private PointwiseRules() {}

  /** σ(x) = 1/(1 + e⁻ˣ) for one number, from e^{−|x|} so that nothing overflows. */
  static double sigmoid(double x) {
    if (x >= 0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }

  /** y = eˣ; f′ = eˣ = y; f″ = eˣ = y. */
  static final PointwiseRule EXP = new PointwiseRule() {
    @Override
    public String name() {
      return "exp";
    }

    @Override
    public void value(double[] x, double[] y) {
      Kernels.exp(x, y);
    }

    @Override
    public void firstDerivative(double[] x, double[] y, double[] d) {
      System.arraycopy(y, 0, d, 0, y.length);
    }

    @Override
    public void secondDerivative(double[] x, double[] y, double[] d) {
      System.arraycopy(y, 0, d, 0, y.length);
    }
  };

  /** y = log x; f′ = 1/x; f″ = −1/x². */
  static final PointwiseRule LOG = new PointwiseRule() {
    @Override
    public String name() {
      return "log";
    }

    @Override
    public void value(double[] x, double[] y) {
      Kernels.log(x, y);
    }

    @Override
    public void firstDerivative(double[] x, double[] y, double[] d) {
      Kernels.forRanges(x.length, (from, to) -> {
        for (int i = from; i < to; i++) {
          d[i] = 1.0 / x[i];
        }
      });
    }

    @Override
    public void secondDerivative(double[] x, double[] y, double[] d) {
      Kernels.forRanges(x.length, (from, to) -> {
        for (int i = from; i < to; i++) {
          d[i] = -1.0 / (x[i] * x[i]);
        }
      });
    }
  };

  /** y = log(1 + x); f′ = 1/(1 + x); f″ = −1/(1 + x)². */
  static final PointwiseRule LOG1P = new PointwiseRule() {
    @Override
    public String name() {
      return "log1p";
    }

    @Override
    public void value(double[] x, double[] y) {
      Kernels.log1p(x, y);
    }

    @Override
    public void firstDerivative(double[] x, double[] y, double[] d) {
      Kernels.forRanges(x.length, (from, to) -> {
        for (int i = from; i < to; i++) {
          d[i] = 1.0 / (1.0 + x[i]);
        }
      });
    }

    @Override
    public void secondDerivative(double[] x, double[] y, double[] d) {
      Kernels.forRanges(x.length, (from, to) -> {
        for (int i = from; i < to; i++) {
          double u = 1.0 + x[i];
          d[i] = -1.0 / (u * u);
        }
      });
    }
  };

  /** y = √x; f′ = 1/(2√x) = 0.5/y; f″ = −1/(4x√x) = −0.25/(x·y). */
  static final PointwiseRule SQRT = new PointwiseRule() {
    @Override
    public String name() {
      return "sqrt";
    }

    @Override
    public void value(double[] x, double[] y) {
      Kernels.forRanges(x.length, (from, to) -> {
        for (int i = from; i < to; i++) {
          y[i] = Math.sqrt(x[i]);
        }
      });
    }

    @Override
    public void firstDerivative(double[] x, double[] y, double[] d) {
      Kernels.forRanges(x.length, (from, to) -> {
        for (int i = from; i < to; i++) {
          d[i] = 0.5 / y[i];
        }
      });
    }

    @Override
    public void secondDerivative(double[] x, double[] y, double[] d) {
      Kernels.forRanges(x.length, (from, to) -> {
        for (int i = from; i < to; i++) {
          d[i] = -0.25 / (x[i] * y[i]);
        }
      });
    }
  };

  /** y = x²; f′ = 2x; f″ = 2. */
  static final PointwiseRule SQUARE = new PointwiseRule() {
    @Override
    public String name() {
      return "square";
    }

    @Override
    public void value(double[] x, double[] y) {
      Kernels.forRanges(x.length, (from, to) -> {
        for (int i = from; i < to; i++) {
          y[i] = x[i] * x[i];
        }
      });
    }

    @Override
    public void firstDerivative(double[] x, double[] y, double[] d) {
      Kernels.forRanges(x.length, (from, to) -> {
        for (int i = from; i < to; i++) {
          d[i] = 2.0 * x[i];
        }
      });
    }

    @Override
    public void secondDerivative(double[] x, double[] y, double[] d) {
      Arrays.fill(d, 2.0);
    }
  };

  /** y = xᶜ; f′ = c·xᶜ⁻¹ (0 for c = 0); f″ = c(c − 1)·xᶜ⁻² (0 for c = 0 or 1). */
  static PointwiseRule pow(double c) {
    if (!Double.isFinite(c)) {
      throw new IllegalArgumentException("pow: the exponent must be finite, got " + c);
    }
    return new PointwiseRule() {
      @Override
      public String name() {
        return "pow";
      }

      @Override
      public void value(double[] x, double[] y) {
        Kernels.forRanges(x.length, (from, to) -> {
          for (int i = from; i < to; i++) {
            y[i] = Math.pow(x[i], c);
          }
        });
      }

      @Override
      public void firstDerivative(double[] x, double[] y, double[] d) {
        Kernels.forRanges(x.length, (from, to) -> {
          for (int i = from; i < to; i++) {
            d[i] = c == 0 ? 0.0 : c * Math.pow(x[i], c - 1);
          }
        });
      }

      @Override
      public void secondDerivative(double[] x, double[] y, double[] d) {
        Kernels.forRanges(x.length, (from, to) -> {
          for (int i = from; i < to; i++) {
            d[i] = c == 0 || c == 1 ? 0.0 : c * (c - 1) * Math.pow(x[i], c - 2);
          }
        });
      }
    };
  }

  /** y = |x|; f′ = sign x (0 at 0); f″ = 0. */
  static final PointwiseRule ABS = new PointwiseRule() {
    @Override
    public String name() {
      return "abs";
    }

    @Override
    public void value(double[] x, double[] y) {
      Kernels.forRanges(x.length, (from, to) -> {
        for (int i = from; i < to; i++) {
          y[i] = Math.abs(x[i]);
        }
      });
    }

    @Override
    public void firstDerivative(double[] x, double[] y, double[] d) {
      Kernels.forRanges(x.length, (from, to) -> {
        for (int i = from; i < to; i++) {
          d[i] = Math.signum(x[i]);
        }
      });
    }

    @Override
    public void secondDerivative(double[] x, double[] y, double[] d) {
      Arrays.fill(d, 0.0);
    }
  };

  /** y = tanh x; f′ = 1 − y²; f″ = −2y(1 − y²). */
  static final PointwiseRule TANH = new PointwiseRule() {
    @Override
    public String name() {
      return "tanh";
    }

    @Override
    public void value(double[] x, double[] y) {
      Kernels.tanh(x, y);
    }

    @Override
    public void firstDerivative(double[] x, double[] y, double[] d) {
      Kernels.forRanges(x.length, (from, to) -> {
        for (int i = from; i < to; i++) {
          d[i] = 1.0 - y[i] * y[i];
        }
      });
    }

    @Override
    public void secondDerivative(double[] x, double[] y, double[] d) {
      Kernels.forRanges(x.length, (from, to) -> {
        for (int i = from; i < to; i++) {
          d[i] = -2.0 * y[i] * (1.0 - y[i] * y[i]);
        }
      });
    }
  };

  /** y = σ(x); f′ = y(1 − y); f″ = y(1 − y)(1 − 2y). */
  static final PointwiseRule SIGMOID = new PointwiseRule() {
    @Override
    public String name() {
      return "sigmoid";
    }

    @Override
    public void value(double[] x, double[] y) {
      Kernels.sigmoid(x, y);
    }

    @Override
    public void firstDerivative(double[] x, double[] y, double[] d) {
      Kernels.forRanges(x.length, (from, to) -> {
        for (int i = from; i < to; i++) {
          d[i] = y[i] * (1.0 - y[i]);
        }
      });
    }

    @Override
    public void secondDerivative(double[] x, double[] y, double[] d) {
      Kernels.forRanges(x.length, (from, to) -> {
        for (int i = from; i < to; i++) {
          d[i] = y[i] * (1.0 - y[i]) * (1.0 - 2.0 * y[i]);
        }
      });
    }
  };

  /** y = max(x, 0); f′ = [x &gt; 0] (0 at 0); f″ = 0. */
  static final PointwiseRule RELU = new PointwiseRule() {
    @Override
    public String name() {
      return "relu";
    }

    @Override
    public void value(double[] x, double[] y) {
      Kernels.forRanges(x.length, (from, to) -> {
        for (int i = from; i < to; i++) {
          y[i] = x[i] > 0 ? x[i] : 0.0;
        }
      });
    }

    @Override
    public void firstDerivative(double[] x, double[] y, double[] d) {
      Kernels.forRanges(x.length, (from, to) -> {
        for (int i = from; i < to; i++) {
          d[i] = x[i] > 0 ? 1.0 : 0.0;
        }
      });
    }

    @Override
    public void secondDerivative(double[] x, double[] y, double[] d) {
      Arrays.fill(d, 0.0);
    }
  };

  /** y = log(1 + eˣ); f′ = σ(x); f″ = σ(x)(1 − σ(x)). */
  static final PointwiseRule SOFTPLUS = new PointwiseRule() {
    @Override
    public String name() {
      return "softplus";
    }

    @Override
    public void value(double[] x, double[] y) {
      Kernels.softplus(x, y);
    }

    @Override
    public void firstDerivative(double[] x, double[] y, double[] d) {
      Kernels.sigmoid(x, d);
    }

    @Override
    public void secondDerivative(double[] x, double[] y, double[] d) {
      sigmoidSlope(x, d);
    }
  };

  /** y = min(hi, max(lo, x)); f′ = [lo ≤ x ≤ hi]; f″ = 0. */
  static PointwiseRule clamp(double lo, double hi) {
    if (!(lo <= hi)) {
      throw new IllegalArgumentException("clamp: needs lo <= hi, got lo = " + lo + ", hi = " + hi);
    }
    return new PointwiseRule() {
      @Override
      public String name() {
        return "clamp";
      }

      @Override
      public void value(double[] x, double[] y) {
        Kernels.forRanges(x.length, (from, to) -> {
          for (int i = from; i < to; i++) {
            y[i] = Math.min(hi, Math.max(lo, x[i]));
          }
        });
      }

      @Override
      public void firstDerivative(double[] x, double[] y, double[] d) {
        Kernels.forRanges(x.length, (from, to) -> {
          for (int i = from; i < to; i++) {
            d[i] = x[i] >= lo && x[i] <= hi ? 1.0 : 0.0;
          }
        });
      }

      @Override
      public void secondDerivative(double[] x, double[] y, double[] d) {
        Arrays.fill(d, 0.0);
      }
    };
  }

  /** d_i = σ(x_i)(1 − σ(x_i)), the slope of the sigmoid (f″ of softplus and of the logistic loss). */
  static void sigmoidSlope(double[] x, double[] d) {
    Kernels.sigmoid(x, d);
    Kernels.forRanges(x.length, (from, to) -> {
      for (int i = from; i < to; i++) {
        d[i] = d[i] * (1.0 - d[i]);
      }
    });
  }
}
