package io.github.hypergrad4j.bilevel;

/**
 * Minimises f(θ) from a starting point (the outer loop passes the previous step's θ: a warm
 * start). Implementations: first-order methods with a {@link StepRule} (gradient descent,
 * heavy-ball momentum, Adam) and {@link Lbfgs}.
 */
public interface InnerOptimizer {

  /** Minimises f from θ₀ (not modified) until {@code stopping} says so. */
  InnerResult minimize(DifferentiableFunction f, double[] theta0, InnerStopping stopping);

  /** A short name for reports. */
  String name();

  /** Gradient descent θ ← θ − η∇f. */
  static InnerOptimizer gradientDescent(double learningRate) {
    return new FirstOrderOptimizer(StepRule.gradientDescent(learningRate));
  }

  /** Heavy-ball momentum (Polyak 1964). */
  static InnerOptimizer heavyBall(double learningRate, double momentum) {
    return new FirstOrderOptimizer(StepRule.heavyBall(learningRate, momentum));
  }

  /** Adam (Kingma and Ba 2015) with β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
  static InnerOptimizer adam(double learningRate) {
    return new FirstOrderOptimizer(StepRule.adam(learningRate));
  }

  /** L-BFGS with 10 pairs and a backtracking line search. */
  static InnerOptimizer lbfgs() {
    return new Lbfgs(10);
  }
}
