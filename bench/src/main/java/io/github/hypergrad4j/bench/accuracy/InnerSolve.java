package io.github.hypergrad4j.bench.accuracy;

import io.github.hypergrad4j.autodiff.Derivatives;
import io.github.hypergrad4j.autodiff.HessianVectorProduct;
import io.github.hypergrad4j.autodiff.TensorFunction;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.DifferentiableFunction;
import io.github.hypergrad4j.bilevel.InnerOptimizer;
import io.github.hypergrad4j.bilevel.InnerResult;
import io.github.hypergrad4j.bilevel.InnerStopping;
import io.github.hypergrad4j.ihvp.IhvpResult;
import io.github.hypergrad4j.ihvp.Minres;
import io.github.hypergrad4j.ihvp.SolverOptions;
import io.github.hypergrad4j.linalg.Kernels;

/**
 * The tight inner solve of the study: θ*(λ) = argmin_θ f(θ, λ) at a fixed λ, to a gradient norm
 * the implicit function theorem can be trusted at.
 *
 * <p><b>Method.</b> L-BFGS ({@link InnerOptimizer#lbfgs()}, 10 pairs, Armijo backtracking) until
 * ‖∇_θ f‖₂ ≤ tolerance, run in rounds of {@value #ROUND} iterations. Its Armijo test compares
 * values of f, whose rounding (about ε·|f|) swamps the decrease ~‖∇f‖² once ‖∇f‖ nears
 * √(ε|f|) ≈ 10⁻⁹: there each iteration halves its step dozens of times for a useless decrease.
 * So a round that fails its line search, or needs more than {@value #STALL_EVALUATIONS}
 * evaluations per iteration on average, ends the L-BFGS stage, as does the iteration limit. Then
 * at most {@value #NEWTON_STEPS} Newton steps polish θ: θ ← θ − d with ∇²_θθ f·d = ∇_θ f solved by
 * MINRES (relative tolerance 10⁻¹⁰, at most 10·n iterations; it handles an indefinite Hessian
 * too), each kept only if it lowers ‖∇f‖. Near a minimiser with a nonsingular Hessian Newton's
 * method converges quadratically (Nocedal and Wright, "Numerical Optimization", 2nd ed., Theorem
 * 3.5), and it compares no values of f.
 *
 * <p><b>Cost.</b> The L-BFGS evaluations of f and ∇f (one per trial step), then per Newton step
 * one gradient and the MINRES products.
 */
final class InnerSolve {

  /** The most Newton steps of the polish. */
  static final int NEWTON_STEPS = 6;

  /** L-BFGS iterations per round. */
  static final int ROUND = 200;

  /** Evaluations per iteration, averaged over a round, above which L-BFGS is taken to stall. */
  static final int STALL_EVALUATIONS = 3;

  private InnerSolve() {}

  /**
   * What the inner solve reached.
   *
   * @param theta θ
   * @param gradientNorm ‖∇_θ f(θ, λ)‖₂
   * @param lbfgsIterations L-BFGS iterations over all rounds
   * @param lbfgsStatus how the last L-BFGS round ended
   * @param lbfgsGradientNorm ‖∇_θ f‖₂ where L-BFGS stopped
   * @param newtonSteps Newton steps kept
   */
  record Solution(double[] theta, double gradientNorm, int lbfgsIterations,
      InnerResult.Status lbfgsStatus, double lbfgsGradientNorm, int newtonSteps) {

    /** One line for reports. */
    String describe() {
      return String.format(java.util.Locale.ROOT,
          "L-BFGS %d iterations to |grad f| = %.1e (%s) + %d Newton steps: |grad f| = %.1e",
          lbfgsIterations, lbfgsGradientNorm, lbfgsStatus, newtonSteps, gradientNorm);
    }
  }

  /** ‖∇_θ f(θ, λ)‖₂ (one gradient). */
  static double gradientNorm(BilevelProblem problem, double[] theta, double[] lambda) {
    TensorFunction f = in -> problem.inner().apply(in[0], in[1], null);
    return Kernels.nrm2(Derivatives.valueAndGradient(f, new double[][] {theta, lambda}, 0).gradient());
  }

  /**
   * Minimises f(·, λ) of {@code problem} from θ₀.
   *
   * @param tolerance the target ‖∇_θ f‖₂
   * @param maxIterations the L-BFGS iteration limit, ≥ 1
   */
  static Solution solve(BilevelProblem problem, double[] lambda, double[] theta0, double tolerance,
      int maxIterations) {
    TensorFunction f = in -> problem.inner().apply(in[0], in[1], null);
    DifferentiableFunction fn = (x, gradient) -> {
      Derivatives.ValueAndGradient vg = Derivatives.valueAndGradient(f, new double[][] {x, lambda}, 0);
      System.arraycopy(vg.gradient(), 0, gradient, 0, gradient.length);
      return vg.value();
    };
    double[] theta = theta0.clone();
    int iterations = 0;
    InnerResult lbfgs;
    do {
      int round = Math.min(ROUND, maxIterations - iterations);
      lbfgs = InnerOptimizer.lbfgs().minimize(fn, theta, new InnerStopping(tolerance, round));
      theta = lbfgs.theta().clone();
      iterations += lbfgs.iterations();
      boolean stalled = lbfgs.gradientEvaluations() > STALL_EVALUATIONS * Math.max(1, lbfgs.iterations());
      if (lbfgs.status() != InnerResult.Status.MAX_ITERATIONS || stalled) {
        break;
      }
    } while (iterations < maxIterations);
    double[] gradient = new double[theta.length];
    fn.valueAndGradient(theta, gradient);
    double norm = Kernels.nrm2(gradient);
    double lbfgsNorm = norm;
    int kept = 0;
    for (int step = 0; step < NEWTON_STEPS && norm > tolerance; step++) {
      HessianVectorProduct hessian = new HessianVectorProduct(f, new double[][] {theta, lambda}, 0);
      IhvpResult d = new Minres().solve(hessian, gradient,
          SolverOptions.defaults().withTolerance(1e-10).withMaxIterations(10 * theta.length));
      double[] trial = theta.clone();
      Kernels.axpy(-1.0, d.x(), trial);
      double[] trialGradient = new double[theta.length];
      fn.valueAndGradient(trial, trialGradient);
      double trialNorm = Kernels.nrm2(trialGradient);
      if (!(trialNorm < norm)) {
        break;
      }
      theta = trial;
      gradient = trialGradient;
      norm = trialNorm;
      kept++;
    }
    return new Solution(theta, norm, iterations, lbfgs.status(), lbfgsNorm, kept);
  }
}
