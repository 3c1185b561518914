package io.github.hypergrad4j.ihvp;

import io.github.hypergrad4j.linalg.LinearOperator;

/**
 * Conjugate gradient preconditioned by a randomized Nyström approximation (Frangella, Tropp and
 * Udell, "Randomized Nyström preconditioning", SIAM J. Matrix Anal. Appl. 44(2), 2023, Nyström
 * PCG).
 *
 * <p><b>Formula.</b> A Gaussian sketch of A with k products gives A_k = UΛ̂Uᵀ (the stable
 * construction of {@link NystromSolver}); the preconditioner is P = U(Λ̂ + ρI)Uᵀ/(λ̂_k + ρ) + (I −
 * UUᵀ), applied as P⁻¹ = (λ̂_k + ρ)·U(Λ̂ + ρI)⁻¹Uᵀ + (I − UUᵀ), λ̂_k the smallest captured
 * eigenvalue. It maps the k largest eigenvalues of A + ρI to about λ̂_k + ρ and leaves the rest,
 * so CG's condition number drops from (λ₁ + ρ)/(λ_n + ρ) to about (λ_k + ρ)/(λ_n + ρ) — a
 * constant once k exceeds the effective dimension of A at scale ρ (their §5). Without
 * damping only the eigenvalues above the floor 10ν are used (see {@link NystromSolver}); when
 * none is, P = I. Then {@link ConjugateGradient} runs with M⁻¹ = P⁻¹.
 *
 * <p><b>Cost.</b> k products for the sketch, then those of CG (one per iteration, plus r₀ with a
 * warm start, plus one per true-residual check); each preconditioner application costs 4nk flops
 * and no product with A. Memory about 4nk doubles while sketching, nk after.
 *
 * <p><b>Stopping rule.</b> That of {@link ConjugateGradient} (default limit 10·n iterations);
 * {@code iterations} counts CG iterations only. The sketch is drawn from {@link
 * SolverOptions#seed()}. Needs {@link LinearOperator#isSymmetric()}.
 */
public final class NystromPreconditionedCg implements IhvpSolver {

  private static final String NAME = "NystromPreconditionedCg";

  private final int k;

  /**
   * @param sketchSize k, the rank of the preconditioner's sketch, ≥ 1 (k &gt; n is refused at the
   *     solve)
   * @throws IllegalArgumentException if k &lt; 1
   */
  public NystromPreconditionedCg(int sketchSize) {
    if (sketchSize < 1) {
      throw new IllegalArgumentException(
          NAME + ": the sketch size k must be >= 1, got " + sketchSize);
    }
    this.k = sketchSize;
  }

  /** The sketch size k. */
  public int sketchSize() {
    return k;
  }

  @Override
  public IhvpResult solve(LinearOperator a, double[] b, SolverOptions options) {
    DampedProblem problem = DampedProblem.of(NAME, a, b, options, true);
    int n = problem.n();
    if (k > n) {
      throw new IllegalArgumentException(
          NAME + ": the sketch size k = " + k + " exceeds the dimension n = " + n);
    }
    if (problem.rhsNorm() == 0) {
      return problem.zeroResult();
    }
    NystromApproximation approximation =
        NystromApproximation.sketch(problem, k, true, null, options.seed());
    if (approximation.failure() != null) {
      return problem.finish(problem.initial(), approximation.failure(), 0,
          "Nystrom-PCG: the sketch failed: " + approximation.message());
    }
    int limit = problem.limit(ConjugateGradient.defaultMaxIterations(n));
    return ConjugateGradient.run(problem, approximation.preconditioner(problem.rho()), false, limit,
        "Nystrom-PCG (k = " + k + ", rank " + approximation.rank() + ")");
  }
}
