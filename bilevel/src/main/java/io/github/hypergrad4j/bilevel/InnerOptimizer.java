package io.github.hypergrad4j.bilevel;

/**
 * Minimises f(θ) from a starting point (the outer loop passes the previous step's θ: a warm
 * start). Implementations: first-order methods with a {@link StepRule} (gradient descent,
 * heavy-ball momentum, Adam) and {@link Lbfgs}.
 */
public interface InnerOptimizer {

  /**
   * Minimises f from θ₀ (not modified) until {@code stopping} says so.
   *
   * @throws IllegalArgumentException if an argument is null, or θ₀ is empty or not finite
   */
  InnerResult minimize(DifferentiableFunction f, double[] theta0, InnerStopping stopping);

  /** A short name for reports. */
  String name();

  /**
   * Gradient descent θ ← θ − η∇f.
   *
   * @throws IllegalArgumentException unless η is &gt; 0 and finite
   */
  static InnerOptimizer gradientDescent(double learningRate) {
    Check.positiveFinite("InnerOptimizer.gradientDescent", "learningRate", learningRate);
    return new FirstOrderOptimizer(StepRule.gradientDescent(learningRate));
  }

  /**
   * Heavy-ball momentum (Polyak 1964).
   *
   * @throws IllegalArgumentException unless η is &gt; 0 and finite and 0 ≤ μ &lt; 1
   */
  static InnerOptimizer heavyBall(double learningRate, double momentum) {
    Check.positiveFinite("InnerOptimizer.heavyBall", "learningRate", learningRate);
    Check.momentum("InnerOptimizer.heavyBall", momentum);
    return new FirstOrderOptimizer(StepRule.heavyBall(learningRate, momentum));
  }

  /**
   * Adam (Kingma and Ba 2015) with β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
   *
   * @throws IllegalArgumentException unless η is &gt; 0 and finite
   */
  static InnerOptimizer adam(double learningRate) {
    Check.positiveFinite("InnerOptimizer.adam", "learningRate", learningRate);
    return new FirstOrderOptimizer(StepRule.adam(learningRate));
  }

  /** L-BFGS with 10 pairs and a backtracking line search. */
  static InnerOptimizer lbfgs() {
    return lbfgs(10);
  }

  /**
   * L-BFGS keeping the last {@code memory} pairs (s, y) and a backtracking line search (see
   * {@link Lbfgs}); 3 to 20 pairs is the usual range. Storage: 2·memory vectors of θ's length (at
   * most 2·maxIterations, however large {@code memory} is).
   *
   * @throws IllegalArgumentException if {@code memory} is below 1
   */
  static InnerOptimizer lbfgs(int memory) {
    if (memory < 1) {
      throw new IllegalArgumentException("InnerOptimizer.lbfgs: memory must be >= 1, got " + memory);
    }
    return new Lbfgs(memory);
  }
}
