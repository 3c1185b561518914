package io.github.hypergrad4j.bilevel.unrolled;

import static io.github.hypergrad4j.bilevel.unrolled.HyperparameterKind.LEARNING_RATE;

import io.github.hypergrad4j.linalg.Kernels;
import java.util.List;

/**
 * Stochastic gradient descent with a learning-rate schedule, differentiable.
 *
 * <h2>Forward step</h2>
 *
 * <pre>    θ_{t+1} = θ_t − α_t ⊙ g_t,   g_t = ∇_θ f(θ_t, λ; B_t)</pre>
 *
 * (α_t expanded to one value per parameter through its group). State: θ alone.
 *
 * <h2>Adjoint (reverse mode)</h2>
 *
 * Differentiating the step, dθ_{t+1} = dθ_t − dα_t ⊙ g_t − α_t ⊙ dg_t with dg_t = H dθ_t + M dλ
 * (H = ∇²_θθ f, M = ∇²_θλ f at θ_t). Transposing, with θ̄' = ∂L/∂θ_{t+1}:
 *
 * <pre>
 *   ḡ_t   = −α_t ⊙ θ̄'
 *   θ̄_t   = θ̄' + H ḡ_t
 *   λ̄    += Mᵀ ḡ_t = ∇²_λθ f · ḡ_t
 *   ᾱ_t,k = −Σ_{i in group k} g_t,i θ̄'_i
 * </pre>
 *
 * <h2>Tangent (forward mode)</h2>
 *
 * <pre>    θ̇_{t+1} = θ̇_t − α̇_t ⊙ g_t − α_t ⊙ ġ_t</pre>
 *
 * Cost per step: forward 1 gradient; adjoint 1 sweep (a gradient and two Hessian-vector
 * products in one pass, about two gradients); tangent 1 sweep per direction.
 */
public final class Sgd extends ScheduledOptimizer<Sgd> {

  private Sgd(ScheduleSet schedules) {
    super("SGD", 1, schedules);
  }

  /**
   * SGD with the learning-rate schedule α (α ≥ 0; its length is the number of steps T).
   *
   * @throws IllegalArgumentException if α has more than one group (use the other factory) or a
   *     negative value
   */
  public static Sgd of(Schedule learningRate) {
    return of(learningRate, null);
  }

  /** SGD whose schedule may give each of the {@code groups} its own learning rate. */
  public static Sgd of(Schedule learningRate, ParameterGroups groups) {
    return new Sgd(new ScheduleSet("Sgd", groups,
        List.of(ScheduleSet.Range.nonNegative(LEARNING_RATE, "learning rate")), learningRate));
  }

  @Override
  Sgd rebuild(ScheduleSet replaced) {
    return new Sgd(replaced);
  }

  @Override
  public boolean step(int t, double[][] state, double[] gradient) {
    double[] alpha = expand(0, t, gradient.length);
    double[] theta = state[0];
    for (int i = 0; i < alpha.length; i++) {
      theta[i] -= alpha[i] * gradient[i];
    }
    return true;
  }

  @Override
  public void gradientCotangent(int t, double[][] state, double[] gradient, double[][] adjoint, double[] out) {
    schedules.expand(0, t, out);
    Kernels.hadamard(out, adjoint[0], out);
    Kernels.scal(-1.0, out);
  }

  @Override
  public void adjoint(int t, double[][] state, double[] gradient, double[][] adjoint, double[][] scheduleAdjoints) {
    // θ̄_t = θ̄' (the caller adds H ḡ); ᾱ_t = −Σ g ⊙ θ̄'
    schedules.accumulate(0, t, -1.0, gradient, adjoint[0], scheduleAdjoints[0]);
  }

  @Override
  public void tangent(int t, double[][] state, double[] gradient, double[] gradientTangent, double[][] tangent,
      double[][] scheduleTangents) {
    int d = gradient.length;
    double[] alpha = expand(0, t, d);
    double[] alphaDot = expandTangent(0, scheduleTangents, d);
    double[] theta = tangent[0];
    for (int i = 0; i < d; i++) {
      theta[i] -= alpha[i] * gradientTangent[i] + (alphaDot == null ? 0.0 : alphaDot[i] * gradient[i]);
    }
  }
}
