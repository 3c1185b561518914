package io.github.hypergrad4j.ihvp;

import io.github.hypergrad4j.ihvp.IhvpResult.Status;
import io.github.hypergrad4j.linalg.Kernels;
import io.github.hypergrad4j.linalg.LinearOperator;
import io.github.hypergrad4j.linalg.factor.CholeskyFactorization;
import io.github.hypergrad4j.linalg.factor.QrFactorization;
import io.github.hypergrad4j.linalg.factor.SymmetricEigendecomposition;
import java.util.Random;

/**
 * A rank-r Nyström approximation M̂ = U·diag(λ̂)·Uᵀ (U n×r orthonormal, λ̂ &gt; 0 descending) of a
 * symmetric positive semi-definite M — either A itself or, when a diagonal D of A = D + M is
 * known, M = A − D — from k products, and the solves built on it.
 *
 * <p><b>Construction</b> (Frangella, Tropp and Udell, "Randomized Nyström preconditioning", SIAM
 * J. Matrix Anal. Appl. 44(2), 2023, Algorithm 2.1, with the thin SVD done as a QR and a small
 * symmetric eigenproblem):
 *
 * <ol>
 *   <li>Ω (n×k, orthonormal columns): k distinct unit vectors drawn uniformly without replacement
 *       (column sampling, Hataya and Yamada 2023), or the Q factor of a Gaussian matrix.
 *   <li>Y = M·Ω (k products with A; D·Ω is subtracted exactly); shift ν = √n·ε·‖Y‖_F; Y_ν = Y +
 *       νΩ, so that W_ν = ΩᵀY_ν = ΩᵀMΩ + νI is safely positive definite.
 *   <li>W_ν = VΛVᵀ (EJML); directions with Λ ≤ ν/2 (indefinite or noise) are dropped; B = Y_ν
 *       V Λ^{−1/2}, so BBᵀ = Y_ν W_ν⁻¹ Y_νᵀ, the Nyström approximation of M + νI.
 *   <li>B = QR (Householder, EJML); R·Rᵀ = U_R Σ² U_Rᵀ (EJML); U = Q·U_R, λ̂ = Σ² − ν, keeping
 *       λ̂ &gt; 0.
 * </ol>
 *
 * In exact arithmetic, and to rounding otherwise, M̂ = M when rank(M) ≤ k and the sketch sees
 * range(M) (always for the Gaussian sketch; for sampled columns when they span it).
 *
 * <p><b>Cost.</b> k products; O(nk²) flops. Memory about 6·n·k doubles during construction, n·r
 * after.
 */
final class NystromApproximation {

  private final int n;
  private final double[] u; // n×rank row-major
  private final double[] lambda; // descending, > 0
  private final double shift;
  private final Status failure; // null when usable
  private final String message;

  private NystromApproximation(int n, double[] u, double[] lambda, double shift, Status failure,
      String message) {
    this.n = n;
    this.u = u;
    this.lambda = lambda;
    this.shift = shift;
    this.failure = failure;
    this.message = message;
  }

  private static NystromApproximation failed(int n, Status status, String message) {
    return new NystromApproximation(n, null, null, 0, status, message);
  }

