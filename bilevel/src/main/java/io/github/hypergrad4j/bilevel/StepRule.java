package io.github.hypergrad4j.bilevel;

/**
 * A first-order update x ← x − step(∇), with whatever state it keeps (velocity, moments), used by
 * the inner optimisers on θ and by the outer loop on λ's free variables.
 */
public interface StepRule {

  /** A fresh state for a vector of length n. */
  Stepper start(int n);

  /** A short name for reports, e.g. {@code "adam(0.01)"}. */
  String name();

  /** The state of one run. */
  interface Stepper {
    /** x ← x − step(g), updating the state. */
    void step(double[] x, double[] g);
  }

  /**
   * x ← x − η·g.
   *
   * @throws IllegalArgumentException unless the learning rate η is &gt; 0 and finite
   */
  static StepRule gradientDescent(double learningRate) {
    Check.positiveFinite("StepRule.gradientDescent", "learningRate", learningRate);
    return new StepRule() {
      @Override
      public Stepper start(int n) {
        return (x, g) -> {
          for (int i = 0; i < x.length; i++) {
            x[i] -= learningRate * g[i];
          }
        };
      }

      @Override
      public String name() {
        return "gradientDescent(" + learningRate + ")";
      }
    };
  }

  /**
   * Heavy ball: v ← μ·v + g, x ← x − η·v (Polyak 1964).
   *
   * @throws IllegalArgumentException unless η is &gt; 0 and finite and 0 ≤ μ &lt; 1
   */
  static StepRule heavyBall(double learningRate, double momentum) {
    Check.positiveFinite("StepRule.heavyBall", "learningRate", learningRate);
    Check.momentum("StepRule.heavyBall", momentum);
    return new StepRule() {
      @Override
      public Stepper start(int n) {
        double[] v = new double[n];
        return (x, g) -> {
          for (int i = 0; i < x.length; i++) {
            v[i] = momentum * v[i] + g[i];
            x[i] -= learningRate * v[i];
          }
        };
      }

      @Override
      public String name() {
        return "heavyBall(" + learningRate + ", " + momentum + ")";
      }
    };
  }

  /**
   * Adam: m ← β₁m + (1−β₁)g, s ← β₂s + (1−β₂)g², x ← x − η·m̂/(√ŝ + ε) with bias-corrected m̂, ŝ
   * (Kingma and Ba, "Adam: a method for stochastic optimization", ICLR 2015, Algorithm 1), β₁ =
   * 0.9, β₂ = 0.999, ε = 1e-8.
   *
   * @throws IllegalArgumentException unless the learning rate η is &gt; 0 and finite
   */
  static StepRule adam(double learningRate) {
    Check.positiveFinite("StepRule.adam", "learningRate", learningRate);
    return new StepRule() {
      @Override
      public Stepper start(int n) {
        double[] m = new double[n];
        double[] s = new double[n];
        double[] powers = {1.0, 1.0}; // β₁ᵗ, β₂ᵗ
        return (x, g) -> {
          powers[0] *= 0.9;
          powers[1] *= 0.999;
          for (int i = 0; i < x.length; i++) {
            m[i] = 0.9 * m[i] + 0.1 * g[i];
            s[i] = 0.999 * s[i] + 0.001 * g[i] * g[i];
            double mHat = m[i] / (1 - powers[0]);
            double sHat = s[i] / (1 - powers[1]);
            x[i] -= learningRate * mHat / (Math.sqrt(sHat) + 1e-8);
          }
        };
      }

      @Override
      public String name() {
        return "adam(" + learningRate + ")";
      }
    };
  }
}
