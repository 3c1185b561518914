package io.github.hypergrad4j.ihvp;

import io.github.hypergrad4j.ihvp.IhvpResult.Status;
import io.github.hypergrad4j.linalg.Kernels;
import io.github.hypergrad4j.linalg.LinearOperator;

/**
 * The (preconditioned) conjugate gradient method for a symmetric positive-definite A + ρI
 * (Hestenes and Stiefel, J. Res. Nat. Bur. Standards 49(6), 1952; preconditioned form as in Saad,
 * <i>Iterative Methods for Sparse Linear Systems</i>, 2nd ed., Algorithm 9.1).
 *
 * <p><b>Formula.</b> From x₀ (the warm start, or 0), r₀ = b − (A + ρI)x₀, z₀ = M⁻¹r₀, p₀ = z₀;
 * then for k = 0, 1, …
 *
 * <pre>
 *   q = (A + ρI)·p_k,   α = r_kᵀz_k / p_kᵀq,   x_{k+1} = x_k + α·p_k,   r_{k+1} = r_k − α·q,
 *   z_{k+1} = M⁻¹·r_{k+1},   β = r_{k+1}ᵀz_{k+1} / r_kᵀz_k,   p_{k+1} = z_{k+1} + β·p_k
 * </pre>
 *
 * with M⁻¹ the optional preconditioner (identity when absent). x_k minimises the (A + ρI)-norm of
 * the error over x₀ + the k-th Krylov space, so in exact arithmetic it ends in at most n steps;
 * the error falls at least like 2((√κ − 1)/(√κ + 1))^k. In floating point the residuals lose
 * their orthogonality and spread spectra can need several times n steps; {@link
 * #withFullReorthogonalization()} restores termination within about n.
 *
 * <p><b>Cost.</b> One product with A per iteration, plus one for r₀ when there is a warm start
 * (r₀ = b is free otherwise), plus one per check of the true residual (below) — the last check is
 * the residual of the returned x, made at the end when the solve stops without one (at its limit,
 * say). Five vectors of length n (four without a preconditioner); one preconditioner application
 * per iteration.
 *
 * <p><b>Stopping rule.</b> When the recurrence's ‖r_k‖₂ ≤ tolerance·‖b‖₂ (with a fixed budget,
 * {@link SolverOptions#withBudget}, the tolerance does not stop the iteration; and a recurrence
 * residual at ε²·‖b‖₂ is checked whatever the tolerance, since it no longer reflects the truth),
 * the true residual b − (A + ρI)x_k is computed (one product). If it meets the tolerance: {@code
 * CONVERGED}. If not (the recurrence has drifted from the truth), CG restarts from the true
 * residual — unless the previous restart did not at least halve it: the attainable accuracy
 * (about ε·κ) is reached, and the solve ends with {@code BREAKDOWN} (reported {@code CONVERGED}
 * when that accuracy meets the tolerance, as under a fixed budget). Other endings:
 *
 * <ul>
 *   <li>pᵀ(A + ρI)p ≤ 0 for some direction p: {@code NEGATIVE_CURVATURE}, with the iterate before
 *       that step (the operator is not positive definite — an indefinite Hessian, e.g. at a saddle
 *       point; CG's answer would be meaningless, use {@link Minres});
 *   <li>rᵀM⁻¹r ≤ 0 for r ≠ 0: {@code BREAKDOWN}, the detail naming the cause — a preconditioner
 *       that is not positive definite, or (‖r‖ below 1.5·10⁻¹⁵⁴, which only a tiny b reaches) a
 *       square that underflows;
 *   <li>a NaN or ±∞ scalar: {@code DIVERGED}, with the last finite iterate;
 *   <li>the iteration limit or budget (default 10·n): {@code MAX_ITERATIONS}, or {@code CONVERGED}
 *       when the true residual of the last iterate meets the tolerance.
 * </ul>
 *
 * <p>The observer receives (k, recurrence ‖r_k‖₂) after every iteration. Needs {@link
 * LinearOperator#isSymmetric()} of A and of the preconditioner.
 */
public final class ConjugateGradient implements IhvpSolver {

  private static final String NAME = "ConjugateGradient";

  /** Below this, ‖r‖² underflows: √(smallest normal double), about 1.5·10⁻¹⁵⁴. */
  private static final double UNDERFLOW = Math.sqrt(Double.MIN_NORMAL);

  private final LinearOperator preconditioner; // M⁻¹, or null
  private final boolean reorthogonalize;

