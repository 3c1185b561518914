package io.github.hypergrad4j.ihvp;

import io.github.hypergrad4j.ihvp.IhvpResult.Status;
import io.github.hypergrad4j.linalg.Kernels;
import io.github.hypergrad4j.linalg.LinearOperator;

/**
 * MINRES for a symmetric, possibly indefinite or singular, A + ρI (Paige and Saunders, "Solution
 * of sparse indefinite systems of linear equations", SIAM J. Numer. Anal. 12(4), 1975, §6).
 *
 * <p><b>Formula.</b> The Lanczos process started from r₀ = b − (A + ρI)x₀ builds an orthonormal
 * basis V_k of the k-th Krylov space and the (k+1)×k tridiagonal T̄_k with (A + ρI)V_k =
 * V_{k+1}T̄_k; x_k = x₀ + V_k·y_k with y_k minimising ‖β₁e₁ − T̄_k·y‖₂, so x_k minimises the
 * residual norm over x₀ + the Krylov space (‖r_k‖₂ never increases). The least-squares problem is
 * updated by one Givens reflection per step (T̄_k = Q_k·R_k), and x_k by the three-term recurrence
 * of the "search directions" W_k = V_k·R_k⁻¹: w_k = (v_k − δ_k w_{k−1} − ε_k w_{k−2})/γ_k,
 * x_k = x_{k−1} + τ_k w_k, ‖r_k‖ = |φ̄_k| = |s_k|·|φ̄_{k−1}|. Unlike CG it needs no positive
 * definiteness, so it is the solver for indefinite Hessians (saddle points, non-convex models).
 * As for CG, rounding costs the three-term recurrence its finite termination on spread spectra;
 * {@link #withFullReorthogonalization()} restores it.
 *
 * <p><b>Cost.</b> One product with A per iteration, plus one for r₀ with a warm start, plus one
 * per convergence check of the true residual. Seven vectors of length n, x included.
 *
 * <p><b>Stopping rule.</b> When |φ̄_k| ≤ tolerance·‖b‖₂ (with a fixed budget, {@link
 * SolverOptions#withBudget}, only at ε²·‖b‖₂, where the estimate no longer reflects the truth) the
 * true residual is computed (one product); if it meets the tolerance, {@code CONVERGED}; otherwise
 * MINRES restarts from the true residual, and ends with {@code BREAKDOWN} if a restart did not at
 * least halve it (the attainable accuracy is reached). Also {@code BREAKDOWN} when γ_k ≤
 * 10·ε·‖T_k‖ (T_k numerically singular: b has a component outside the range of a singular A +
 * ρI and the least-squares residual is reached, or the Krylov space is exhausted), {@code
 * DIVERGED} on NaN or ±∞, and {@code MAX_ITERATIONS} at the limit or budget (default 10·n). A
 * solve whose returned x meets the tolerance is {@code CONVERGED} whichever way it stopped (but
 * for divergence).
 *
 * <p>The observer receives (k, |φ̄_k|) after every iteration. Needs {@link
 * LinearOperator#isSymmetric()}.
 */
public final class Minres implements IhvpSolver {

  private static final String NAME = "Minres";

  private final boolean reorthogonalize;

  /** MINRES with the three-term Lanczos recurrence (no reorthogonalisation). */
  public Minres() {
    this(false);
  }

  private Minres(boolean reorthogonalize) {
    this.reorthogonalize = reorthogonalize;
  }

  /**
   * This solver with full reorthogonalisation of the Lanczos vectors: each new one is projected
   * against all earlier ones, which restores the finite termination (within about n iterations)
   * that rounding takes from the three-term recurrence on spread spectra, at 8·k·n flops per
   * iteration and n·k doubles of memory (k the iterations so far). The basis is emptied at a
   * restart.
   */
  public Minres withFullReorthogonalization() {
    return new Minres(true);
  }

  @Override
  public IhvpResult solve(LinearOperator a, double[] b, SolverOptions options) {
    DampedProblem problem = DampedProblem.of(NAME, a, b, options, true);
    if (problem.rhsNorm() == 0) {
      return problem.zeroResult();
    }
    int limit = problem.limit(ConjugateGradient.defaultMaxIterations(problem.n()));
    int n = problem.n();
    double stop = problem.stopTarget();
    double check = problem.checkBelow();
    double[] x = problem.start();
    double[] r = new double[n];
    DampedProblem.Iterate truth = problem.initial(); // r is always the true residual of x here
    double rNorm = truth.residual(r);
    Cycle cycle = new Cycle(n, reorthogonalize ? Math.min(n, limit) + 1 : 0);
    double lastRestart = Double.POSITIVE_INFINITY;
    boolean verified = false; // the last cycle ended because |phi| said the tolerance was met
    int k = 0;
    while (true) {
      if (!Double.isFinite(rNorm)) {
        return problem.finish(truth, Status.DIVERGED, k, "MINRES: the residual became " + rNorm);
      }
      if (rNorm <= stop) {
        return problem.finish(truth, Status.CONVERGED, k,
            "MINRES converged in " + k + " iterations");
      }
      if (verified) {
        if (rNorm >= 0.5 * lastRestart) {
          return problem.finish(truth, Status.BREAKDOWN, k, problem.stagnation("MINRES", rNorm));
        }
        lastRestart = rNorm; // restart from the true residual
      }
      if (k >= limit) {
        return problem.finish(truth, Status.MAX_ITERATIONS, k, "MINRES: " + problem.spent(limit));
      }
      Status ended = cycle.run(problem, x, r, rNorm, k, limit, check);
      k = cycle.iterations;
      if (ended != null) {
        return problem.finish(x, ended, k, cycle.detail);
      }
      verified = cycle.estimate <= check;
      truth = problem.evaluate(x);
      rNorm = truth.residual(r);
    }
  }

