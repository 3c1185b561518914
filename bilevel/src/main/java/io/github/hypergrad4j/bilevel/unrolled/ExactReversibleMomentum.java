package io.github.hypergrad4j.bilevel.unrolled;

import static io.github.hypergrad4j.bilevel.unrolled.HyperparameterKind.MOMENTUM;

/**
 * {@link MaclaurinMomentum} run in fixed point so that every step can be undone exactly: the
 * backward pass rebuilds each θ_t and v_t bit for bit from θ_T, v_T and an information buffer,
 * without storing the trajectory (Maclaurin, Duvenaud and Adams 2015, §2.3 and Algorithm 3). Use
 * it with {@link TrajectoryStore#reversible()}.
 *
 * <h2>Fixed point</h2>
 *
 * θ and v are integers in units of 2⁻⁴⁴ with magnitude at most 2⁵² − 1 (|x| &lt; 256, resolution
 * 2⁻⁴⁴ ≈ 5.7·10⁻¹⁴); the state arrays hold them as doubles, which is exact, so a stored or
 * checkpointed trajectory of this optimiser holds the same numbers. θ₀ is rounded to the grid. A
 * step whose result leaves the range is not wrapped around: the run stops with status OVERFLOW.
 *
 * <h2>Forward step, per parameter</h2>
 *
 * <pre>
 *   v ← ⌊γ_t·(v + o)⌋ − ⌊γ_t·o⌋   (o: a pseudo-random offset per step and parameter; pushes
 *                                 the index of v among the values with the same result)
 *   v ← v − round((1 − γ_t)·g_t)
 *   θ ← θ + round(α_t·v)
 * </pre>
 *
 * round(x) is x·2⁴⁴ rounded to the nearest integer, computed in double from the previous
 * integers, so it is the same number whenever its inputs are. The multiplication is made exactly
 * invertible by {@link FixedPoint#multiply}: it stores ⌈log₂⌈1/γ⌉⌉ bits at most (0 or 1 for γ ≥ ½,
 * 2(1 − γ) on average: 0.2 for γ = 0.9, against the information bound log₂(1/γ) = 0.15) per
 * parameter and step, in O(1) time.
 *
 * <h2>Reverse step</h2>
 *
 * <pre>
 *   θ ← θ − round(α_t·v)          (v = v_{t+1}: now θ = θ_t)
 *   g_t = ∇_θ f(θ_t, λ; B_t)      (one gradient, the same numbers as in the forward run)
 *   v ← v + round((1 − γ_t)·g_t)
 *   v ← the preimage of v under the multiplication whose index the buffer holds (pops it)
 * </pre>
 *
 * Parameters are undone in the reverse order of the forward step, so the buffer is a stack.
 *
 * <h2>Derivatives</h2>
 *
 * The hypergradient is the adjoint (and tangent) of the exact-arithmetic step — {@link
 * MaclaurinMomentum}'s rules — evaluated on this fixed-point trajectory. The rounding it ignores
 * is below 2⁻⁴⁴ per operation, far below the resolution of any finite difference. γ must be in
 * [0, 1) (and 0 or at least 2⁻⁹⁰⁰, where the exact products are exact); γ = 0 forgets v and
 * stores all of it.
 */
public final class ExactReversibleMomentum extends ScheduledOptimizer<ExactReversibleMomentum> {

  private final MaclaurinMomentum rules;

  private ExactReversibleMomentum(ScheduleSet schedules) {
    super("momentum (Maclaurin's form, exactly reversible)", 2, schedules);
    Schedule gamma = schedules.get(MOMENTUM);
    for (int t = 0; t < gamma.steps(); t++) {
      for (int k = 0; k < gamma.groups(); k++) {
        double g = gamma.value(t, k);
        if (g > 0 && g < FixedPoint.SMALLEST_GAMMA) {
          throw new IllegalArgumentException("ExactReversibleMomentum: the momentum at step " + t + ", group " + k
              + " is " + g + ", positive but below 2^-900 (use 0)");
        }
      }
    }
    this.rules = new MaclaurinMomentum(schedules);
  }

  /** The reversible form with one-group schedules α ≥ 0 and γ in [0, 1) of the same length T. */
  public static ExactReversibleMomentum of(Schedule learningRate, Schedule momentum) {
    return of(learningRate, momentum, null);
  }

  /** The reversible form whose schedules may have one value per group of {@code groups}. */
  public static ExactReversibleMomentum of(Schedule learningRate, Schedule momentum, ParameterGroups groups) {
    return new ExactReversibleMomentum(
        ScheduleSet.learningRateAndMomentum("ExactReversibleMomentum", groups, learningRate, momentum, false));
  }

