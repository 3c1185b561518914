package io.github.hypergrad4j.bilevel.unrolled;

/**
 * SGD with momentum in the form of Maclaurin, Duvenaud and Adams (2015), differentiable: the
 * velocity is an exponential moving average of the negative gradient, so γ_t is a decay in [0, 1]
 * and the step size α_t does not change with it.
 *
 * <h2>Forward step</h2>
 *
 * <pre>
 *   v_{t+1} = γ_t ⊙ v_t − (1 − γ_t) ⊙ g_t
 *   θ_{t+1} = θ_t + α_t ⊙ v_{t+1}
 * </pre>
 *
 * State (θ, v), v₀ = 0. {@link ExactReversibleMomentum} runs the same step in fixed point so that
 * it can be undone exactly.
 *
 * <h2>Adjoint (reverse mode)</h2>
 *
 * This is Algorithm 2 of the paper. With θ̄' = ∂L/∂θ_{t+1} and v̄' = ∂L/∂v_{t+1}, the total
 * adjoint of v_{t+1} is ṽ = v̄' + α_t ⊙ θ̄' (directly, and through θ_{t+1} with slope α_t).
 * Transposing the velocity line:
 *
 * <pre>
 *   ḡ_t   = −(1 − γ_t) ⊙ ṽ
 *   v̄_t   = γ_t ⊙ ṽ
 *   θ̄_t   = θ̄' + H ḡ_t                          (H = ∇²_θθ f at θ_t; λ̄ += ∇²_λθ f·ḡ_t)
 *   ᾱ_t,k = Σ_{i in k} v_{t+1,i} θ̄'_i
 *   γ̄_t,k = Σ_{i in k} (v_t,i + g_t,i) ṽ_i        (∂v_{t+1}/∂γ = v_t + g_t)
 * </pre>
 *
 * <h2>Tangent (forward mode)</h2>
 *
 * <pre>
 *   v̇_{t+1} = γ̇_t ⊙ (v_t + g_t) + γ_t ⊙ v̇_t − (1 − γ_t) ⊙ ġ_t
 *   θ̇_{t+1} = θ̇_t + α̇_t ⊙ v_{t+1} + α_t ⊙ v̇_{t+1}
 * </pre>
 *
 * Cost per step: as {@link Sgd}. Reference: D. Maclaurin, D. Duvenaud, R. P. Adams,
 * "Gradient-based hyperparameter optimization through reversible learning", ICML 2015.
 */
public final class MaclaurinMomentum extends ScheduledOptimizer<MaclaurinMomentum> {

  MaclaurinMomentum(ScheduleSet schedules) {
    super("momentum (Maclaurin's form)", 2, schedules);
  }

  /** Maclaurin's momentum with one-group schedules α ≥ 0 and γ in [0, 1] of the same length T. */
  public static MaclaurinMomentum of(Schedule learningRate, Schedule momentum) {
    return of(learningRate, momentum, null);
  }

  /** Maclaurin's momentum whose schedules may have one value per group of {@code groups}. */
  public static MaclaurinMomentum of(Schedule learningRate, Schedule momentum, ParameterGroups groups) {
    return new MaclaurinMomentum(
        ScheduleSet.learningRateAndMomentum("MaclaurinMomentum", groups, learningRate, momentum, true));
  }

  @Override
  MaclaurinMomentum rebuild(ScheduleSet replaced) {
    return new MaclaurinMomentum(replaced);
  }

  @Override
  public boolean step(int t, double[][] state, double[] gradient) {
    int d = gradient.length;
    double[] alpha = expand(0, t, d);
    double[] gamma = expand(1, t, d);
    double[] theta = state[0];
    double[] v = state[1];
    for (int i = 0; i < d; i++) {
      v[i] = gamma[i] * v[i] - (1 - gamma[i]) * gradient[i];
      theta[i] += alpha[i] * v[i];
    }
    return true;
  }

  @Override
  public void gradientCotangent(int t, double[][] state, double[] gradient, double[][] adjoint, double[] out) {
    double[] alpha = expand(0, t, out.length);
    double[] gamma = expand(1, t, out.length);
    for (int i = 0; i < out.length; i++) {
      out[i] = -(1 - gamma[i]) * (adjoint[1][i] + alpha[i] * adjoint[0][i]);
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
    double[] vTotal = new double[d];
    double[] vPlusG = new double[d];
    for (int i = 0; i < d; i++) {
      vNext[i] = gamma[i] * v[i] - (1 - gamma[i]) * gradient[i];
      vTotal[i] = vBar[i] + alpha[i] * thetaBar[i];
      vPlusG[i] = v[i] + gradient[i];
    }
    schedules.accumulate(0, t, 1.0, vNext, thetaBar, scheduleAdjoints[0]);
    schedules.accumulate(1, t, 1.0, vPlusG, vTotal, scheduleAdjoints[1]);
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
      double vNext = gamma[i] * v[i] - (1 - gamma[i]) * gradient[i];
      vDot[i] = gamma[i] * vDot[i] - (1 - gamma[i]) * gradientTangent[i]
          + (gammaDot == null ? 0.0 : gammaDot[i] * (v[i] + gradient[i]));
      thetaDot[i] += alpha[i] * vDot[i] + (alphaDot == null ? 0.0 : alphaDot[i] * vNext);
    }
  }
}
