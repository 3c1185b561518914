package io.github.hypergrad4j.ihvp;

import io.github.hypergrad4j.ihvp.IhvpResult.Status;
import io.github.hypergrad4j.linalg.Kernels;
import io.github.hypergrad4j.linalg.LinearOperator;

/**
 * Nyström sketch-and-solve: replace the symmetric positive semi-definite A by a rank-k Nyström
 * approximation built from k products and solve the damped system with it exactly (Hataya and
 * Yamada, "Nyström method for accurate and scalable implicit differentiation", AISTATS 2023, §3;
 * the randomized variant and its numerically stable construction from Frangella, Tropp and Udell,
 * "Randomized Nyström preconditioning", SIAM J. Matrix Anal. Appl. 44(2), 2023, Algorithm 2.1).
 *
 * <p><b>Formula.</b> With Ω n×k (k sampled unit vectors, or an orthonormalised Gaussian matrix)
 * and C = AΩ, the approximation is A_k = C(ΩᵀC)⁺Cᵀ = UΛ̂Uᵀ (rank ≤ k; computed stably, see the
 * construction below), and
 *
 * <pre>
 *   ρ &gt; 0:  x = (A_k + ρI)⁻¹b = U(Λ̂ + ρI)⁻¹Uᵀb + (b − UUᵀb)/ρ
 * </pre>
 *
 * — the Woodbury identity with its k×k system diagonalised by the eigendecomposition (EJML) of
 * the small factor. <b>Structure-aware variant</b> ({@link #structured}): when A = D + M with a
 * known diagonal D (an L2 regulariser, say), only M = A − D is sketched (D·Ω is subtracted
 * exactly) and x = (D + ρI + M_k)⁻¹b by Woodbury, (D_ρ + FFᵀ)⁻¹ = D_ρ⁻¹ − D_ρ⁻¹F(I + FᵀD_ρ⁻¹F)⁻¹
 * FᵀD_ρ⁻¹ with F = UΛ̂^{1/2} and the k×k system I + FᵀD_ρ⁻¹F factored by Cholesky (EJML); it is
 * exact when rank(M) ≤ k, whatever D is, where the plain variant would need rank(A) ≤ k.
 *
 * <p><b>Without damping (ρ = 0)</b> A_k is singular when k &lt; n, so the plain variant
 * regularises it the way the Nyström preconditioner does: it inverts A_k on its numerical range
 * (eigenvalues above 10ν, ν the stabilising shift ≈ √n·ε·‖AΩ‖_F) and scales the unseen complement
 * by 1/λ̂_min, the smallest captured eigenvalue: x = U_qΛ̂_q⁻¹U_qᵀb + (b − U_qU_qᵀb)/λ̂_min.
 * This is exact when A has rank ≤ k and b lies in its range (or rank(A) = k = n), and otherwise a
 * guess that the unseen eigenvalues are about λ̂_min. When nothing is captured, {@code BREAKDOWN}.
 *
 * <p><b>Construction.</b> See the steps in the package-private {@code NystromApproximation}:
 * Y = AΩ, shift ν, W_ν = Ωᵀ(Y + νΩ) = VΛVᵀ (directions with Λ ≤ ν/2 dropped: Nyström assumes
 * A, or M, positive semi-definite, and discards negative curvature), B = (Y + νΩ)VΛ^{−1/2}, B =
 * QR, RRᵀ = U_RΣ²U_Rᵀ, U = QU_R, λ̂ = Σ² − ν &gt; 0.
 *
 * <p><b>Exactness in floating point.</b> When rank(A) ≤ k (structured: rank(M) ≤ k) the
 * approximation is exact in exact arithmetic; computed, it carries a backward error of about the
 * shift ν ≈ √n·ε·‖AΩ‖_F, so x has a relative error of about ν·‖(A + ρI)⁻¹‖ — 10⁻¹³ to 10⁻¹¹ for
 * κ(A + ρI) ≲ 10³, growing with the condition number. Sample a few more columns than the rank (k
 * ≥ rank + 5): a square sample of the range, k = rank exactly, can be badly conditioned and
 * amplifies rounding accordingly.
 *
 * <p><b>Cost.</b> k products, plus one for r₀ = b − (A + ρI)x₀ with a warm start (then x = x₀ +
 * the approximate solve of the correction), plus one for the final true residual; O(nk²) flops;
 * about 6nk doubles of memory while sketching, nk after.
 *
 * <p><b>Stopping rule.</b> None: one approximate solve, reported as 1 iteration, {@code
 * CONVERGED} if its true residual meets the tolerance and {@code MAX_ITERATIONS} otherwise
 * (raise k, or add damping). {@code BREAKDOWN} if a small factorisation fails, {@code DIVERGED} if
 * a product holds NaN or ±∞. The sample is drawn from {@link SolverOptions#seed()}: the same seed
 * gives a bit-identical x. Needs {@link LinearOperator#isSymmetric()}.
 */