  @Override
  ExactReversibleMomentum rebuild(ScheduleSet replaced) {
    return new ExactReversibleMomentum(replaced);
  }

  /** The largest |θ| or |v| the fixed-point format holds, (2⁵² − 1)·2⁻⁴⁴ ≈ 256. */
  public static double maxMagnitude() {
    return FixedPoint.maxMagnitude();
  }

  /** Bits after the binary point of the fixed-point format (44). */
  public static int fractionBits() {
    return FixedPoint.FRACTION_BITS;
  }

  /**
   * θ₀ rounded to the fixed-point grid, v₀ = 0.
   *
   * @throws IllegalArgumentException if some |θ₀,i| exceeds {@link #maxMagnitude()}
   */
  @Override
  public void start(double[] theta0, double[][] state) {
    super.start(theta0, state);
    for (int i = 0; i < theta0.length; i++) {
      long c = FixedPoint.round(theta0[i]);
      if (c == FixedPoint.OUT_OF_RANGE) {
        throw new IllegalArgumentException("ExactReversibleMomentum: theta0[" + i + "] = " + theta0[i]
            + " is outside the fixed-point range +-" + maxMagnitude());
      }
      state[0][i] = FixedPoint.toDouble(c);
    }
  }

  @Override
  public boolean step(int t, double[][] state, double[] gradient) {
    return step(t, state, gradient, null);
  }

  /** The forward step, pushing the discarded bits on {@code buffer} when it is not null. */
  boolean step(int t, double[][] state, double[] gradient, InformationBuffer buffer) {
    int d = gradient.length;
    double[] alpha = expand(0, t, d);
    double[] gamma = expand(1, t, d);
    double[] theta = state[0];
    double[] v = state[1];
    for (int i = 0; i < d; i++) {
      long vi = FixedPoint.multiply(FixedPoint.ofGrid(v[i]), gamma[i], FixedPoint.offset(t, i), buffer);
      long push = FixedPoint.round((1 - gamma[i]) * gradient[i]);
      if (push == FixedPoint.OUT_OF_RANGE) {
        return false;
      }
      vi -= push;
      if (!FixedPoint.inRange(vi)) {
        return false;
      }
      v[i] = FixedPoint.toDouble(vi);
      long move = FixedPoint.round(alpha[i] * v[i]);
      long thetaI = FixedPoint.ofGrid(theta[i]) + (move == FixedPoint.OUT_OF_RANGE ? 0 : move);
      if (move == FixedPoint.OUT_OF_RANGE || !FixedPoint.inRange(thetaI)) {
        return false;
      }
      theta[i] = FixedPoint.toDouble(thetaI);
    }
    return true;
  }

  /** Undoes the position update of step t: θ_{t+1} → θ_t (v still v_{t+1}). */
  void undoPosition(int t, double[][] state) {
    int d = state[0].length;
    double[] alpha = expand(0, t, d);
    double[] theta = state[0];
    double[] v = state[1];
    for (int i = 0; i < d; i++) {
      theta[i] = FixedPoint.toDouble(FixedPoint.ofGrid(theta[i]) - FixedPoint.round(alpha[i] * v[i]));
    }
  }

  /** Undoes the velocity update of step t with g_t: v_{t+1} → v_t, popping from {@code buffer}. */
  void undoVelocity(int t, double[][] state, double[] gradient, InformationBuffer buffer) {
    int d = gradient.length;
    double[] gamma = expand(1, t, d);
    double[] v = state[1];
    for (int i = d - 1; i >= 0; i--) {
      long vi = FixedPoint.ofGrid(v[i]) + FixedPoint.round((1 - gamma[i]) * gradient[i]);
      v[i] = FixedPoint.toDouble(FixedPoint.divide(vi, gamma[i], FixedPoint.offset(t, i), buffer));
    }
  }

  @Override
  public void gradientCotangent(int t, double[][] state, double[] gradient, double[][] adjoint, double[] out) {
    rules.gradientCotangent(t, state, gradient, adjoint, out);
  }

  @Override
  public void adjoint(int t, double[][] state, double[] gradient, double[][] adjoint, double[][] scheduleAdjoints) {
    rules.adjoint(t, state, gradient, adjoint, scheduleAdjoints);
  }

  @Override
  public void tangent(int t, double[][] state, double[] gradient, double[] gradientTangent, double[][] tangent,
      double[][] scheduleTangents) {
    rules.tangent(t, state, gradient, gradientTangent, tangent, scheduleTangents);
  }
}