  /** Plain conjugate gradient. */
  public ConjugateGradient() {
    this.preconditioner = null;
    this.reorthogonalize = false;
  }

  private ConjugateGradient(LinearOperator preconditioner, boolean reorthogonalize) {
    this.preconditioner = preconditioner;
    this.reorthogonalize = reorthogonalize;
  }

  /**
   * Preconditioned conjugate gradient.
   *
   * @param inversePreconditioner M⁻¹, symmetric positive definite, applied once per iteration (for
   *     example a {@link io.github.hypergrad4j.linalg.DiagonalOperator} holding 1/diag(A + ρI));
   *     its products are not products with A and are not counted
   * @throws IllegalArgumentException if it is null or not symmetric
   */
  public ConjugateGradient(LinearOperator inversePreconditioner) {
    if (inversePreconditioner == null) {
      throw new IllegalArgumentException(NAME + ": the preconditioner is null");
    }
    if (!inversePreconditioner.isSymmetric()) {
      throw new IllegalArgumentException(NAME + ": the preconditioner ("
          + inversePreconditioner.getClass().getSimpleName() + ") is not symmetric"
          + " (isSymmetric() = false); preconditioned CG needs a symmetric positive-definite M^-1");
    }
    this.preconditioner = inversePreconditioner;
    this.reorthogonalize = false;
  }

  /**
   * This solver with full reorthogonalisation: every residual is stored and each new one is
   * projected against all of them (in the M⁻¹ inner product when preconditioned). In floating
   * point plain CG loses the orthogonality of its residuals and with it the finite termination of
   * exact arithmetic — on spread spectra it can need several times n iterations (n = 100, κ = 10³
   * log-uniform: about 190) — whereas with reorthogonalisation it ends within about n. Worth it
   * when products are expensive (Hessian-vector products) and n·k doubles fit in memory: each
   * iteration then costs 8·k·n more flops (k the iterations so far; twice the memory with a
   * preconditioner). The basis is emptied at a restart.
   */
  public ConjugateGradient withFullReorthogonalization() {
    return new ConjugateGradient(preconditioner, true);
  }

  /** The default iteration limit: 10·n (rounding can need more than the n of exact arithmetic). */
  static int defaultMaxIterations(int n) {
    return (int) Math.min(Integer.MAX_VALUE, 10L * n);
  }

  @Override
  public IhvpResult solve(LinearOperator a, double[] b, SolverOptions options) {
    DampedProblem problem = DampedProblem.of(NAME, a, b, options, true);
    if (preconditioner != null && preconditioner.dim() != problem.n()) {
      throw new IllegalArgumentException(NAME + ": the preconditioner is " + preconditioner.dim()
          + "x" + preconditioner.dim() + " but the operator is " + problem.n() + "x" + problem.n());
    }
    if (problem.rhsNorm() == 0) {
      return problem.zeroResult();
    }
    int limit = options.maxIterationsOr(defaultMaxIterations(problem.n()));
    return run(problem, preconditioner, reorthogonalize, limit,
        reorthogonalize ? "CG (reorthogonalised)" : "CG");
  }

