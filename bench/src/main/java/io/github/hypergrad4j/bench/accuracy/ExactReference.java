package io.github.hypergrad4j.bench.accuracy;

import io.github.hypergrad4j.autodiff.HessianVectorProduct;
import io.github.hypergrad4j.autodiff.TensorFunction;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.HypergradientResult;
import io.github.hypergrad4j.bilevel.ImplicitHypergradient;
import io.github.hypergrad4j.ihvp.ExactSolver;
import io.github.hypergrad4j.ihvp.IhvpResult;
import io.github.hypergrad4j.ihvp.Lanczos;
import io.github.hypergrad4j.ihvp.SolverOptions;
import io.github.hypergrad4j.ihvp.SpectrumEstimate;
import java.util.Locale;

/**
 * The study's reference where no closed form exists: the implicit hypergradient with the {@link
 * ExactSolver} — the Hessian ∇²_θθ f materialised from n Hessian-vector products (one per unit
 * vector), symmetrised and factorised by Cholesky (LU if it is not positive definite), so the
 * only error left is rounding, about ε·κ(∇²f) relative. Cost: n + 1 products for the solve (the
 * last, p's true residual, also gives the mixed term), one gradient of g; n² doubles. Also the extreme eigenvalues of
 * ∇²_θθ f by {@link Lanczos} (complete reorthogonalisation; its Ritz values lie inside the
 * spectrum, so a negative smallest one proves the Hessian indefinite).
 */
final class ExactReference {

  /** The largest dimension the study lets the exact solver materialise. */
  static final int MAX_DIMENSION = 2000;

  private ExactReference() {}

  /**
   * The exact reference and its account.
   *
   * @param hypergradient h*
   * @param products products with ∇²f spent by the solve (n + 1)
   * @param millis wall time of the whole hypergradient (one run, after one untimed warm-up run)
   * @param solve the exact solve's result (status, true residual)
   */
  record Result(double[] hypergradient, long products, double millis, IhvpResult solve) {

    /** One line for reports. */
    String describe() {
      String factor = solve.detail().startsWith("Exact: Cholesky") ? "Cholesky: positive definite"
          : solve.detail().startsWith("Exact: LU") ? "LU: Cholesky failed, not positive definite" : "no factorisation";
      return String.format(Locale.ROOT, "ExactSolver: %d products, %s (%s), relative residual %.1e, %.0f ms",
          products, solve.status(), factor, solve.relativeResidual(), millis);
    }
  }

  /** h* at (θ, λ) with the exact solver (relative tolerance 10⁻¹²). */
  static Result hypergradient(BilevelProblem problem, double[] theta, double[] lambda) {
    ImplicitHypergradient method = ImplicitHypergradient.builder(new ExactSolver(MAX_DIMENSION))
        .solverOptions(SolverOptions.defaults().withTolerance(1e-12)).build();
    method.compute(problem, theta, lambda); // warm-up for the timing
    long start = System.nanoTime();
    HypergradientResult r = method.compute(problem, theta, lambda);
    double millis = (System.nanoTime() - start) / 1e6;
    return new Result(r.hypergradient(), r.solve().operatorApplications(), millis, r.solve());
  }

  /**
   * The extreme eigenvalues of ∇²_θθ f at (θ, λ): Lanczos with at most min(n, 200) steps,
   * relative tolerance 10⁻⁶, seed 1.
   */
  static SpectrumEstimate spectrum(BilevelProblem problem, double[] theta, double[] lambda) {
    TensorFunction f = in -> problem.inner().apply(in[0], in[1], null);
    HessianVectorProduct hessian = new HessianVectorProduct(f, new double[][] {theta, lambda}, 0);
    return Lanczos.extremeEigenvalues(hessian, Math.min(theta.length, 200), 1e-6, 1);
  }
}
