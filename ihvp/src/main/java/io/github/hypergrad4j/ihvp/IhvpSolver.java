package io.github.hypergrad4j.ihvp;

import io.github.hypergrad4j.linalg.LinearOperator;

/**
 * A solver of the damped linear system (A + ρI)·x = b, where A is known only through products
 * (typically a Hessian ∇²_θθ f, each product one Hessian-vector product) and ρ ≥ 0 is the damping
 * of {@link SolverOptions#damping()}. In a hypergradient, x = (∇²_θθ f + ρI)⁻¹·∇_θ g is the
 * inverse-Hessian-vector product (IHVP).
 *
 * <p><b>The contract every implementation keeps.</b>
 *
 * <ul>
 *   <li>Non-convergence is a {@link IhvpResult.Status}, never an exception: the partial x is
 *       returned with {@code MAX_ITERATIONS}, {@code NEGATIVE_CURVATURE}, {@code DIVERGED} or
 *       {@code BREAKDOWN} and a one-line explanation in {@link IhvpResult#detail()}.
 *   <li>{@link IhvpResult#residualNorm()} is the <em>true</em> residual ‖b − (A + ρI)·x‖₂ of the
 *       returned x, computed from that x — with one more product, or with the product (A + ρI)·x
 *       the solver made for that very x (never a recurrence's estimate). The status is {@code
 *       CONVERGED} exactly when it is at most tolerance·‖b‖₂ — also when that happened at the
 *       iteration limit or budget — unless the solve met negative curvature or NaN/±∞.
 *   <li>{@link IhvpResult#operatorApplications()} counts every product with A the solve made:
 *       iterations, spectrum estimates, sketches and residual checks alike (a product with x = 0
 *       is not made: its residual is b).
 *   <li>{@link SolverOptions#withMaxIterations} caps the iterations, {@link
 *       SolverOptions#withBudget} spends them all; what counts toward K per solver is listed in
 *       {@link SolverOptions}.
 *   <li>NaN or ±∞ produced inside a solve (by the operator, or by overflow) ends it with {@code
 *       DIVERGED}; it is never returned as a plausible number.
 *   <li>b = 0 returns x = 0, {@code CONVERGED}, zero iterations and zero products.
 *   <li>Bad input throws {@link IllegalArgumentException} naming the value: a null operator,
 *       right-hand side or options; b or the warm start of a length other than n; NaN or ±∞ in b;
 *       an operator whose {@link LinearOperator#isSymmetric()} is false given to a solver that
 *       needs symmetry; and the solver-specific parameters (step sizes, sketch sizes).
 *   <li>b and the warm start are never modified; x is a new array.
 *   <li>Randomised solvers draw from {@link SolverOptions#seed()}: the same inputs and seed give a
 *       bit-identical result.
 *   <li>Nothing is printed; progress goes to {@link SolverOptions#observer()}.
 * </ul>
 *
 * <p>Implementations hold only their configuration, so one instance may solve many systems, from
 * several threads at once if the operator allows it.
 */
public interface IhvpSolver {

  /**
   * Solves (A + ρI)·x = b approximately, ρ = {@code options.damping()}.
   *
   * @param a the operator A, n×n
   * @param b the right-hand side, length n, finite (not modified)
   * @param options tolerance, iteration limit, damping, warm start, seed and observer
   * @return x and how it was obtained
   * @throws IllegalArgumentException on bad input (see the class comment)
   */
  IhvpResult solve(LinearOperator a, double[] b, SolverOptions options);
}