  /**
   * Runs (preconditioned) CG on {@code problem} from its start, with the stopping rule of the
   * class comment. Shared with {@link NystromPreconditionedCg}.
   *
   * @param inversePreconditioner M⁻¹, or null for none
   * @param reorthogonalize whether to keep every residual and project new ones against them
   * @param label how the details name the method
   */
  static IhvpResult run(DampedProblem problem, LinearOperator inversePreconditioner,
      boolean reorthogonalize, int limit, String label) {
    int n = problem.n();
    double stop = problem.stopTarget();
    double check = problem.checkBelow();
    double[] x = problem.start();
    double[] r = new double[n];
    DampedProblem.Iterate truth = problem.initial(); // the iterate r was computed from, or null
    double rNorm = truth.residual(r);
    double lastRestart = Double.POSITIVE_INFINITY;
    double[] z = inversePreconditioner == null ? r : new double[n];
    double[] p = new double[n];
    double[] q = new double[n];
    ProjectionBasis basis = reorthogonalize
        ? new ProjectionBasis(n, Math.min(n, limit) + 1, inversePreconditioner != null)
        : null;
    int k = 0;

    while (true) {
      // r holds the residual of x; decide whether to stop, verify, or (re)start a CG cycle
      if (!Double.isFinite(rNorm)) {
        return end(problem, x, truth, k, Status.DIVERGED, label + ": the residual became " + rNorm);
      }
      boolean verified = false;
      if (truth == null && rNorm <= check) {
        truth = problem.evaluate(x); // the recurrence says done: ask the truth
        rNorm = truth.residual(r);
        verified = true;
      }
      if (rNorm <= stop && truth != null) {
        return problem.finish(truth, Status.CONVERGED, k, label + " converged in " + k
            + " iterations");
      }
      if (verified) {
        if (rNorm >= 0.5 * lastRestart) {
          return problem.finish(truth, Status.BREAKDOWN, k, problem.stagnation(label, rNorm));
        }
        lastRestart = rNorm; // restart from the true residual
      }
      if (k >= limit) {
        return end(problem, x, truth, k, Status.MAX_ITERATIONS,
            label + ": " + problem.spent(limit));
      }

      // a CG cycle from the residual r
      double rz = precondition(inversePreconditioner, r, z);
      if (!(rz > 0)) {
        return end(problem, x, truth, k, Double.isFinite(rz) ? Status.BREAKDOWN : Status.DIVERGED,
            label + ": " + cannotContinue(inversePreconditioner, rz, rNorm, k));
      }
      Kernels.copy(z, p);
      if (basis != null) {
        basis.clear();
        basis.add(r, z, Math.sqrt(rz));
      }
      while (true) {
        problem.apply(p, q);
        k++;
        double curvature = Kernels.dot(p, q);
        if (!Double.isFinite(curvature)) {
          return end(problem, x, truth, k, Status.DIVERGED,
              label + ": p^T (A + rho I) p = " + curvature + " at iteration " + k);
        }
        if (curvature <= 0) {
          return end(problem, x, truth, k, Status.NEGATIVE_CURVATURE,
              label + ": p^T (A + rho I) p = " + curvature + " <= 0 at iteration " + k
                  + ": the operator is not positive definite");
        }
        double alpha = rz / curvature;
        if (!Double.isFinite(alpha)) {
          return end(problem, x, truth, k, Status.DIVERGED,
              label + ": step length " + alpha + " at iteration " + k);
        }
        Kernels.axpy(alpha, p, x);
        Kernels.axpy(-alpha, q, r);
        if (basis != null) {
          basis.project(r);
        }
        rNorm = Kernels.nrm2(r);
        truth = null;
        problem.observe(k, rNorm);
        if (!(rNorm > check) || k >= limit) {
          break; // done (to be verified), limit, or NaN: decided at the top
        }
        double rzNext = precondition(inversePreconditioner, r, z);
        if (!(rzNext > 0)) {
          return end(problem, x, null, k, Double.isFinite(rzNext) ? Status.BREAKDOWN
              : Status.DIVERGED, label + ": " + cannotContinue(inversePreconditioner, rzNext,
                  rNorm, k));
        }
        if (basis != null) {
          basis.add(r, z, Math.sqrt(rzNext));
        }
        double beta = rzNext / rz;
        rz = rzNext;
        Kernels.scal(beta, p);
        Kernels.axpy(1.0, z, p);
      }
    }
  }

  /** Why rᵀM⁻¹r ≤ 0 (or NaN) for a residual r of norm {@code rNorm} &gt; 0 stops CG. */
  private static String cannotContinue(LinearOperator inversePreconditioner, double rz,
      double rNorm, int k) {
    String seen = "r^T M^-1 r = " + rz + " for ||r|| = " + rNorm + " at iteration " + k;
    if (!Double.isFinite(rz)) {
      return seen;
    }
    if (inversePreconditioner == null || rNorm < UNDERFLOW) {
      return seen + ": the square of ||r|| underflows (b is too small in magnitude for CG's"
          + " scalars; scale b, and x with it)";
    }
    return seen + ", so the preconditioner is not positive definite";
  }

  /** z ← M⁻¹r (z is r itself without a preconditioner) and returns rᵀz. */
  private static double precondition(LinearOperator inversePreconditioner, double[] r,
      double[] z) {
    if (inversePreconditioner == null) {
      double norm = Kernels.nrm2(r);
      return norm * norm;
    }
    inversePreconditioner.apply(r, z);
    return Kernels.dot(r, z);
  }

  /** The result for x: from {@code truth}, the iterate x was checked as, if any. */
  private static IhvpResult end(DampedProblem problem, double[] x, DampedProblem.Iterate truth,
      int k, Status status, String detail) {
    return truth != null
        ? problem.finish(truth, status, k, detail)
        : problem.finish(x, status, k, detail);
  }
}
