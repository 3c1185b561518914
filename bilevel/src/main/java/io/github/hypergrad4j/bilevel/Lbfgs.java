package io.github.hypergrad4j.bilevel;

import io.github.hypergrad4j.linalg.Kernels;
import java.util.Arrays;

/**
 * Limited-memory BFGS (Liu and Nocedal, "On the limited memory BFGS method for large scale
 * optimization", Math. Programming 45, 1989; Nocedal and Wright, "Numerical Optimization", 2nd
 * ed., Algorithm 7.4 for the two-loop recursion): the direction d = −H·∇f with H the inverse
 * Hessian approximation built from the last m pairs (s, y) = (Δθ, Δ∇f), scaled by
 * γ = sᵀy / yᵀy; a pair is kept only when sᵀy &gt; 0 (curvature condition).
 *
 * <p>Step length by backtracking from 1, halving α, until either the Armijo condition holds with
 * a strict decrease, f(θ + αd) &lt; f(θ) and f(θ + αd) ≤ f(θ) + 10⁻⁴·α·∇fᵀd, or — near the
 * minimum, where the decrease of f falls below the rounding noise of f — the approximate Wolfe
 * conditions of Hager and Zhang ("A new conjugate gradient method with guaranteed descent and an
 * efficient line search", SIAM J. Optim. 16(1), 2005, eq. 4.1): f(θ + αd) ≤ f(θ) + 10⁻¹⁰·max(1,
 * |f(θ)|) and 0.9·φ′(0) ≤ φ′(α) ≤ (2·0.1 − 1)·φ′(0) with φ′(α) = ∇f(θ + αd)ᵀd, which judge the
 * step by its slope, a quantity still accurate there. After 50 halvings, or when the step no
 * longer changes θ, the search fails (LINE_SEARCH_FAILED: no progress at the precision of f). A
 * direction that is not a descent direction is replaced by −∇f. Stopping: ‖∇f‖₂ ≤ tolerance or
 * the iteration budget; NaN/±∞ in f or ∇f ends with DIVERGED. Cost: one gradient per trial step
 * (usually one per iteration) and O(m·n) arithmetic.
 *
 * <p><b>Diagonal preconditioning.</b> When f offers an estimate c of its Hessian's diagonal
 * ({@link DifferentiableFunction#diagonalCurvature()}), the initial inverse Hessian of the
 * two-loop recursion is H₀ = γ·D with D = diag(1/c_i) and γ = sᵀy / yᵀDy (γ = 1 before the first
 * pair), instead of γ·I with γ = sᵀy / yᵀy (Nocedal and Wright §7.2, on the choice of H₀, and
 * §5.1 on preconditioning; Gilbert and Lemaréchal, Math. Programming 45, 1989, on diagonal H₀).
 * This is exactly L-BFGS in the rescaled variables z = D^(−1/2)·θ: there the gradient is
 * D^(1/2)∇f, the pairs are (D^(−1/2)s, D^(1/2)y), so sᵀy is unchanged and yᵀy becomes yᵀDy, and
 * the Hessian D^(1/2)·∇²f·D^(1/2) has a diagonal of about 1. The minimiser is the same; only the
 * path to it changes. Why it matters: for f = ℓ(θ) + ½ Σ λ_i θ_i², ∇²f = ∇²ℓ + diag(λ), so
 * penalties spread over many decades (10⁻⁸ … 10) spread the curvature by the same factor,
 * coordinate by coordinate, which the scalar γ cannot absorb; with c_i = a_i + λ_i (a_i a
 * curvature scale of ℓ, {@link DiagonalCurvature}) D removes that spread. The first step, −D∇f,
 * is shortened to length 1 as −∇f is without D. Extra cost: O(n) per iteration.
 */
final class Lbfgs implements InnerOptimizer {

  private static final double ARMIJO = 1e-4;
  private static final double WOLFE_DECREASE = 0.1;
  private static final double WOLFE_CURVATURE = 0.9;
  private static final double NOISE = 1e-10;
  private static final int MAX_HALVINGS = 50;

  private final int memory;

  /** With {@code memory} ≥ 1 pairs (checked by {@link InnerOptimizer#lbfgs(int)}). */
  Lbfgs(int memory) {
    this.memory = memory;
  }

  @Override
  public String name() {
    return "lbfgs(" + memory + ")";
  }

