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
 * }</pre>
 *
 * <table>
 *   <caption>Settings and defaults</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>tolerance</td><td>10⁻⁸</td><td>stop when ‖b − (A + ρI)x‖₂ ≤ tolerance·‖b‖₂ (0:
 *       run to the iteration limit)</td></tr>
 *   <tr><td>maxIterations</td><td>unset</td><td>the iteration limit (for Neumann, K, the number
 *       of terms); unset means each solver's own default, stated in its Javadoc</td></tr>
 *   <tr><td>damping ρ</td><td>0</td><td>solve (A + ρI)x = b</td></tr>
 *   <tr><td>warmStart x₀</td><td>none (x₀ = 0)</td><td>the initial iterate (length checked at
 *       the solve)</td></tr>
 *   <tr><td>seed</td><td>{@value #DEFAULT_SEED}</td><td>of every random choice (Nyström
 *       columns and sketches, start vectors of spectrum estimates)</td></tr>
 *   <tr><td>observer</td><td>{@link IterationObserver#NONE}</td><td>receives (iteration,
 *       residual norm)</td></tr>
 * </table>
 */
public final class SolverOptions {

  /** The default relative tolerance, 10⁻⁸. */
  public static final double DEFAULT_TOLERANCE = 1e-8;

  /** The default seed. */
  public static final long DEFAULT_SEED = 20231L;

  private static final SolverOptions DEFAULTS =
      new SolverOptions(DEFAULT_TOLERANCE, -1, 0.0, null, DEFAULT_SEED, IterationObserver.NONE);

  private final double tolerance;
  private final int maxIterations; // -1: the solver's default
  private final double damping;
  private final double[] warmStart; // null: start from 0
  private final long seed;
  private final IterationObserver observer;

  private SolverOptions(double tolerance, int maxIterations, double damping, double[] warmStart,
      long seed, IterationObserver observer) {
    this.tolerance = tolerance;
    this.maxIterations = maxIterations;
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
   * @param relativeTolerance stop when ‖r‖₂ ≤ relativeTolerance·‖b‖₂; finite and ≥ 0
   * @throws IllegalArgumentException if it is negative, NaN or infinite
   */
  public SolverOptions withTolerance(double relativeTolerance) {
    if (!(relativeTolerance >= 0) || Double.isInfinite(relativeTolerance)) {
      throw new IllegalArgumentException(
          "SolverOptions: tolerance must be finite and >= 0, got " + relativeTolerance);
    }
    return new SolverOptions(relativeTolerance, maxIterations, damping, warmStart, seed, observer);
  }

  /**
   * @param limit the iteration limit (for the Neumann series, K: the number of terms after the
   *     first); ≥ 0
   * @throws IllegalArgumentException if it is negative
   */
  public SolverOptions withMaxIterations(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException(
          "SolverOptions: maxIterations (K) must be >= 0, got " + limit);
    }
    return new SolverOptions(tolerance, limit, damping, warmStart, seed, observer);
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
    return new SolverOptions(tolerance, maxIterations, rho, warmStart, seed, observer);
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
    return new SolverOptions(tolerance, maxIterations, damping, copy, seed, observer);
  }

  /** @param newSeed the seed of every random choice of the solve */
  public SolverOptions withSeed(long newSeed) {
    return new SolverOptions(tolerance, maxIterations, damping, warmStart, newSeed, observer);
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
    return new SolverOptions(tolerance, maxIterations, damping, warmStart, seed, newObserver);
  }

  /** The relative tolerance. */
  public double tolerance() {
    return tolerance;
  }

  /** The iteration limit, or empty for the solver's default. */
  public OptionalInt maxIterations() {
    return maxIterations < 0 ? OptionalInt.empty() : OptionalInt.of(maxIterations);
  }

  /** The iteration limit if set, else {@code solverDefault}. */
  public int maxIterationsOr(int solverDefault) {
    return maxIterations < 0 ? solverDefault : maxIterations;
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
    return "SolverOptions[tolerance=" + tolerance + ", maxIterations="
        + (maxIterations < 0 ? "default" : maxIterations) + ", damping=" + damping
        + ", warmStart=" + (warmStart == null ? "none" : "length " + warmStart.length)
        + ", seed=" + seed + "]";
  }
}
