package io.github.hypergrad4j.ihvp;

import io.github.hypergrad4j.linalg.Kernels;
import io.github.hypergrad4j.linalg.LinearOperator;
import io.github.hypergrad4j.linalg.factor.SymmetricEigendecomposition;
import java.util.Random;

/**
 * The Lanczos process for the extreme eigenvalues of a symmetric operator and a condition-number
 * estimate (Lanczos, J. Res. Nat. Bur. Standards 45(4), 1950; Golub and Van Loan, <i>Matrix
 * Computations</i>, 4th ed., §10.1, with complete reorthogonalisation as in §10.3.1).
 *
 * <p><b>Formula.</b> From a Gaussian unit vector q₁ drawn from the seed: w = A·q_j, α_j = q_jᵀw,
 * w ← w − α_j q_j − β_{j−1} q_{j−1}, then w ← w − Q_j(Q_jᵀw) against all earlier vectors (so Q
 * stays orthonormal to rounding and no spurious copies of converged eigenvalues appear), β_j =
 * ‖w‖₂, q_{j+1} = w/β_j. The eigenvalues θ of the j×j tridiagonal T_j = tridiag(β, α, β) —
 * computed by EJML through {@link SymmetricEigendecomposition} — are the Ritz values; the extreme
 * ones converge first, and much faster than power iteration (about √κ steps rather than κ). Ritz
 * value θ_i with unit eigenvector s_i of T_j has residual |β_j·s_i[j]|, which bounds its distance
 * to an eigenvalue of A.
 *
 * <p><b>Cost.</b> One product per step, plus 8·j·n flops of reorthogonalisation at step j and,
 * when the stopping rule is checked, a j×j eigendecomposition (about 9j³ flops); j·n doubles of
 * memory for the basis.
 *
 * <p><b>Stopping rule.</b> Checked after every step up to 32 and then after every tenth more (so
 * at most about 10% of the products are spent past the step that met it), and at the last step:
 * stop when the residual bounds of both extreme Ritz values are at most tolerance·max|θ|, when β_j ≤ 10·ε·‖T_j‖ (an invariant subspace was found: the Ritz
 * values are eigenvalues), after {@code maxSteps} steps, or at j = n. A NaN or ±∞ product ends
 * the process with NaN estimates.
 */
public final class Lanczos {

  private Lanczos() {}

  /**
   * Estimates the smallest and largest eigenvalues of the symmetric operator {@code a}, and so
   * (for a positive-definite one) its condition number, see {@link
   * SpectrumEstimate#conditionNumber()}.
   *
   * @param a the operator, symmetric ({@link LinearOperator#isSymmetric()}), n ≥ 1
   * @param maxSteps the step limit, ≥ 1 (at most n steps are made)
   * @param relativeTolerance the stopping tolerance, finite and ≥ 0
   * @param seed the seed of the start vector
   * @return the extreme Ritz values with their residual bounds and cost
   * @throws IllegalArgumentException if {@code a} is null, of dimension 0 or not symmetric, or a
   *     setting is out of range
   */
  public static SpectrumEstimate extremeEigenvalues(LinearOperator a, int maxSteps,
      double relativeTolerance, long seed) {
    String name = "Lanczos.extremeEigenvalues";
    if (a == null) {
      throw new IllegalArgumentException(name + ": the operator is null");
    }
    int n = a.dim();
    if (n < 1) {
      throw new IllegalArgumentException(
          name + ": the operator has dimension " + n + "; Lanczos needs n >= 1");
    }
    if (!a.isSymmetric()) {
      throw new IllegalArgumentException(name + ": the operator (" + a.getClass().getSimpleName()
          + ") is not symmetric (isSymmetric() = false); Lanczos needs A = A^T");
    }
    if (maxSteps < 1) {
      throw new IllegalArgumentException(name + ": maxSteps must be >= 1, got " + maxSteps);
    }
    if (!(relativeTolerance >= 0) || Double.isInfinite(relativeTolerance)) {
      throw new IllegalArgumentException(
          name + ": relativeTolerance must be finite and >= 0, got " + relativeTolerance);
    }
    int m = Math.min(maxSteps, n);
    double[] basis = new double[m * n]; // row j is q_{j+1}
    double[] alphas = new double[m];
    double[] betas = new double[m];
    double[] q = PowerIteration.gaussianUnitVector(n, new Random(seed));
    Kernels.copy(n, q, 0, basis, 0);
    double[] w = new double[n];
    double[] h = new double[m];
    double tNorm = 0;
    int nextCheck = 1;
    for (int j = 0; j < m; j++) {
      Kernels.copy(n, basis, j * n, q, 0);
      a.apply(q, w);
      alphas[j] = Kernels.dot(q, w);
      Kernels.axpy(-alphas[j], q, w);
      if (j > 0) {
        Kernels.axpy(n, -betas[j - 1], basis, (j - 1) * n, w, 0);
      }
      // complete reorthogonalisation against q_1 .. q_{j+1}, classical Gram–Schmidt twice
      for (int pass = 0; pass < 2; pass++) {
        Kernels.gemv(j + 1, n, 1.0, basis, w, 0.0, h);
        Kernels.gemvTransposed(j + 1, n, -1.0, basis, h, 1.0, w);
      }
      betas[j] = Kernels.nrm2(w);
      if (!Double.isFinite(alphas[j]) || !Double.isFinite(betas[j])) {
        return new SpectrumEstimate(Double.NaN, Double.NaN, Double.NaN, Double.NaN, j + 1, j + 1,
            false);
      }
      tNorm = Math.max(tNorm, Math.abs(alphas[j]) + betas[j] + (j > 0 ? betas[j - 1] : 0));
      int size = j + 1;
      boolean invariant = betas[j] <= 10 * Math.ulp(1.0) * tNorm;
      if (size < nextCheck && size < m && !invariant) {
        Kernels.scal(1 / betas[j], w);
        Kernels.copy(n, w, 0, basis, (j + 1) * n);
        continue;
      }
      nextCheck = size <= 32 ? size + 1 : size + size / 10;
      SymmetricEigendecomposition eig = SymmetricEigendecomposition.factor(
          tridiagonal(alphas, betas, size), size);
      if (!eig.isOk()) {
        return new SpectrumEstimate(Double.NaN, Double.NaN, Double.NaN, Double.NaN, size, size,
            false);
      }
      double[] theta = eig.eigenvalues();
      double[] s = eig.eigenvectors();
      double smallBound = invariant ? 0 : Math.abs(betas[j] * s[j * size]);
      double largeBound = invariant ? 0 : Math.abs(betas[j] * s[j * size + j]);
      double scale = relativeTolerance * Math.max(Math.abs(theta[0]), Math.abs(theta[j]));
      boolean converged = invariant || (smallBound <= scale && largeBound <= scale);
      if (converged || size == m) {
        return new SpectrumEstimate(theta[0], smallBound, theta[j], largeBound, size, size,
            converged);
      }
      Kernels.scal(1 / betas[j], w);
      Kernels.copy(n, w, 0, basis, (j + 1) * n);
    }
    throw new AssertionError("unreachable: the loop returns at j = m - 1");
  }

  /** The dense size×size symmetric tridiagonal matrix with diagonal α and off-diagonal β. */
  private static double[] tridiagonal(double[] alphas, double[] betas, int size) {
    double[] t = new double[size * size];
    for (int i = 0; i < size; i++) {
      t[i * size + i] = alphas[i];
      if (i + 1 < size) {
        t[i * size + i + 1] = betas[i];
        t[(i + 1) * size + i] = betas[i];
      }
    }
    return t;
  }
}
