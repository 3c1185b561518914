package io.github.hypergrad4j.ihvp;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The settings of one solve, immutable: start from {@link #defaults()} and derive with the
 * {@code with…} methods, each of which checks its argument and returns a new instance.
 *
 * <pre>{@code
 * SolverOptions options = SolverOptions.defaults()
 *     .withTolerance(1e-10)
 *     .withMaxIterations(200)
 *     .withDamping(1e-3)
 *     .withObserver((k, r) -> log.log(Level.DEBUG, "{0}: {1}", k, r));
 * SolverOptions tenProducts = SolverOptions.budget(10);   // exactly 10 iterations, no early stop
 * }</pre>
 *
 * <table>
 *   <caption>Settings and defaults</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>tolerance</td><td>10⁻⁸</td><td>a solve is {@code CONVERGED} when the true residual
 *       ‖b − (A + ρI)x‖₂ ≤ tolerance·‖b‖₂, and (without a fixed budget) stops as soon as it
 *       is</td></tr>
 *   <tr><td>maxIterations K</td><td>unset</td><td>the iteration limit (for Neumann and the fixed
 *       point, K: the terms after the first); unset means each solver's own default, stated in
 *       its Javadoc</td></tr>
 *   <tr><td>fixed budget</td><td>off</td><td>{@link #withBudget}: exactly K iterations, no early
 *       stop on the tolerance</td></tr>
 *   <tr><td>damping ρ</td><td>0</td><td>solve (A + ρI)x = b</td></tr>
 *   <tr><td>warmStart x₀</td><td>none (x₀ = 0)</td><td>the initial iterate (length checked at
 *       the solve)</td></tr>
 *   <tr><td>seed</td><td>{@value #DEFAULT_SEED}</td><td>of every random choice (Nyström
 *       columns and sketches, start vectors of spectrum estimates)</td></tr>
 *   <tr><td>observer</td><td>{@link IterationObserver#NONE}</td><td>receives (iteration,
 *       residual norm)</td></tr>
 * </table>
 *
 * <p><b>Limit or budget.</b> {@link #withMaxIterations(int) withMaxIterations(K)} caps a solve at K
 * iterations and lets it stop as soon as its residual meets the tolerance; {@link #withBudget(int)
 * withBudget(K)} (or {@link #budget(int) budget(K)}) makes it spend all K — the setting of an
 * accuracy-versus-cost comparison — and stop earlier only when the method cannot continue (an
 * exact solution, a breakdown, divergence). Either way the status is decided by the true residual
 * of the returned x: {@code CONVERGED} when it meets the tolerance, also when that happened on the
 * last iteration, else {@code MAX_ITERATIONS}. What counts toward K:
 *
 * <ul>
 *   <li>{@link ConjugateGradient}, {@link Minres}, {@link NystromPreconditionedCg}: iterations, one
 *       product with A each; on top of K come one product for r₀ with a warm start, one for the
 *       final true residual (and one per convergence check), and Nyström-PCG's k sketch products;
 *   <li>{@link NeumannSeries}, {@link FixedPointIteration}: K, the terms after the first of the
 *       partial sum x_K (both compute the same x_K with the same step), one product each; on top
 *       come one for r₀ with a warm start, the power-iteration products of the automatic step, and
 *       one for the final true residual (free when the fixed point stops early);
 *   <li>{@link NystromSolver}, {@link ExactSolver}: K is ignored (one solve of k, or n, products
 *       plus the final residual).
 * </ul>
 */
public final class SolverOptions {

  /** The default relative tolerance, 10⁻⁸. */
  public static final double DEFAULT_TOLERANCE = 1e-8;

  /** The default seed. */
  public static final long DEFAULT_SEED = 20231L;

  private static final SolverOptions DEFAULTS = new SolverOptions(DEFAULT_TOLERANCE, -1, false,
      0.0, null, DEFAULT_SEED, IterationObserver.NONE);

  private final double tolerance;
  private final int maxIterations; // -1: the solver's default
  private final boolean fixedBudget; // spend all maxIterations, no early stop on the tolerance
  private final double damping;
  private final double[] warmStart; // null: start from 0
  private final long seed;
  private final IterationObserver observer;

  private SolverOptions(double tolerance, int maxIterations, boolean fixedBudget, double damping,
      double[] warmStart, long seed, IterationObserver observer) {
    this.tolerance = tolerance;
    this.maxIterations = maxIterations;
    this.fixedBudget = fixedBudget;
    this.damping = damping;
    this.warmStart = warmStart;
    this.seed = seed;
    this.observer = observer;
  }

  /** Tolerance 10⁻⁸, the solver's iteration limit, no damping, no warm start, the default seed. */
  public static SolverOptions defaults() {
    return DEFAULTS;
  }

  /**
   * The defaults with a fixed budget of K iterations: {@code defaults().withBudget(k)}.
   *
   * @throws IllegalArgumentException if K is negative
   */
  public static SolverOptions budget(int k) {
    return DEFAULTS.withBudget(k);
  }

  /**
   * @param relativeTolerance the solve is {@code CONVERGED} when its true residual ‖r‖₂ ≤
   *     relativeTolerance·‖b‖₂, and stops then unless it has a fixed budget (0: only an exact
   *     solution converges; for a fixed number of iterations use {@link #withBudget}); finite and
   *     ≥ 0
   * @throws IllegalArgumentException if it is negative, NaN or infinite
   */
  public SolverOptions withTolerance(double relativeTolerance) {
    if (!(relativeTolerance >= 0) || Double.isInfinite(relativeTolerance)) {
      throw new IllegalArgumentException(
          "SolverOptions: tolerance must be finite and >= 0, got " + relativeTolerance);
    }
    return new SolverOptions(relativeTolerance, maxIterations, fixedBudget, damping, warmStart,
        seed, observer);
  }

  /**
   * An iteration limit: the solve stops after K iterations, or as soon as its residual meets the
   * tolerance. Replaces a fixed budget set before.
   *
   * @param limit K, the iteration limit (for the Neumann series and the fixed point: the number
   *     of terms after the first); ≥ 0
   * @throws IllegalArgumentException if it is negative
   */
  public SolverOptions withMaxIterations(int limit) {
    checkIterations("maxIterations (K)", limit);
    return new SolverOptions(tolerance, limit, false, damping, warmStart, seed, observer);
  }

  /**
   * A fixed budget: the solve makes exactly K iterations (see the class comment for what counts
   * toward K per solver) and does not stop early when the tolerance is met — it stops earlier only
   * when its method cannot continue (an exact solution, a breakdown, divergence). The tolerance
   * still decides the status: {@code CONVERGED} if the true residual of the returned x meets it,
   * else {@code MAX_ITERATIONS}. Replaces an iteration limit set before.
   *
   * @param k the budget K, ≥ 0
   * @throws IllegalArgumentException if it is negative
   */
  public SolverOptions withBudget(int k) {
    checkIterations("budget (K)", k);
    return new SolverOptions(tolerance, k, true, damping, warmStart, seed, observer);
  }

  private static void checkIterations(String name, int value) {
    if (value < 0) {
      throw new IllegalArgumentException("SolverOptions: " + name + " must be >= 0, got " + value);
    }
  }

  /**
   * @param rho the damping ρ: the solvers solve (A + ρI)x = b; finite and ≥ 0
   * @throws IllegalArgumentException if it is negative, NaN or infinite
   */
  public SolverOptions withDamping(double rho) {
    if (!(rho >= 0) || Double.isInfinite(rho)) {
      throw new IllegalArgumentException(
          "SolverOptions: damping rho must be finite and >= 0, got " + rho);
    }
    return new SolverOptions(tolerance, maxIterations, fixedBudget, rho, warmStart, seed, observer);
  }

  /**
   * @param x0 the initial iterate (copied), finite; its length is checked against n by the solve;
   *     null removes the warm start
   * @throws IllegalArgumentException if it holds NaN or ±∞
   */
  public SolverOptions withWarmStart(double[] x0) {
    if (x0 != null) {
      for (int i = 0; i < x0.length; i++) {
        if (!Double.isFinite(x0[i])) {
          throw new IllegalArgumentException(
              "SolverOptions: the warm start must be finite, but x0[" + i + "] = " + x0[i]);
        }
      }
    }
    double[] copy = x0 == null ? null : x0.clone();
    return new SolverOptions(tolerance, maxIterations, fixedBudget, damping, copy, seed, observer);
  }

  /** @param newSeed the seed of every random choice of the solve */
  public SolverOptions withSeed(long newSeed) {
    return new SolverOptions(tolerance, maxIterations, fixedBudget, damping, warmStart, newSeed,
        observer);
  }

  /**
   * @param newObserver receives (iteration, residual norm) once per iteration
   * @throws IllegalArgumentException if it is null (use {@link IterationObserver#NONE})
   */
  public SolverOptions withObserver(IterationObserver newObserver) {
    if (newObserver == null) {
      throw new IllegalArgumentException(
          "SolverOptions: observer is null (use IterationObserver.NONE for none)");
    }
    return new SolverOptions(tolerance, maxIterations, fixedBudget, damping, warmStart, seed,
        newObserver);
  }

  /** The relative tolerance. */
  public double tolerance() {
    return tolerance;
  }

  /** The iteration limit or budget K, or empty for the solver's default. */
  public OptionalInt maxIterations() {
    return maxIterations < 0 ? OptionalInt.empty() : OptionalInt.of(maxIterations);
  }

  /** The iteration limit or budget K if set, else {@code solverDefault}. */
  public int maxIterationsOr(int solverDefault) {
    return maxIterations < 0 ? solverDefault : maxIterations;
  }

  /**
   * Whether K is a fixed budget ({@link #withBudget}: no early stop on the tolerance) rather than
   * a limit.
   */
  public boolean isFixedBudget() {
    return fixedBudget;
  }

  /** The damping ρ ≥ 0. */
  public double damping() {
    return damping;
  }

  /** A copy of the warm start, or empty when the solve starts from x₀ = 0. */
  public Optional<double[]> warmStart() {
    return warmStart == null ? Optional.empty() : Optional.of(warmStart.clone());
  }

  /** The seed of the solve's random choices. */
  public long seed() {
    return seed;
  }

  /** The observer (never null). */
  public IterationObserver observer() {
    return observer;
  }

  @Override
  public String toString() {
    return "SolverOptions[tolerance=" + tolerance + ", "
        + (fixedBudget ? "budget" : "maxIterations") + "="
        + (maxIterations < 0 ? "default" : maxIterations) + ", damping=" + damping
        + ", warmStart=" + (warmStart == null ? "none" : "length " + warmStart.length)
        + ", seed=" + seed + "]";
  }
}
