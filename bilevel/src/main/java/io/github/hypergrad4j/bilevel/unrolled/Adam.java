package io.github.hypergrad4j.bilevel.unrolled;

import static io.github.hypergrad4j.bilevel.unrolled.HyperparameterKind.BETA1;
import static io.github.hypergrad4j.bilevel.unrolled.HyperparameterKind.BETA2;
import static io.github.hypergrad4j.bilevel.unrolled.HyperparameterKind.LEARNING_RATE;

import io.github.hypergrad4j.linalg.Kernels;
import java.util.List;

/**
 * Adam (Kingma and Ba 2015), bias-corrected, differentiable, with schedules for α, β₁ and β₂.
 *
 * <h2>Forward step</h2>
 *
 * <pre>
 *   m_{t+1} = β₁ m_t + (1 − β₁) g_t                 p_{t+1} = β₁ p_t     (p₀ = 1)
 *   v_{t+1} = β₂ v_t + (1 − β₂) g_t²                q_{t+1} = β₂ q_t     (q₀ = 1)
 *   m̂ = m_{t+1} / (1 − p_{t+1}),   v̂ = v_{t+1} / (1 − q_{t+1})
 *   θ_{t+1} = θ_t − α_t r,   r = m̂ / (√v̂ + ε)
 * </pre>
 *
 * (β₁ = β₁,t, β₂ = β₂,t, all element-wise.) ε sits in the denominator outside the square root, as
 * in Kingma and Ba's Algorithm 1. With constant β the products p and q are β₁^t and β₂^t, the
 * paper's bias corrections; with a schedule they are Π_s β₁,s and Π_s β₂,s, which keep m̂ and v̂
 * unbiased averages. They are carried as state (one per parameter, so groups may differ), which
 * makes the step a map of (θ, m, v, p, q) alone and the adjoint local. State: 5 vectors.
 *
 * <h2>Adjoint (reverse mode)</h2>
 *
 * Work backwards through the lines above, D = √v̂ + ε, with the adjoints θ̄', m̄', v̄', p̄', q̄' of
 * s_{t+1}:
 *
 * <pre>
 *   r̄ = −α θ̄',  ᾱ_k = −Σ_{i in k} r_i θ̄'_i
 *   m̂̄ = r̄ / D,  v̂̄ = −(r̄ r / D) / (2√v̂)          (0 where v̂ = 0: then m̂ = 0 too)
 *   m̃ = m̄' + m̂̄ / (1 − p_{t+1}),   p̃ = p̄' + m̂̄ m̂ / (1 − p_{t+1})    (totals of m_{t+1}, p_{t+1})
 *   ṽ = v̄' + v̂̄ / (1 − q_{t+1}),   q̃ = q̄' + v̂̄ v̂ / (1 − q_{t+1})
 *   ḡ_t = (1 − β₁) m̃ + 2 (1 − β₂) g_t ṽ
 *   m̄ = β₁ m̃,  v̄ = β₂ ṽ,  p̄ = β₁ p̃,  q̄ = β₂ q̃,  θ̄ = θ̄' + H ḡ_t
 *   β̄₁,k = Σ_{i in k} (m_t − g_t)_i m̃_i + p_t,i p̃_i
 *   β̄₂,k = Σ_{i in k} (v_t − g_t²)_i ṽ_i + q_t,i q̃_i
 * </pre>
 *
 * ḡ_t depends on g_t (the g² term), so the backward pass spends one gradient per step before the
 * sweep ({@link #adjointNeedsGradient()}); the step's intermediate values are recomputed from
 * s_t and g_t by the forward arithmetic.
 *
 * <h2>Tangent (forward mode)</h2>
 *
 * <pre>
 *   ṁ' = β̇₁ (m − g) + β₁ ṁ + (1 − β₁) ġ,    ṗ' = β̇₁ p + β₁ ṗ
 *   v̇' = β̇₂ (v − g²) + β₂ v̇ + 2 (1 − β₂) g ġ,  q̇' = β̇₂ q + β₂ q̇
 *   m̂̇ = (ṁ' + m̂ ṗ') / (1 − p'),   v̂̇ = (v̇' + v̂ q̇') / (1 − q')
 *   ṙ = (m̂̇ − r v̂̇ / (2√v̂)) / D,   θ̇' = θ̇ − α̇ r − α ṙ
 * </pre>
 *
 * Cost per step: forward 1 gradient; adjoint 1 gradient + 1 sweep; tangent 1 sweep per
 * direction. Reference: D. P. Kingma, J. Ba, "Adam: a method for stochastic optimization", ICLR
 * 2015.
 */
