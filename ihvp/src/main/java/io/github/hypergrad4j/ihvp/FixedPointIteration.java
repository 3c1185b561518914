package io.github.hypergrad4j.ihvp;

import io.github.hypergrad4j.ihvp.IhvpResult.Status;
import io.github.hypergrad4j.linalg.Kernels;
import io.github.hypergrad4j.linalg.LinearOperator;

/**
 * Fixed-point iteration for the linear system of the implicit function theorem at the fixed point
 * of a contraction map (Grazzi, Franceschi, Pontil and Salzo, "On the iteration complexity of
 * hypergradient computation", ICML 2020, §2.2, the "FP" method).
 *
 * <p><b>The general form.</b> If θ* = Φ(θ*, λ) for an inner optimiser step Φ (gradient descent,
 * heavy ball, …) with Jacobian J = ∂Φ/∂θ at θ*, the hypergradient needs v solving (I − Jᵀ)·v =
 * c. When Φ is a contraction (‖J‖ &lt; 1) the iteration
 *
 * <pre>
 *   v_{k+1} = (Jᵀ·v_k + c) / (1 + ρ)
 * </pre>
 *
 * converges to the solution of ((1 + ρ)I − Jᵀ)·v = c at rate ‖J‖/(1 + ρ); ρ ≥ 0, the damping of
 * the options, is optional (ρ = 0: the undamped system). {@link #solveAdjoint} takes the operator
 * applying Jᵀ (a vector-Jacobian product of one inner step; for gradient descent J is symmetric
 * and Jᵀ = J), so any inner optimiser with a contraction step is covered.
 *
 * <p><b>As an {@link IhvpSolver}.</b> For gradient descent Φ(θ) = θ − η∇f with damping, J = I −
 * η(A + ρI), and v ← Jᵀv + ηb solves η(A + ρI)·v = ηb, i.e. (A + ρI)·x = b itself. So {@link
 * #solve} iterates x_{k+1} = x_k + η·(b − (A + ρI)·x_k) — Richardson's iteration, gradient descent
 * on ½xᵀ(A + ρI)x − bᵀx — with the step η given to the constructor; it converges for 0 &lt; η &lt;
 * 2/λ_max(A + ρI) and, from x₀ = 0, x_{K+1} equals the Neumann partial sum x_K with α = η.
 * Internally the general form is the same Richardson iteration on I − Jᵀ with step 1/(1 + ρ).
 *
 * <p><b>Cost.</b> One product (with A, or with Jᵀ) per iteration, plus one for r₀ with a warm
 * start (from x₀ = 0, r₀ = b is free). Iteration k updates x_k = x_{k−1} + step·r_{k−1} and
 * spends its product on r_k = b − (A + ρI)x_k, which is both the true residual that decides
 * the stop and the next update: no product is spent on checking, and K iterations cost K
 * products.
 *
 * <p><b>Stopping rule.</b> Stop when the true residual ‖b − (A + ρI)x_k‖₂ (general form: ‖c −
 * ((1 + ρ)I − Jᵀ)v_k‖₂) is at most tolerance·‖b‖₂ ({@code CONVERGED}), after the iteration limit
 * (default {@value #DEFAULT_MAX_ITERATIONS}, {@code MAX_ITERATIONS}), or when the residual is NaN,
 * ±∞ or more than {@value NeumannSeries#DIVERGENCE_FACTOR} times the initial one ({@code
 * DIVERGED}: the map is not a contraction — η too large, or an indefinite A). The observer
 * receives (k, ‖r_k‖₂). Needs no symmetry.
 */
public final class FixedPointIteration implements IhvpSolver {

  /** The default iteration limit. */
  public static final int DEFAULT_MAX_ITERATIONS = 1000;

  private static final String NAME = "FixedPointIteration";
  private static final String ADJOINT = "FixedPointIteration.solveAdjoint";

  private final double stepSize;