  @Override
  public InnerResult minimize(DifferentiableFunction f, double[] theta0, InnerStopping stopping) {
    Check.minimizeArguments(f, theta0, stopping);
    int n = theta0.length;
    // at most one pair is stored per iteration: a ring longer than the budget would stay unused
    int capacity = Math.max(1, Math.min(memory, stopping.maxIterations()));
    double[] theta = theta0.clone();
    double[] g = new double[n];
    double[] scale = inverseDiagonal(f, n); // D, or null without a preconditioner
    double value = f.valueAndGradient(theta, g);
    int evaluations = 1;
    if (!Double.isFinite(value) || !Double.isFinite(Kernels.nrm2(g))) {
      return new InnerResult(theta, InnerResult.Status.DIVERGED, 0, evaluations, value, Kernels.nrm2(g));
    }
    double[][] s = new double[capacity][];
    double[][] y = new double[capacity][];
    double[] rho = new double[capacity];
    int stored = 0;
    int newest = -1;
    double[] d = new double[n];
    double[] trial = new double[n];
    double[] gTrial = new double[n];
    double[] alpha = new double[capacity];
    for (int it = 0; ; it++) {
      double norm = Kernels.nrm2(g);
      if (norm <= stopping.gradientTolerance()) {
        return new InnerResult(theta, InnerResult.Status.CONVERGED, it, evaluations, value, norm);
      }
      if (it == stopping.maxIterations()) {
        return new InnerResult(theta, InnerResult.Status.MAX_ITERATIONS, it, evaluations, value, norm);
      }
      // two-loop recursion: d = −H g
      System.arraycopy(g, 0, d, 0, n);
      for (int k = 0; k < stored; k++) {
        int j = Math.floorMod(newest - k, capacity);
        alpha[j] = rho[j] * Kernels.dot(s[j], d);
        Kernels.axpy(-alpha[j], y[j], d);
      }
      if (stored > 0) {
        Kernels.scal(Kernels.dot(s[newest], y[newest]) / weightedSquare(y[newest], scale, trial), d);
      }
      if (scale != null) { // H₀ = γ·D
        multiply(d, scale);
      }
      for (int k = stored - 1; k >= 0; k--) {
        int j = Math.floorMod(newest - k, capacity);
        double beta = rho[j] * Kernels.dot(y[j], d);
        Kernels.axpy(alpha[j] - beta, s[j], d);
      }
      Kernels.scal(-1.0, d);
      double slope = Kernels.dot(g, d);
      if (!(slope < 0)) { // not a descent direction: fall back to (preconditioned) steepest descent
        System.arraycopy(g, 0, d, 0, n);
        Kernels.scal(-1.0, d);
        if (scale != null) {
          multiply(d, scale);
        }
        slope = scale == null ? -norm * norm : Kernels.dot(g, d);
        stored = 0;
      }
      // backtracking line search (the first iteration starts with a step of length ≤ 1)
      double step = it == 0 ? Math.min(1.0, 1.0 / (scale == null ? norm : Kernels.nrm2(d))) : 1.0;
      double noise = NOISE * Math.max(1.0, Math.abs(value));
      double trialValue = Double.NaN;
      boolean accepted = false;
      for (int h = 0; h <= MAX_HALVINGS; h++, step *= 0.5) {
        System.arraycopy(theta, 0, trial, 0, n);
        Kernels.axpy(step, d, trial);
        if (Arrays.equals(trial, theta)) {
          break; // the step no longer changes θ
        }
        trialValue = f.valueAndGradient(trial, gTrial);
        evaluations++;
        if (!Double.isFinite(trialValue)) {
          continue;
        }
        boolean armijo = trialValue < value && trialValue <= value + ARMIJO * step * slope;
        double trialSlope = Kernels.dot(gTrial, d);
        boolean approximateWolfe = trialValue <= value + noise
            && trialSlope >= WOLFE_CURVATURE * slope && trialSlope <= (2 * WOLFE_DECREASE - 1) * slope;
        if (armijo || approximateWolfe) {
          accepted = true;
          break;
        }
      }
      if (!accepted) {
        return new InnerResult(theta, InnerResult.Status.LINE_SEARCH_FAILED, it, evaluations, value, norm);
      }
      if (!Double.isFinite(Kernels.nrm2(gTrial))) {
        return new InnerResult(theta, InnerResult.Status.DIVERGED, it, evaluations, value, norm);
      }
      double[] sk = new double[n];
      double[] yk = new double[n];
      Kernels.sub(trial, theta, sk);
      Kernels.sub(gTrial, g, yk);
      double sy = Kernels.dot(sk, yk);
      if (sy > 1e-12 * Kernels.nrm2(sk) * Kernels.nrm2(yk)) {
        newest = (newest + 1) % capacity;
        s[newest] = sk;
        y[newest] = yk;
        rho[newest] = 1.0 / sy;
        stored = Math.min(stored + 1, capacity);
      }
      System.arraycopy(trial, 0, theta, 0, n);
      System.arraycopy(gTrial, 0, g, 0, n);
      value = trialValue;
    }
  }

  /** D = diag(1/c) from f's diagonal curvature c, or null when f offers none. */
  private static double[] inverseDiagonal(DifferentiableFunction f, int n) {
    double[] c = f.diagonalCurvature().orElse(null);
    if (c == null) {
      return null;
    }
    Check.positiveDiagonal("Lbfgs", "the diagonal curvature of f", c, n);
    double[] inverse = new double[n];
    for (int i = 0; i < n; i++) {
      inverse[i] = 1.0 / c[i];
    }
    return inverse;
  }

  /** yᵀy, or yᵀ(Dy) with D = diag(scale) (Dy in {@code work}; with D = I the same sum as yᵀy). */
  private static double weightedSquare(double[] y, double[] scale, double[] work) {
    if (scale == null) {
      return Kernels.dot(y, y);
    }
    System.arraycopy(y, 0, work, 0, y.length);
    multiply(work, scale);
    return Kernels.dot(y, work);
  }

  /** x ← x ⊙ scale. */
  private static void multiply(double[] x, double[] scale) {
    for (int i = 0; i < x.length; i++) {
      x[i] *= scale[i];
    }
  }
}