  /**
   * Sketches M = A − diag(d) (or A when {@code diagonal} is null) with k products of A made
   * through {@code problem}, which counts them.
   */
  static NystromApproximation sketch(DampedProblem problem, int k, boolean gaussian,
      double[] diagonal, long seed) {
    int n = problem.n();
    double[] omega = gaussian ? gaussianBasis(n, k, seed) : sampledColumns(n, k, seed);
    if (omega == null) {
      return failed(n, Status.BREAKDOWN, "the Gaussian test matrix was rank deficient");
    }
    double[] y = new double[k * n]; // row j: M·ω_j
    double[] in = new double[n];
    double[] out = new double[n];
    for (int j = 0; j < k; j++) {
      Kernels.copy(n, omega, j * n, in, 0);
      problem.applyUndamped(in, out);
      if (diagonal != null) {
        Kernels.hadamard(diagonal, in, in);
        Kernels.sub(out, in, out);
      }
      Kernels.copy(n, out, 0, y, j * n);
    }
    double shift = Math.sqrt(n) * Math.ulp(1.0) * Kernels.nrm2(y);
    if (!Double.isFinite(shift)) {
      return failed(n, Status.DIVERGED, "the sketch products hold NaN or infinity");
    }
    Kernels.axpy(shift, omega, y);

    double[] w = new double[k * k];
    Kernels.gemmTransposedB(k, k, n, 1.0, omega, y, 0.0, w);
    symmetrise(w, k);
    SymmetricEigendecomposition eigW = SymmetricEigendecomposition.factor(w, k);
    if (!eigW.isOk()) {
      return failed(n, Status.BREAKDOWN, "eigendecomposition of the sketch: " + eigW.message());
    }
    double[] values = eigW.eigenvalues();
    double[] vectors = eigW.eigenvectors();
    int rank = 0;
    for (double v : values) {
      rank += v > 0.5 * shift ? 1 : 0;
    }
    if (rank == 0) {
      return new NystromApproximation(n, new double[0], new double[0], shift, null, "OK");
    }
    double[] g = new double[k * rank]; // V_r·Λ_r^{−1/2}, k×rank
    int first = k - rank; // ascending: the kept eigenvalues are the last
    for (int i = 0; i < k; i++) {
      for (int c = 0; c < rank; c++) {
        g[i * rank + c] = vectors[i * k + first + c] / Math.sqrt(values[first + c]);
      }
    }
    double[] b = new double[n * rank];
    Kernels.gemmTransposedA(n, rank, k, 1.0, y, g, 0.0, b);
    QrFactorization qr = QrFactorization.factor(b, n, rank);
    if (!qr.isOk()) {
      return failed(n, Status.BREAKDOWN, "QR of the Nystrom factor: " + qr.message());
    }
    double[] r = qr.r();
    double[] rrt = new double[rank * rank];
    Kernels.gemmTransposedB(rank, rank, rank, 1.0, r, r, 0.0, rrt);
    symmetrise(rrt, rank);
    SymmetricEigendecomposition eigS = SymmetricEigendecomposition.factor(rrt, rank);
    if (!eigS.isOk()) {
      return failed(n, Status.BREAKDOWN, "eigendecomposition of R R^T: " + eigS.message());
    }
    double[] full = new double[n * rank];
    Kernels.gemm(n, rank, rank, 1.0, qr.q(), eigS.eigenvectors(), 0.0, full);
    double[] sigma2 = eigS.eigenvalues();
    int kept = 0;
    for (double s : sigma2) {
      kept += s - shift > 0 ? 1 : 0;
    }
    double[] lambda = new double[kept];
    double[] u = new double[n * kept];
    for (int c = 0; c < kept; c++) {
      int from = rank - 1 - c; // descending
      lambda[c] = sigma2[from] - shift;
      for (int i = 0; i < n; i++) {
        u[i * kept + c] = full[i * rank + from];
      }
    }
    return new NystromApproximation(n, u, lambda, shift, null, "OK");
  }

  /** k distinct unit vectors e_i, i uniform without replacement (partial Fisher–Yates). */
  private static double[] sampledColumns(int n, int k, long seed) {
    Random random = new Random(seed);
    int[] index = new int[n];
    for (int i = 0; i < n; i++) {
      index[i] = i;
    }
    double[] omega = new double[k * n];
    for (int j = 0; j < k; j++) {
      int pick = j + random.nextInt(n - j);
      int chosen = index[pick];
      index[pick] = index[j];
      index[j] = chosen;
      omega[j * n + chosen] = 1;
    }
    return omega;
  }