public final class Adam extends ScheduledOptimizer<Adam> {

  /** The default ε. */
  public static final double DEFAULT_EPSILON = 1e-8;

  private final double epsilon;

  private Adam(ScheduleSet schedules, double epsilon) {
    super("Adam", 5, schedules);
    this.epsilon = epsilon;
  }

  /** Adam with one-group schedules α ≥ 0, β₁ and β₂ in [0, 1) of the same length, ε = 1e-8. */
  public static Adam of(Schedule learningRate, Schedule beta1, Schedule beta2) {
    return of(learningRate, beta1, beta2, DEFAULT_EPSILON, null);
  }

  /** Adam with schedules that may have one value per group of {@code groups}, and ε &gt; 0. */
  public static Adam of(Schedule learningRate, Schedule beta1, Schedule beta2, double epsilon,
      ParameterGroups groups) {
    if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
      throw new IllegalArgumentException("Adam: epsilon must be positive and finite, got " + epsilon);
    }
    return new Adam(new ScheduleSet("Adam", groups, List.of(
        ScheduleSet.Range.nonNegative(LEARNING_RATE, "learning rate"),
        ScheduleSet.Range.unitInterval(BETA1, "beta1", false),
        ScheduleSet.Range.unitInterval(BETA2, "beta2", false)), learningRate, beta1, beta2), epsilon);
  }

  @Override
  Adam rebuild(ScheduleSet replaced) {
    return new Adam(replaced, epsilon);
  }

  /** ε. */
  public double epsilon() {
    return epsilon;
  }

  @Override
  public boolean adjointNeedsGradient() {
    return true;
  }

  @Override
  public void start(double[] theta0, double[][] state) {
    super.start(theta0, state);
    Kernels.fill(state[3], 1.0);
    Kernels.fill(state[4], 1.0);
  }

  /** The step's intermediate values, recomputed identically wherever they are needed. */
  private final class Moments {
    final double[] alpha;
    final double[] beta1;
    final double[] beta2;
    final double[] mNext;
    final double[] vNext;
    final double[] pNext;
    final double[] qNext;
    final double[] mHat;
    final double[] vHat;
    final double[] root;
    final double[] denominator;
    final double[] ratio;

    Moments(int t, double[][] state, double[] g) {
      int d = g.length;
      alpha = expand(0, t, d);
      beta1 = expand(1, t, d);
      beta2 = expand(2, t, d);
      mNext = new double[d];
      vNext = new double[d];
      pNext = new double[d];
      qNext = new double[d];
      mHat = new double[d];
      vHat = new double[d];
      root = new double[d];
      denominator = new double[d];
      ratio = new double[d];
      for (int i = 0; i < d; i++) {
        mNext[i] = beta1[i] * state[1][i] + (1 - beta1[i]) * g[i];
        vNext[i] = beta2[i] * state[2][i] + (1 - beta2[i]) * (g[i] * g[i]);
        pNext[i] = beta1[i] * state[3][i];
        qNext[i] = beta2[i] * state[4][i];
        mHat[i] = mNext[i] / (1 - pNext[i]);
        vHat[i] = vNext[i] / (1 - qNext[i]);
        root[i] = Math.sqrt(vHat[i]);
        denominator[i] = root[i] + epsilon;
        ratio[i] = mHat[i] / denominator[i];
      }
    }
  }

  @Override
  public boolean step(int t, double[][] state, double[] gradient) {
    Moments s = new Moments(t, state, gradient);
    for (int i = 0; i < gradient.length; i++) {
      state[0][i] -= s.alpha[i] * s.ratio[i];
    }
    Kernels.copy(s.mNext, state[1]);
    Kernels.copy(s.vNext, state[2]);
    Kernels.copy(s.pNext, state[3]);
    Kernels.copy(s.qNext, state[4]);
    return true;
  }

  /** The adjoints of m_{t+1}, v_{t+1}, p_{t+1}, q_{t+1} in total (through θ_{t+1} as well). */
  private static final class Totals {
    final double[] m;
    final double[] v;
    final double[] p;
    final double[] q;

    Totals(Moments s, double[][] adjoint) {
      int d = s.alpha.length;
      m = new double[d];
      v = new double[d];
      p = new double[d];
      q = new double[d];
      for (int i = 0; i < d; i++) {
        double ratioBar = -s.alpha[i] * adjoint[0][i];
        double mHatBar = ratioBar / s.denominator[i];
        double vHatBar = s.root[i] > 0 ? -(ratioBar * s.ratio[i] / s.denominator[i]) / (2 * s.root[i]) : 0.0;
        m[i] = adjoint[1][i] + mHatBar / (1 - s.pNext[i]);
        v[i] = adjoint[2][i] + vHatBar / (1 - s.qNext[i]);
        p[i] = adjoint[3][i] + mHatBar * s.mHat[i] / (1 - s.pNext[i]);
        q[i] = adjoint[4][i] + vHatBar * s.vHat[i] / (1 - s.qNext[i]);
      }
    }
  }

  @Override
  public void gradientCotangent(int t, double[][] state, double[] gradient, double[][] adjoint, double[] out) {
    Moments s = new Moments(t, state, gradient);
    Totals total = new Totals(s, adjoint);
    for (int i = 0; i < out.length; i++) {
      out[i] = (1 - s.beta1[i]) * total.m[i] + 2 * (1 - s.beta2[i]) * gradient[i] * total.v[i];
    }
  }

  @Override
  public void adjoint(int t, double[][] state, double[] gradient, double[][] adjoint, double[][] scheduleAdjoints) {
    int d = gradient.length;
    Moments s = new Moments(t, state, gradient);
    Totals total = new Totals(s, adjoint);
    schedules.accumulate(0, t, -1.0, s.ratio, adjoint[0], scheduleAdjoints[0]);
    double[] mMinusG = new double[d];
    double[] vMinusG2 = new double[d];
    for (int i = 0; i < d; i++) {
      mMinusG[i] = state[1][i] - gradient[i];
      vMinusG2[i] = state[2][i] - gradient[i] * gradient[i];
    }
    schedules.accumulate(1, t, 1.0, mMinusG, total.m, scheduleAdjoints[1]);
    schedules.accumulate(1, t, 1.0, state[3], total.p, scheduleAdjoints[1]);
    schedules.accumulate(2, t, 1.0, vMinusG2, total.v, scheduleAdjoints[2]);
    schedules.accumulate(2, t, 1.0, state[4], total.q, scheduleAdjoints[2]);
    Kernels.hadamard(s.beta1, total.m, adjoint[1]);
    Kernels.hadamard(s.beta2, total.v, adjoint[2]);
    Kernels.hadamard(s.beta1, total.p, adjoint[3]);
    Kernels.hadamard(s.beta2, total.q, adjoint[4]);
  }

  @Override
  public void tangent(int t, double[][] state, double[] gradient, double[] gradientTangent, double[][] tangent,
      double[][] scheduleTangents) {
    int d = gradient.length;
    Moments s = new Moments(t, state, gradient);
    double[] alphaDot = expandTangent(0, scheduleTangents, d);
    double[] beta1Dot = expandTangent(1, scheduleTangents, d);
    double[] beta2Dot = expandTangent(2, scheduleTangents, d);
    for (int i = 0; i < d; i++) {
      double b1 = beta1Dot == null ? 0.0 : beta1Dot[i];
      double b2 = beta2Dot == null ? 0.0 : beta2Dot[i];
      double g = gradient[i];
      double mDot = b1 * (state[1][i] - g) + s.beta1[i] * tangent[1][i] + (1 - s.beta1[i]) * gradientTangent[i];
      double vDot = b2 * (state[2][i] - g * g) + s.beta2[i] * tangent[2][i]
          + 2 * (1 - s.beta2[i]) * g * gradientTangent[i];
      double pDot = b1 * state[3][i] + s.beta1[i] * tangent[3][i];
      double qDot = b2 * state[4][i] + s.beta2[i] * tangent[4][i];
      double mHatDot = (mDot + s.mHat[i] * pDot) / (1 - s.pNext[i]);
      double vHatDot = (vDot + s.vHat[i] * qDot) / (1 - s.qNext[i]);
      double rootDot = s.root[i] > 0 ? vHatDot / (2 * s.root[i]) : 0.0;
      double ratioDot = (mHatDot - s.ratio[i] * rootDot) / s.denominator[i];
      tangent[0][i] -= s.alpha[i] * ratioDot + (alphaDot == null ? 0.0 : alphaDot[i] * s.ratio[i]);
      tangent[1][i] = mDot;
      tangent[2][i] = vDot;
      tangent[3][i] = pDot;
      tangent[4][i] = qDot;
    }
  }
}