  /**
   * Fixed-point iteration of gradient descent with step η on ½xᵀ(A + ρI)x − bᵀx.
   *
   * @param stepSize η, finite and &gt; 0 (converges for η &lt; 2/λ_max(A + ρI))
   * @throws IllegalArgumentException if η ≤ 0, NaN or infinite
   */
  public FixedPointIteration(double stepSize) {
    if (!(stepSize > 0) || Double.isInfinite(stepSize)) {
      throw new IllegalArgumentException(
          NAME + ": the step size eta must be finite and > 0, got " + stepSize);
    }
    this.stepSize = stepSize;
  }

  /** The step size η. */
  public double stepSize() {
    return stepSize;
  }

  @Override
  public IhvpResult solve(LinearOperator a, double[] b, SolverOptions options) {
    DampedProblem problem = DampedProblem.of(NAME, a, b, options, false);
    if (problem.rhsNorm() == 0) {
      return problem.zeroResult();
    }
    return iterate(problem, stepSize, "gradient-descent fixed point, eta = " + stepSize);
  }

  /**
   * Solves ((1 + ρ)I − Jᵀ)·v = c by v ← (Jᵀv + c)/(1 + ρ), ρ = {@code options.damping()}: the
   * adjoint system of the implicit function theorem at the fixed point of a contraction map with
   * Jacobian J. The result's residual is ‖c − ((1 + ρ)I − Jᵀ)·v‖₂ and its operator applications
   * count products with Jᵀ.
   *
   * @param jacobianTransposed the operator v ↦ Jᵀ·v (for a symmetric J, J itself)
   * @param c the right-hand side, length n, finite (not modified)
   * @param options tolerance, iteration limit, damping ρ, warm start v₀, observer
   * @return v and how it was obtained
   * @throws IllegalArgumentException on a null argument, a wrong length or a non-finite c
   */
  public static IhvpResult solveAdjoint(LinearOperator jacobianTransposed, double[] c,
      SolverOptions options) {
    if (jacobianTransposed == null) {
      throw new IllegalArgumentException(ADJOINT + ": the operator J^T is null");
    }
    DampedProblem problem =
        DampedProblem.of(ADJOINT, new IdentityMinus(jacobianTransposed), c, options, false);
    if (problem.rhsNorm() == 0) {
      return problem.zeroResult();
    }
    double step = 1 / (1 + problem.rho());
    return iterate(problem, step, "fixed point v <- (J^T v + c)/(1 + rho), rho = " + problem.rho());
  }

  /** Richardson's iteration x ← x + step·(b − (A + ρI)x) on {@code problem}. */
  private static IhvpResult iterate(DampedProblem problem, double step, String how) {
    int limit = problem.options().maxIterationsOr(DEFAULT_MAX_ITERATIONS);
    double target = problem.target();
    double[] x = problem.start();
    double[] r = new double[problem.n()];
    double rNorm;
    if (problem.hasWarmStart()) {
      rNorm = problem.residual(x, r);
    } else {
      Kernels.copy(problem.b(), r);
      rNorm = problem.rhsNorm();
    }
    double first = rNorm;
    int k = 0;
    while (true) {
      if (!Double.isFinite(rNorm) || rNorm > NeumannSeries.DIVERGENCE_FACTOR * first) {
        return problem.finish(x, Status.DIVERGED, k, "fixed point: residual " + rNorm
            + " after " + k + " iterations against " + first + " at the start (not a"
            + " contraction); " + how, rNorm);
      }
      if (rNorm <= target || k >= limit) {
        return problem.finish(x, Status.CONVERGED, k, "fixed point: " + k + " iterations; " + how,
            rNorm);
      }
      Kernels.axpy(step, r, x);
      k++;
      rNorm = problem.residual(x, r);
      problem.observe(k, rNorm);
    }
  }

  /** I − Jᵀ as an operator: one product with Jᵀ per product. */
  private static final class IdentityMinus implements LinearOperator {
    private final LinearOperator jt;

    IdentityMinus(LinearOperator jt) {
      this.jt = jt;
    }

    @Override
    public int dim() {
      return jt.dim();
    }

    @Override
    public void apply(double[] x, double[] out) {
      jt.apply(x, out);
      Kernels.sub(x, out, out);
    }

    @Override
    public boolean isSymmetric() {
      return jt.isSymmetric();
    }
  }
}
