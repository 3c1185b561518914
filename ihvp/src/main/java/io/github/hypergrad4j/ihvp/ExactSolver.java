package io.github.hypergrad4j.ihvp;

import io.github.hypergrad4j.ihvp.IhvpResult.Status;
import io.github.hypergrad4j.linalg.DenseMatrixOperator;
import io.github.hypergrad4j.linalg.LinearOperator;
import io.github.hypergrad4j.linalg.factor.CholeskyFactorization;
import io.github.hypergrad4j.linalg.factor.LuFactorization;

/**
 * The exact dense solve, the accuracy reference of the other solvers: materialise A + ρI and
 * factorise it (Golub and Van Loan, <i>Matrix Computations</i>, 4th ed., §4.2 Cholesky, §3.4 LU
 * with partial pivoting; both computed by EJML through linalg's adapters).
 *
 * <p><b>Formula.</b> A is materialised by {@link LinearOperator#toDense()}: column j is A·e_j (n
 * products). When A says it is symmetric the matrix is symmetrised, (A + Aᵀ)/2 by {@link
 * DenseMatrixOperator#symmetrized}, to remove the rounding asymmetry of products such as
 * Hessian-vector products; then ρ is added to the diagonal and x = (A + ρI)⁻¹b by
 * Cholesky, falling back to LU when Cholesky reports the matrix not (numerically) positive
 * definite — so symmetric indefinite systems are solved too. A non-symmetric A goes to LU
 * directly. The solution's forward error is about ε·κ(A + ρI) relative.
 *
 * <p><b>Cost.</b> n products to materialise, one for the final true residual; n³/3 flops
 * (Cholesky) or 2n³/3 (LU); up to about 5·n² doubles of memory at once (the matrix and the
 * factorisations' working copies). The warm start and the iteration limit are ignored.
 *
 * <p><b>Stopping rule.</b> None: one solve. The status is {@code CONVERGED} if the true residual
 * meets the tolerance, else {@code MAX_ITERATIONS} (rounding on an ill-conditioned system);
 * {@code BREAKDOWN} when both factorisations fail (A + ρI numerically singular: rcond ≤ n·ε;
 * x = 0 is returned, whose residual b needs no product; add damping); {@code DIVERGED} when a
 * product holds NaN or ±∞ (after all n products: x = 0 is returned).
 *
 * <p><b>Size limit.</b> Problems with n above the limit (default {@value #DEFAULT_MAX_DIMENSION},
 * about 32 MB per copy of the matrix) are refused with an {@link IllegalArgumentException} that
 * says how to raise the limit.
 */
public final class ExactSolver implements IhvpSolver {

  /** The default largest n accepted. */
  public static final int DEFAULT_MAX_DIMENSION = 2000;

  private static final String NAME = "ExactSolver";

  private final int maxDimension;

  /** An exact solver for n ≤ {@value #DEFAULT_MAX_DIMENSION}. */
  public ExactSolver() {
    this(DEFAULT_MAX_DIMENSION);
  }

  /**
   * @param maxDimension the largest n accepted, ≥ 1 (memory: up to about 40·n² bytes)
   * @throws IllegalArgumentException if it is below 1 or above {@value
   *     LinearOperator#MAX_DENSE_DIMENSION} (n² must fit an array)
   */
  public ExactSolver(int maxDimension) {
    if (maxDimension < 1 || maxDimension > LinearOperator.MAX_DENSE_DIMENSION) {
      throw new IllegalArgumentException(NAME + ": maxDimension must be in [1, "
          + LinearOperator.MAX_DENSE_DIMENSION + "], got " + maxDimension);
    }
    this.maxDimension = maxDimension;
  }

  @Override
  public IhvpResult solve(LinearOperator a, double[] b, SolverOptions options) {
    if (a != null && a.dim() > maxDimension) {
      long megabytes = 8L * a.dim() * a.dim() >> 20;
      throw new IllegalArgumentException(NAME + ": n = " + a.dim() + " exceeds the size limit "
          + maxDimension + " (materialising A costs n products and " + megabytes + " MB per"
          + " copy); use an iterative solver, or new ExactSolver(" + a.dim() + ") to allow it");
    }
    DampedProblem problem = DampedProblem.of(NAME, a, b, options, false);
    if (problem.rhsNorm() == 0) {
      return problem.zeroResult();
    }
    int n = problem.n();
    double[] matrix = problem.operator(false).toDense(); // n counted products
    int bad = firstNonFiniteColumn(matrix, n);
    if (bad >= 0) {
      return problem.finish(new double[n], Status.DIVERGED, 0,
          "Exact: the product A e_" + bad + " holds NaN or infinity");
    }
    boolean symmetric = a.isSymmetric();
    if (symmetric) {
      matrix = DenseMatrixOperator.symmetrized(matrix, n).matrix();
    }
    for (int i = 0; i < n; i++) {
      matrix[i * n + i] += problem.rho();
    }
    String cholesky = "not tried (the operator is not symmetric)";
    if (symmetric) {
      CholeskyFactorization chol = CholeskyFactorization.factor(matrix, n);
      if (chol.isOk()) {
        return problem.finish(chol.solve(problem.b()), Status.MAX_ITERATIONS, 1,
            "Exact: Cholesky of the materialised " + n + "x" + n + " matrix");
      }
      cholesky = chol.message();
    }
    LuFactorization lu = LuFactorization.factor(matrix, n);
    if (lu.isOk()) {
      return problem.finish(lu.solve(problem.b()), Status.MAX_ITERATIONS, 1,
          "Exact: LU of the materialised " + n + "x" + n + " matrix (Cholesky: " + cholesky + ")");
    }
    return problem.finish(new double[n], Status.BREAKDOWN, 1, "Exact: A + rho I is numerically"
        + " singular (Cholesky: " + cholesky + "; LU: " + lu.message() + "); add damping rho > 0");
  }

  /** The first column of the n×n row-major matrix holding NaN or ±∞, or −1. */
  private static int firstNonFiniteColumn(double[] matrix, int n) {
    int first = -1;
    for (int i = 0; i < matrix.length; i++) {
      if (!Double.isFinite(matrix[i]) && (first < 0 || i % n < first)) {
        first = i % n;
      }
    }
    return first;
  }
}
