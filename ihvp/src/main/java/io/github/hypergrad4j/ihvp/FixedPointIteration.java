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
 * #solve} iterates y_{j+1} = y_j + η·(b − (A + ρI)·y_j) from y₀ = x₀ — Richardson's iteration,
 * gradient descent on ½xᵀ(A + ρI)x − bᵀx — which converges for 0 &lt; η &lt; 2/λ_max(A + ρI).
 * The step η is given to {@link #FixedPointIteration(double)} or chosen per solve by {@link
 * #automatic()} as 1/λ̂, λ̂ the {@link PowerIteration} estimate of λ_max(A + ρI), exactly as for
 * {@link NeumannSeries#automatic()} (at most {@value #DEFAULT_POWER_ITERATIONS} power steps by
 * default; their products are counted; λ̂ ≤ 0 ends the solve with {@code BREAKDOWN}). Internally
 * the general form is the same Richardson iteration on I − Jᵀ with step 1/(1 + ρ).
 *
 * <p><b>K, as for the Neumann series.</b> K iterations return x_K = y_{K+1}: the first update y₁ =
 * x₀ + η·r₀ is free from x₀ = 0 (r₀ = b), and iteration k spends one product on r(y_k) = b − (A +
 * ρI)y_k, which both decides the stop and makes the update y_{k+1}. So x_K is the Neumann partial
 * sum x_K with α = η, made with the same K products.
 *
 * <p><b>Cost.</b> K products (with A, or with Jᵀ), plus one for r₀ with a warm start, plus the
 * power-iteration products of an automatic step, plus one for the true residual of the returned
 * x: the product that would start iteration K + 1 — or, when the iteration stops early, none,
 * since the residual that stopped it is that of the returned x.
 *
 * <p><b>Stopping rule.</b> Stop when the true residual ‖b − (A + ρI)y_k‖₂ (general form: ‖c −
 * ((1 + ρ)I − Jᵀ)v_k‖₂) is at most tolerance·‖b‖₂ ({@code CONVERGED}; not with a fixed budget,
 * {@link SolverOptions#withBudget}, which runs all K), after K iterations (default {@value
 * #DEFAULT_MAX_ITERATIONS}; {@code MAX_ITERATIONS}, or {@code CONVERGED} if the last iterate meets
 * the tolerance), or when the residual is NaN, ±∞ or more than {@value
 * NeumannSeries#DIVERGENCE_FACTOR} times the initial one ({@code DIVERGED}, with that iterate: the
 * map is not a contraction — η too large, or an indefinite A). The observer receives (k, ‖r(y_k)‖₂)
 * for k = 1..K, as the Neumann series does (its term v_k is r(y_k)). Needs no symmetry.
 */
public final class FixedPointIteration implements IhvpSolver {

  /** The default number of iterations K. */
  public static final int DEFAULT_MAX_ITERATIONS = 1000;

  /** The default power-iteration budget of the automatic step size. */
  public static final int DEFAULT_POWER_ITERATIONS = StepSize.DEFAULT_POWER_ITERATIONS;

  private static final String NAME = "FixedPointIteration";
  private static final String ADJOINT = "FixedPointIteration.solveAdjoint";

  private final StepSize eta;

  /**
   * Fixed-point iteration of gradient descent with step η on ½xᵀ(A + ρI)x − bᵀx.
   *
   * @param stepSize η, finite and &gt; 0 (converges for η &lt; 2/λ_max(A + ρI))
   * @throws IllegalArgumentException if η ≤ 0, NaN or infinite
   */
  public FixedPointIteration(double stepSize) {
    this.eta = StepSize.given(NAME, "eta", stepSize);
  }

  private FixedPointIteration(StepSize eta) {
    this.eta = eta;
  }

  /**
   * Fixed-point iteration with η = 1/λ̂ from {@value #DEFAULT_POWER_ITERATIONS} power steps at
   * most.
   */
  public static FixedPointIteration automatic() {
    return automatic(DEFAULT_POWER_ITERATIONS);
  }

  /**
   * Fixed-point iteration with η = 1/λ̂ from at most {@code powerIterations} power steps.
   *
   * @throws IllegalArgumentException if {@code powerIterations} &lt; 1
   */
  public static FixedPointIteration automatic(int powerIterations) {
    return new FixedPointIteration(StepSize.automatic(NAME, powerIterations));
  }

  /** The step size η, or NaN when it is {@link #automatic() chosen per solve}. */
  public double stepSize() {
    return eta.given();
  }

  @Override
  public IhvpResult solve(LinearOperator a, double[] b, SolverOptions options) {
    DampedProblem problem = DampedProblem.of(NAME, a, b, options, false);
    if (problem.rhsNorm() == 0) {
      return problem.zeroResult();
    }
    StepSize.Choice step = eta.choose(problem, "eta", "fixed point");
    if (step.failure() != null) {
      return step.failure();
    }
    return iterate(problem, step.step(), "gradient-descent fixed point, " + step.how());
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

  /**
   * Richardson's iteration y ← y + step·(b − (A + ρI)y) on {@code problem}, K iterations returning
   * y_{K+1}; the residual of each y is that of an {@link DampedProblem.Iterate}, so the one that
   * stops the iteration is the returned x's.
   */
  private static IhvpResult iterate(DampedProblem problem, double step, String how) {
    int limit = problem.limit(DEFAULT_MAX_ITERATIONS);
    double stop = problem.stopTarget();
    double[] r = new double[problem.n()];
    DampedProblem.Iterate current = problem.initial(); // y_0 = x₀
    double rNorm = current.residual(r);
    double first = rNorm;
    double[] y = problem.start();
    int updates = 0; // current holds y_updates; K iterations end with y_{K+1}
    while (true) {
      int iterations = Math.max(0, updates - 1);
      if (NeumannSeries.diverged(rNorm, first)) {
        return problem.finish(current, Status.DIVERGED, iterations,
            NeumannSeries.divergence("fixed point: the residual of iterate " + iterations, rNorm,
                first, how));
      }
      if (rNorm <= stop) {
        return problem.finish(current, Status.CONVERGED, iterations,
            "fixed point: converged in " + iterations + " iterations; " + how);
      }
      if (updates > limit) {
        return problem.finish(current, Status.MAX_ITERATIONS, limit,
            "fixed point: " + problem.spent(limit) + "; " + how);
      }
      Kernels.axpy(step, r, y);
      updates++;
      current = problem.evaluate(y);
      rNorm = current.residual(r);
      if (updates <= limit) {
        problem.observe(updates, rNorm);
      }
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
