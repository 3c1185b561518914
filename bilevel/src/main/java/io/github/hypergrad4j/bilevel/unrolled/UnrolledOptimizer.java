package io.github.hypergrad4j.bilevel.unrolled;

import java.util.List;

/**
 * A training optimiser that can be differentiated through: its forward step, the adjoint of that
 * step (for reverse mode) and its tangent (for forward mode), with every per-step quantity a
 * {@link Schedule}.
 *
 * <h2>The contract</h2>
 *
 * The optimiser's state before step t is s_t = (θ_t, w_t), {@link #stateVectors()} vectors of θ's
 * length d: {@code state[0]} is θ and the others are the optimiser's own (velocity, moments, …).
 * Step t maps it with the training gradient g_t = ∇_θ f(θ_t, λ; B_t) at θ_t:
 *
 * <pre>    s_{t+1} = Φ_t(s_t, g_t; η_t)       (η_t: the schedules' values at step t)</pre>
 *
 * Reverse mode carries the adjoint s̄ = ∂L/∂s of the validation loss L = g(θ_T, λ) backwards.
 * Through step t, with H = ∇²_θθ f and M = ∇²_λθ f at (θ_t, λ; B_t):
 *
 * <pre>
 *   ḡ_t  = (∂Φ_t/∂g)ᵀ s̄_{t+1}                          ({@link #gradientCotangent})
 *   s̄_t  = (∂Φ_t/∂s)ᵀ s̄_{t+1}  +  (H ḡ_t on θ's part)  ({@link #adjoint}, then the caller adds H ḡ_t)
 *   η̄_t  = (∂Φ_t/∂η)ᵀ s̄_{t+1}                          ({@link #adjoint}, per group)
 *   λ̄   += M ḡ_t                                         (the caller)
 * </pre>
 *
 * H ḡ_t and M ḡ_t come from one forward-over-reverse sweep with the tangent ḡ_t on θ, so ḡ_t must
 * be known before the sweep: {@link #gradientCotangent} sees g_t only when {@link
 * #adjointNeedsGradient()} says it needs it (Adam), and the caller then spends one extra gradient
 * per backward step. Forward mode carries tangents ṡ = ds/dη for a direction η̇ with
 * ġ_t = H θ̇_t + ∇²_θλ f·λ̇ from the same kind of sweep ({@link #tangent}).
 *
 * <p>Implementations are immutable configurations; all per-run state lives in the arrays passed
 * in. {@code state} arrays passed to the derivative rules are read, never written.
 */
public interface UnrolledOptimizer {

  /** A short name for reports, e.g. {@code "heavy ball"}. */
  String name();

  /** The number of steps T (the length of every schedule). */
  int steps();

  /** The kinds of this optimiser's schedules, in the order of the schedule arrays below. */
  List<HyperparameterKind> scheduleKinds();

  /**
   * The schedule of {@code kind}.
   *
   * @throws IllegalArgumentException if this optimiser has no such schedule
   */
  Schedule schedule(HyperparameterKind kind);

  /**
   * The same optimiser with the schedule of {@code kind} replaced (for an outer step on it).
   *
   * @throws IllegalArgumentException if the kind is not one of this optimiser's or the schedule
   *     does not fit (length, groups, range)
   */
  UnrolledOptimizer withSchedule(HyperparameterKind kind, Schedule schedule);

  /** The parameter groups the schedules refer to, or null when every schedule has one group. */
  ParameterGroups groups();

  /** The number of length-d vectors in the state (1 for SGD; θ is always the first). */
  int stateVectors();

  /** Whether {@link #gradientCotangent} needs g_t (then the caller computes it first). */
  default boolean adjointNeedsGradient() {
    return false;
  }

  /**
   * Writes the initial state s₀ for θ₀ into {@code state} ({@link #stateVectors()} arrays of
   * length d).
   *
   * @throws IllegalArgumentException if θ₀ cannot be represented (see {@link
   *     ExactReversibleMomentum}) or the parameter groups do not cover d parameters
   */
  void start(double[] theta0, double[][] state);

  /**
   * Step t in place: s_t → s_{t+1} with the gradient g_t at θ_t.
   *
   * @return false if the state left the range the optimiser can represent (only fixed-point
   *     optimisers can fail so; the run then stops with status OVERFLOW)
   */
  boolean step(int t, double[][] state, double[] gradient);

  /**
   * ḡ_t = (∂Φ_t/∂g)ᵀ s̄_{t+1} into {@code out}.
   *
   * @param state s_t (read only)
   * @param gradient g_t, or null unless {@link #adjointNeedsGradient()}
   * @param adjoint s̄_{t+1} (read only)
   */
  void gradientCotangent(int t, double[][] state, double[] gradient, double[][] adjoint, double[] out);

  /**
   * In place, s̄_{t+1} → (∂Φ_t/∂s)ᵀ s̄_{t+1} (the caller then adds H ḡ_t to the θ part), and the
   * schedules' adjoints of step t added into {@code scheduleAdjoints[j][t·G_j + k]} for every j
   * whose array is not null (null: not asked for).
   *
   * @param state s_t (read only)
   * @param gradient g_t
   */
  void adjoint(int t, double[][] state, double[] gradient, double[][] adjoint, double[][] scheduleAdjoints);

  /**
   * In place, ṡ_t → ṡ_{t+1} = (∂Φ_t/∂s) ṡ_t + (∂Φ_t/∂g) ġ_t + (∂Φ_t/∂η) η̇_t.
   *
   * @param state s_t (read only)
   * @param gradient g_t
   * @param gradientTangent ġ_t = H θ̇_t + ∇²_θλ f·λ̇
   * @param tangent ṡ_t, overwritten with ṡ_{t+1}
   * @param scheduleTangents per schedule j, the tangent of its step-t values per group (length
   *     G_j), or null for zero
   */
  void tangent(int t, double[][] state, double[] gradient, double[] gradientTangent, double[][] tangent,
      double[][] scheduleTangents);
}