  /** Qᵀ (k×n) for the thin Q of an n×k Gaussian matrix; null if QR fails. */
  private static double[] gaussianBasis(int n, int k, long seed) {
    Random random = new Random(seed);
    double[] g = new double[n * k];
    for (int i = 0; i < g.length; i++) {
      g[i] = random.nextGaussian();
    }
    QrFactorization qr = QrFactorization.factor(g, n, k);
    if (!qr.isOk()) {
      return null;
    }
    double[] q = qr.q();
    double[] omega = new double[k * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        omega[j * n + i] = q[i * k + j];
      }
    }
    return omega;
  }

  private static void symmetrise(double[] a, int m) {
    for (int i = 0; i < m; i++) {
      for (int j = i + 1; j < m; j++) {
        double mean = 0.5 * (a[i * m + j] + a[j * m + i]);
        a[i * m + j] = mean;
        a[j * m + i] = mean;
      }
    }
  }

  /** Null when usable, else the status a solve reports. */
  Status failure() {
    return failure;
  }

  String message() {
    return message;
  }

  int rank() {
    return lambda.length;
  }

  double shift() {
    return shift;
  }

  /** How many eigenvalues exceed the floor 10ν under which they are indistinguishable from 0. */
  private int numericalRank() {
    int count = 0;
    while (count < lambda.length && lambda[count] > 10 * shift) {
      count++;
    }
    return count;
  }

  /** (M̂ + ρI)⁻¹·rhs = U(Λ̂ + ρI)⁻¹Uᵀrhs + (rhs − UUᵀrhs)/ρ for ρ &gt; 0. */
  double[] solveShifted(double[] rhs, double rho) {
    int r = rank();
    double[] c = new double[r];
    double[] x = rhs.clone();
    Kernels.scal(1 / rho, x);
    if (r == 0) {
      return x;
    }
    Kernels.gemvTransposed(n, r, 1.0, u, rhs, 0.0, c);
    for (int j = 0; j < r; j++) {
      c[j] *= -lambda[j] / (rho * (lambda[j] + rho));
    }
    Kernels.gemv(n, r, 1.0, u, c, 1.0, x);
    return x;
  }

  /**
   * For ρ = 0: U_q Λ̂_q⁻¹ U_qᵀ rhs + (rhs − U_qU_qᵀ rhs)/λ̂_q over the q eigenvalues above 10ν —
   * the pseudo-inverse on the captured range, and the smallest captured eigenvalue standing in for
   * the unseen rest of the spectrum. Null if no eigenvalue is above 10ν.
   */
  double[] solvePseudoInverse(double[] rhs) {
    int q = numericalRank();
    if (q == 0) {
      return null;
    }
    int r = rank();
    double smallest = lambda[q - 1];
    double[] c = new double[r];
    Kernels.gemvTransposed(n, r, 1.0, u, rhs, 0.0, c);
    for (int j = 0; j < r; j++) {
      c[j] = j < q ? c[j] * (1 / lambda[j] - 1 / smallest) : 0;
    }
    double[] x = rhs.clone();
    Kernels.scal(1 / smallest, x);
    Kernels.gemv(n, r, 1.0, u, c, 1.0, x);
    return x;
  }

  /**
   * (D_ρ + M̂)⁻¹·rhs for a positive diagonal D_ρ by the Woodbury identity: with F = UΛ̂^{1/2},
   * (D_ρ + FFᵀ)⁻¹ = D_ρ⁻¹ − D_ρ⁻¹F(I + FᵀD_ρ⁻¹F)⁻¹FᵀD_ρ⁻¹, the r×r system factored by Cholesky
   * (EJML). Null if that factorisation fails.
   */
  double[] solveWithDiagonal(double[] rhs, double[] dRho) {
    int r = rank();
    double[] root = new double[n];
    for (int i = 0; i < n; i++) {
      root[i] = Math.sqrt(dRho[i]);
    }
    double[] z = new double[n];
    Kernels.divide(rhs, root, z); // D^{−1/2} rhs
    if (r > 0) {
      double[] e = new double[n * r]; // D^{−1/2} U Λ̂^{1/2}
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < r; j++) {
          e[i * r + j] = u[i * r + j] * Math.sqrt(lambda[j]) / root[i];
        }
      }
      double[] s = new double[r * r];
      Kernels.gemmTransposedA(r, r, n, 1.0, e, e, 0.0, s);
      symmetrise(s, r);
      for (int j = 0; j < r; j++) {
        s[j * r + j] += 1;
      }
      CholeskyFactorization chol = CholeskyFactorization.factor(s, r);
      if (!chol.isOk()) {
        return null;
      }
      double[] t = new double[r];
      Kernels.gemvTransposed(n, r, 1.0, e, z, 0.0, t);
      chol.solveInPlace(t);
      Kernels.gemv(n, r, -1.0, e, t, 1.0, z);
    }
    Kernels.divide(z, root, z);
    return z;
  }

  /**
   * The Nyström preconditioner's inverse (Frangella, Tropp and Udell 2023, §1.1 and §5): P⁻¹ =
   * (λ̂_q + ρ)·U_q(Λ̂_q + ρI)⁻¹U_qᵀ + (I − U_qU_qᵀ), over the eigenvalues above 10ν when ρ = 0
   * (all of them when ρ &gt; 0); symmetric positive definite; the identity when none is left.
   */
  LinearOperator preconditioner(double rho) {
    int q = rho > 0 ? rank() : numericalRank();
    int r = rank();
    double mu = q == 0 ? 1 : lambda[q - 1] + rho;
    double[] coefficient = new double[r];
    for (int j = 0; j < q; j++) {
      coefficient[j] = mu / (lambda[j] + rho) - 1;
    }
    return new LinearOperator() {
      @Override
      public int dim() {
        return n;
      }

      @Override
      public void apply(double[] x, double[] out) {
        Kernels.copy(x, out);
        if (q > 0) {
          double[] c = new double[r];
          Kernels.gemvTransposed(n, r, 1.0, u, x, 0.0, c);
          Kernels.hadamard(coefficient, c, c);
          Kernels.gemv(n, r, 1.0, u, c, 1.0, out);
        }
      }

      @Override
      public boolean isSymmetric() {
        return true;
      }
    };
  }
}