public final class NystromSolver implements IhvpSolver {

  private static final String NAME = "NystromSolver";

  private final int k;
  private final boolean gaussian;
  private final double[] diagonal; // D of A = D + M, or null

  private NystromSolver(int k, boolean gaussian, double[] diagonal) {
    if (k < 1) {
      throw new IllegalArgumentException(NAME + ": the sketch size k must be >= 1, got " + k);
    }
    this.k = k;
    this.gaussian = gaussian;
    this.diagonal = diagonal;
  }

  /**
   * Nyström with k columns of A sampled uniformly without replacement (Hataya and Yamada).
   *
   * @throws IllegalArgumentException if k &lt; 1 (k &gt; n is refused at the solve)
   */
  public static NystromSolver columnSampling(int k) {
    return new NystromSolver(k, false, null);
  }

  /**
   * Nyström with an orthonormalised n×k Gaussian sketch (Frangella, Tropp and Udell).
   *
   * @throws IllegalArgumentException if k &lt; 1 (k &gt; n is refused at the solve)
   */
  public static NystromSolver gaussian(int k) {
    return new NystromSolver(k, true, null);
  }

  /**
   * The structure-aware variant for A = diag(d) + M: only M is approximated (rank k), d is kept
   * exactly. Needs d_i + ρ &gt; 0 for every i (checked at the solve).
   *
   * @param k the sketch size of M, ≥ 1
   * @param diagonal d, the known diagonal part of A (copied), finite
   * @param gaussianSketch true for a Gaussian sketch of M, false for k sampled columns
   * @throws IllegalArgumentException if k &lt; 1, or d is null or holds NaN or ±∞
   */
  public static NystromSolver structured(int k, double[] diagonal, boolean gaussianSketch) {
    if (diagonal == null) {
      throw new IllegalArgumentException(NAME + ".structured: the diagonal is null");
    }
    for (int i = 0; i < diagonal.length; i++) {
      if (!Double.isFinite(diagonal[i])) {
        throw new IllegalArgumentException(NAME + ".structured: the diagonal must be finite, but d["
            + i + "] = " + diagonal[i]);
      }
    }
    return new NystromSolver(k, gaussianSketch, diagonal.clone());
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
    double[] dRho = null;
    if (diagonal != null) {
      if (diagonal.length != n) {
        throw new IllegalArgumentException(NAME + ": the diagonal has length " + diagonal.length
            + " but the operator is " + n + "x" + n);
      }
      dRho = new double[n];
      for (int i = 0; i < n; i++) {
        dRho[i] = diagonal[i] + problem.rho();
        if (!(dRho[i] > 0)) {
          throw new IllegalArgumentException(NAME + ": the structured variant needs D + rho I"
              + " positive definite, but d[" + i + "] + rho = " + dRho[i]);
        }
      }
    }
    if (problem.rhsNorm() == 0) {
      return problem.zeroResult();
    }
    DampedProblem.Iterate start = problem.initial();
    double[] rhs = new double[n];
    start.residual(rhs); // b − (A + ρI)x₀: b itself for x₀ = 0
    String label = "Nystrom (" + (gaussian ? "Gaussian sketch" : "sampled columns")
        + (diagonal != null ? ", diagonal kept exact" : "") + ", k = " + k + ")";
    NystromApproximation approximation =
        NystromApproximation.sketch(problem, k, gaussian, diagonal, options.seed());
    if (approximation.failure() != null) {
      return problem.finish(start, approximation.failure(), 1,
          label + ": " + approximation.message());
    }
    double[] correction;
    if (dRho != null) {
      correction = approximation.solveWithDiagonal(rhs, dRho);
    } else if (problem.rho() > 0) {
      correction = approximation.solveShifted(rhs, problem.rho());
    } else {
      correction = approximation.solvePseudoInverse(rhs);
    }
    if (correction == null) {
      return problem.finish(start, Status.BREAKDOWN, 1, label + ": the approximation has no"
          + " eigenvalue above the floor 10*nu = " + 10 * approximation.shift() + " (or its small"
          + " system is singular); add damping rho > 0 or use more columns");
    }
    double[] x = problem.start();
    Kernels.axpy(1.0, correction, x);
    // one approximate solve, spent: CONVERGED if its true residual meets the tolerance
    return problem.finish(x, Status.MAX_ITERATIONS, 1, label + ", rank " + approximation.rank());
  }
}
