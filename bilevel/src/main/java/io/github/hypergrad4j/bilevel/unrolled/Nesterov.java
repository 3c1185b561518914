package io.github.hypergrad4j.bilevel.unrolled;

/**
 * SGD with Nesterov momentum, differentiable, in the form where the gradient is taken at the
 * iterate itself (Bengio, Boulanger-Lewandowski and Pascanu 2013; the form of PyTorch's
 * {@code nesterov=True}).
 *
 * <h2>Forward step</h2>
 *
 * <pre>
 *   v_{t+1} = γ_t ⊙ v_t + g_t
 *   θ_{t+1} = θ_t − α_t ⊙ (g_t + γ_t ⊙ v_{t+1})
 * </pre>
 *
 * Sutskever et al.'s form v ← γv − α∇f(φ + γv), φ ← φ + v evaluates the gradient at the
 * look-ahead point φ + γv; substituting θ = φ + γv gives the lines above (for constant α and γ),
 * with θ the look-ahead point. State (θ, v), v₀ = 0.
 *
 * <h2>Adjoint (reverse mode)</h2>
 *
 * Write the step direction δ = g_t + γ_t ⊙ v_{t+1}. With θ̄' = ∂L/∂θ_{t+1}, v̄' = ∂L/∂v_{t+1},
 * the adjoint of δ is δ̄ = −α_t ⊙ θ̄', and the total adjoint of v_{t+1} is ṽ = v̄' + γ_t ⊙ δ̄ =
 * v̄' − α_t γ_t ⊙ θ̄'. Transposing:
 *
 * <pre>
 *   ḡ_t   = ṽ + δ̄ = v̄' − α_t (1 + γ_t) ⊙ θ̄'
 *   v̄_t   = γ_t ⊙ ṽ
 *   θ̄_t   = θ̄' + H ḡ_t                          (H = ∇²_θθ f at θ_t; λ̄ += ∇²_λθ f·ḡ_t)
 *   ᾱ_t,k = −Σ_{i in k} δ_i θ̄'_i
 *   γ̄_t,k = Σ_{i in k} (v_t,i ṽ_i + v_{t+1,i} δ̄_i)
 * </pre>
 *
 * <h2>Tangent (forward mode)</h2>
 *
 * <pre>
 *   v̇_{t+1} = γ̇_t ⊙ v_t + γ_t ⊙ v̇_t + ġ_t
 *   θ̇_{t+1} = θ̇_t − α̇_t ⊙ δ − α_t ⊙ (ġ_t + γ̇_t ⊙ v_{t+1} + γ_t ⊙ v̇_{t+1})
 * </pre>
 *
 * Cost per step: as {@link Sgd}. References: Y. Nesterov, "A method for solving the convex
 * programming problem with convergence rate O(1/k²)", Soviet Math. Doklady 27, 1983; I.
 * Sutskever, J. Martens, G. Dahl, G. Hinton, "On the importance of initialization and momentum in
 * deep learning", ICML 2013; Y. Bengio, N. Boulanger-Lewandowski, R. Pascanu, "Advances in
 * optimizing recurrent networks", ICASSP 2013.
 */
public final class Nesterov extends ScheduledOptimizer<Nesterov> {

  private Nesterov(ScheduleSet schedules) {
    super("Nesterov", 2, schedules);
  }

  /** Nesterov momentum with one-group schedules α ≥ 0 and γ in [0, 1] of the same length T. */
  public static Nesterov of(Schedule learningRate, Schedule momentum) {
    return of(learningRate, momentum, null);
  }

  /** Nesterov momentum whose schedules may have one value per group of {@code groups}. */
  public static Nesterov of(Schedule learningRate, Schedule momentum, ParameterGroups groups) {
    return new Nesterov(
        ScheduleSet.learningRateAndMomentum("Nesterov", groups, learningRate, momentum, true));
  }

  @Override
  Nesterov rebuild(ScheduleSet replaced) {
    return new Nesterov(replaced);
  }

  @Override
  public boolean step(int t, double[][] state, double[] gradient) {
    int d = gradient.length;
    double[] alpha = expand(0, t, d);
    double[] gamma = expand(1, t, d);
    double[] theta = state[0];
    double[] v = state[1];
    for (int i = 0; i < d; i++) {
      v[i] = gamma[i] * v[i] + gradient[i];
      theta[i] -= alpha[i] * (gradient[i] + gamma[i] * v[i]);
    }
    return true;
  }

  @Override
  public void gradientCotangent(int t, double[][] state, double[] gradient, double[][] adjoint, double[] out) {
    double[] alpha = expand(0, t, out.length);
    double[] gamma = expand(1, t, out.length);
    for (int i = 0; i < out.length; i++) {
      out[i] = adjoint[1][i] - alpha[i] * (1 + gamma[i]) * adjoint[0][i];
    }
  }

  @Override
  public void adjoint(int t, double[][] state, double[] gradient, double[][] adjoint, double[][] scheduleAdjoints) {
    int d = gradient.length;
    double[] alpha = expand(0, t, d);
    double[] gamma = expand(1, t, d);
    double[] v = state[1];
    double[] thetaBar = adjoint[0];
    double[] vBar = adjoint[1];
    double[] vNext = new double[d];
    double[] direction = new double[d];
    double[] directionBar = new double[d];
    double[] vTotal = new double[d];
    for (int i = 0; i < d; i++) {
      vNext[i] = gamma[i] * v[i] + gradient[i];
      direction[i] = gradient[i] + gamma[i] * vNext[i];
      directionBar[i] = -alpha[i] * thetaBar[i];
      vTotal[i] = vBar[i] + gamma[i] * directionBar[i];
    }
    schedules.accumulate(0, t, -1.0, direction, thetaBar, scheduleAdjoints[0]);
    schedules.accumulate(1, t, 1.0, v, vTotal, scheduleAdjoints[1]);
    schedules.accumulate(1, t, 1.0, vNext, directionBar, scheduleAdjoints[1]);
    for (int i = 0; i < d; i++) {
      vBar[i] = gamma[i] * vTotal[i];
    }
  }

  @Override
  public void tangent(int t, double[][] state, double[] gradient, double[] gradientTangent, double[][] tangent,
      double[][] scheduleTangents) {
    int d = gradient.length;
    double[] alpha = expand(0, t, d);
    double[] gamma = expand(1, t, d);
    double[] alphaDot = expandTangent(0, scheduleTangents, d);
    double[] gammaDot = expandTangent(1, scheduleTangents, d);
    double[] v = state[1];
    double[] thetaDot = tangent[0];
    double[] vDot = tangent[1];
    for (int i = 0; i < d; i++) {
      double vNext = gamma[i] * v[i] + gradient[i];
      double gd = gammaDot == null ? 0.0 : gammaDot[i];
      vDot[i] = gamma[i] * vDot[i] + gradientTangent[i] + gd * v[i];
      double directionDot = gradientTangent[i] + gd * vNext + gamma[i] * vDot[i];
      double direction = gradient[i] + gamma[i] * vNext;
      thetaDot[i] -= alpha[i] * directionDot + (alphaDot == null ? 0.0 : alphaDot[i] * direction);
    }
  }
}
