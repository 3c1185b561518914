package io.github.hypergrad4j.bilevel.unrolled;

/**
 * The kinds of hyperparameters an unrolled training run has, and that a hypergradient can be
 * taken for. The first four are {@link Schedule}s of an {@link UnrolledOptimizer} (one value per
 * step and parameter group); {@link #INITIAL_THETA} is the starting point θ₀ and {@link #LAMBDA}
 * the hyperparameters λ of the training loss f(θ, λ).
 */
public enum HyperparameterKind {
  /** The step-size schedule α_t (every optimiser). */
  LEARNING_RATE,
  /** The momentum schedule γ_t (heavy ball, Nesterov, Maclaurin's form and its exact reversal). */
  MOMENTUM,
  /** Adam's first-moment decay β₁,t. */
  BETA1,
  /** Adam's second-moment decay β₂,t. */
  BETA2,
  /** The initial parameters θ₀. */
  INITIAL_THETA,
  /** The hyperparameters λ of the training loss f(θ, λ). */
  LAMBDA;

  /** Whether this kind is a per-step schedule of the optimiser. */
  public boolean isSchedule() {
    return this != INITIAL_THETA && this != LAMBDA;
  }
}