  /** One MINRES cycle from x with residual r; its state lives here to keep solve() short. */
  private static final class Cycle {
    private final double[] v;
    private final double[] vPrevious;
    private final double[] q;
    private final double[] wPrevious;
    private final double[] wBeforePrevious;
    private final ProjectionBasis basis; // null without reorthogonalisation
    int iterations;
    double estimate;
    String detail;

    Cycle(int n, int basisCapacity) {
      basis = basisCapacity > 0 ? new ProjectionBasis(n, basisCapacity, false) : null;
      v = new double[n];
      vPrevious = new double[n];
      q = new double[n];
      wPrevious = new double[n];
      wBeforePrevious = new double[n];
    }

    /**
     * Runs until |φ̄| ≤ {@code check} or the limit (returns null; x updated, {@link #estimate}
     * set), or until a breakdown or a non-finite value (returns that status, with {@link
     * #detail}).
     */
    Status run(DampedProblem problem, double[] x, double[] r, double rNorm, int k0, int limit,
        double check) {
      double[] vk = v;
      double[] vkm1 = vPrevious;
      double[] next = q;
      double[] wkm1 = wPrevious;
      double[] wkm2 = wBeforePrevious;
      Kernels.copy(r, vk);
      Kernels.scal(1 / rNorm, vk);
      Kernels.fill(vkm1, 0);
      Kernels.fill(wkm1, 0);
      Kernels.fill(wkm2, 0);
      if (basis != null) {
        basis.clear();
        basis.add(vk, null, 1.0);
      }
      double tNorm = 0; // a running estimate of ‖T_k‖, the scale of γ_k
      double beta = rNorm; // β_k, the Lanczos coefficient multiplying v_{k−1}
      double phiBar = rNorm;
      double cPrevious = -1; // the reflection G_{k−1} = [c s; s −c]; G_0 is [−1 0; 0 1]
      double sPrevious = 0;
      double deltaBar = 0; // column k of T̄_k after G_{k−2}: (ε_k, δ̄_k) at rows k−2, k−1
      double epsilon = 0;
      iterations = k0;
      while (true) {
        problem.apply(vk, next);
        iterations++;
        double alpha = Kernels.dot(vk, next);
        Kernels.axpy(-alpha, vk, next);
        if (iterations > k0 + 1) {
          Kernels.axpy(-beta, vkm1, next);
        }
        if (basis != null) {
          basis.project(next);
        }
        double betaNext = Kernels.nrm2(next);
        tNorm = Math.max(tNorm, Math.abs(alpha) + beta + betaNext);
        // apply G_{k−1} to (δ̄_k, α_k), prepare column k+1, then form G_k from (γ̄_k, β_{k+1})
        double delta = cPrevious * deltaBar + sPrevious * alpha;
        double gammaBar = sPrevious * deltaBar - cPrevious * alpha;
        double epsilonNext = sPrevious * betaNext;
        double deltaBarNext = -cPrevious * betaNext;
        double gamma = Math.hypot(gammaBar, betaNext);
        if (!Double.isFinite(gamma) || !Double.isFinite(alpha)) {
          detail = "MINRES: a Lanczos coefficient became " + (Double.isFinite(alpha) ? gamma : alpha)
              + " at iteration " + iterations;
          return Status.DIVERGED;
        }
        if (gamma <= 10 * Math.ulp(1.0) * tNorm) {
          detail = "MINRES: gamma = " + gamma + " <= 10 eps ||T|| at iteration " + iterations
              + " (the tridiagonal T_k is numerically singular: b is not in the range of A + rho"
              + " I, or the Krylov space is exhausted (then the residual estimate, |phi| = "
              + Math.abs(phiBar) + ", is at rounding level); x is the least-squares solution"
              + " so far)";
          return Status.BREAKDOWN;
        }
        double c = gammaBar / gamma;
        double s = betaNext / gamma;
        double tau = c * phiBar;
        phiBar = s * phiBar;
        // w_k = (v_k − δ_k w_{k−1} − ε_k w_{k−2}) / γ_k, written over w_{k−2}'s array
        Kernels.scal(-epsilon, wkm2);
        Kernels.axpy(-delta, wkm1, wkm2);
        Kernels.axpy(1.0, vk, wkm2);
        Kernels.scal(1 / gamma, wkm2);
        double[] newest = wkm2;
        wkm2 = wkm1;
        wkm1 = newest;
        Kernels.axpy(tau, wkm1, x);
        estimate = Math.abs(phiBar);
        problem.observe(iterations, estimate);
        if (estimate <= check || iterations >= limit || betaNext == 0) {
          return null;
        }
        epsilon = epsilonNext;
        deltaBar = deltaBarNext;
        cPrevious = c;
        sPrevious = s;
        // v_{k+1} = next / β_{k+1}
        Kernels.scal(1 / betaNext, next);
        if (basis != null) {
          basis.add(next, null, 1.0);
        }
        double[] old = vkm1;
        vkm1 = vk;
        vk = next;
        next = old;
        beta = betaNext;
      }
    }
  }
}
