package io.github.hypergrad4j.bench.penalties;

import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.Hypergradient;
import io.github.hypergrad4j.bilevel.HypergradientResult;
import io.github.hypergrad4j.bilevel.ImplicitHypergradient;
import io.github.hypergrad4j.bilevel.InnerOptimizer;
import io.github.hypergrad4j.bilevel.InnerResult;
import io.github.hypergrad4j.bilevel.InnerStopping;
import io.github.hypergrad4j.bilevel.StepRule;
import io.github.hypergrad4j.ihvp.ConjugateGradient;
import io.github.hypergrad4j.ihvp.IhvpResult;
import io.github.hypergrad4j.ihvp.SolverOptions;
import io.github.hypergrad4j.linalg.Kernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One L2 penalty per weight of a {@link PenaltyMlp}, tuned by implicit hypergradients (Lorraine,
 * Vicol and Duvenaud, AISTATS 2020): the outer loop, with a per-step account.
 *
 * <p><b>One outer step t</b> (u = log λ, u₀ = log of the initial penalty on every weight):
 *
 * <ol>
 *   <li>inner: L-BFGS on f(·, λ_t) warm-started from θ_{t−1} (from θ₀ at t = 1), until
 *       ‖∇_θ f‖₂ ≤ the inner tolerance or the step's iteration cap (a longer cap at t = 1, which
 *       starts from scratch);
 *   <li>hypergradient by the implicit function theorem: p from (∇²_θθ f + ρI)p = ∇_θ g by
 *       conjugate gradient (at most the CG cap of iterations, to a relative tolerance), warm-started
 *       from the previous step's p when that solve was usable (an {@link
 *       ImplicitHypergradient#session(boolean) ImplicitHypergradient session}), then dg/dλ = −w ⊙
 *       p on the weights; damped by a fixed ρ &gt; 0 because the MLP's Hessian need not be
 *       positive definite;
 *   <li>if the solve is usable (a finite x whose true relative residual ‖b − (H + ρI)x‖/‖b‖ is
 *       below 1 — which a NEGATIVE_CURVATURE ending, whose x is CG's iterate before the direction
 *       of negative curvature, may still be), one Adam step on u with dg/du = λ ⊙ dg/dλ; else no
 *       step (reported as skipped).
 * </ol>
 *
 * The validation loss of θ_t is g; the test loss of θ_t is computed for the report only and used
 * by nothing. Cost per step: the inner iterations (about one gradient each) + the CG products +
 * one sweep for the mixed term + one gradient of g + one forward pass on the test set.
 */
public final class PenaltyTuning {

  /**
   * The settings of a run, all fixed before it starts.
   *
   * @param steps outer steps (hypergradients)
   * @param initialPenalty λ₀ on every weight
   * @param firstInnerIterations L-BFGS iteration cap of step 1 (from θ₀)
   * @param innerIterations L-BFGS iteration cap of every later step (warm-started)
   * @param innerTolerance the inner stopping tolerance on ‖∇_θ f‖₂
   * @param cgIterations CG iteration cap per hypergradient
   * @param cgTolerance CG's relative tolerance on the true residual
   * @param damping ρ
   * @param outerLearningRate Adam's step on u = log λ
   */
  public record Settings(int steps, double initialPenalty, int firstInnerIterations, int innerIterations,
      double innerTolerance, int cgIterations, double cgTolerance, double damping, double outerLearningRate) {

    /** @throws IllegalArgumentException if a count is below 1 or a real is not positive and finite */
    public Settings {
      if (steps < 1 || firstInnerIterations < 1 || innerIterations < 1 || cgIterations < 1) {
        throw new IllegalArgumentException("PenaltyTuning.Settings: steps, inner iterations and CG iterations must be"
            + " >= 1, got " + steps + ", " + firstInnerIterations + ", " + innerIterations + ", " + cgIterations);
      }
      for (double v : new double[] {initialPenalty, innerTolerance, cgTolerance, damping, outerLearningRate}) {
        if (!(v > 0) || !Double.isFinite(v)) {
          throw new IllegalArgumentException("PenaltyTuning.Settings: initialPenalty, innerTolerance, cgTolerance,"
              + " damping and outerLearningRate must be > 0 and finite, got " + initialPenalty + ", " + innerTolerance
              + ", " + cgTolerance + ", " + damping + ", " + outerLearningRate);
        }
      }
    }
  }

  /**
   * What one outer step did.
   *
   * @param step the step, from 1
   * @param innerIterations L-BFGS iterations of its inner solve
   * @param innerStatus how the inner solve ended
   * @param innerGradientNorm ‖∇_θ f‖₂ at θ_t
   * @param cgStatus how the CG solve ended
   * @param cgIterations CG iterations
   * @param relativeResidual the solve's true relative residual ‖b − (H + ρI)p‖ / ‖b‖
   * @param products Hessian-vector products spent on the hypergradient (CG's, the mixed term's)
   * @param warmStarted whether CG started from the previous step's p
   * @param stepped whether u was stepped on this hypergradient (false: unusable solve, or the
   *     last step)
   * @param hypergradientNorm ‖dg/du‖₂
   * @param validationLoss g(θ_t): the validation cross-entropy
   * @param testLoss the test cross-entropy of θ_t, for the report only
   * @param validationAccuracy the validation accuracy of θ_t
   * @param testAccuracy the test accuracy of θ_t, for the report only
   * @param meanLogPenalty the mean of u = log λ_t over the weights
   * @param sdLogPenalty the standard deviation of u
   * @param innerSeconds time of the inner solve
   * @param hypergradientSeconds time of the hypergradient
   * @param elapsedSeconds time since the run started
   */
  public record Step(int step, int innerIterations, InnerResult.Status innerStatus, double innerGradientNorm,
      IhvpResult.Status cgStatus, int cgIterations, double relativeResidual, long products, boolean warmStarted,
      boolean stepped, double hypergradientNorm, double validationLoss, double testLoss, double validationAccuracy,
      double testAccuracy, double meanLogPenalty, double sdLogPenalty, double innerSeconds,
      double hypergradientSeconds, double elapsedSeconds) {}

  /** Receives every step as it ends. */
  @FunctionalInterface
  public interface Listener {
    /** One step is done. */
    void step(Step s);
  }

  /**
   * A finished run.
   *
   * @param steps every step, in order
   * @param bestStep the index (from 0) of the step with the lowest validation loss
   * @param bestTheta θ at that step
   * @param bestLambda λ at that step
   * @param seconds wall time of the run
   */
  public record Result(List<Step> steps, int bestStep, double[] bestTheta, double[] bestLambda, double seconds) {}

  private PenaltyTuning() {}

  /**
   * Runs the outer loop from θ₀ (of {@code seed}) and λ₀ = the initial penalty on every weight.
   *
   * @param listener sees every step (may be null)
   */
  public static Result run(PenaltyMlp model, Dataset test, Settings s, long seed, Listener listener) {
    long start = System.nanoTime();
    int n = model.penalties();
    double[] theta = model.initialTheta(seed);
    double[] u = new double[n];
    Arrays.fill(u, Math.log(s.initialPenalty()));
    BilevelProblem problem = model.problem(theta, model.uniformPenalty(s.initialPenalty()));
    SolverOptions cg = SolverOptions.defaults().withTolerance(s.cgTolerance()).withMaxIterations(s.cgIterations())
        .withDamping(s.damping());
    Hypergradient.Session session = ImplicitHypergradient.builder(new ConjugateGradient()).solverOptions(cg).build()
        .session(true);
    StepRule.Stepper adam = StepRule.adam(s.outerLearningRate()).start(n);
    InnerOptimizer lbfgs = InnerOptimizer.lbfgs();
    List<Step> steps = new ArrayList<>();
    int best = -1;
    double bestLoss = Double.POSITIVE_INFINITY;
    double[] bestTheta = theta;
    double[] bestLambda = null;
    for (int t = 1; t <= s.steps(); t++) {
      double[] lambda = problem.parametrization().toLambda(u);
      long t0 = System.nanoTime();
      InnerResult inner = lbfgs.minimize(problem.innerFunctionAt(lambda), theta,
          new InnerStopping(s.innerTolerance(), t == 1 ? s.firstInnerIterations() : s.innerIterations()));
      theta = inner.theta();
      long t1 = System.nanoTime();
      HypergradientResult h = session.compute(problem, theta, lambda);
      double[] dgdu = problem.parametrization().chainRule(u, h.hypergradient());
      long t2 = System.nanoTime();
      IhvpResult solve = h.solve();
      boolean usable = usable(solve) && Double.isFinite(Kernels.nrm2(dgdu));
      boolean stepped = usable && t < s.steps();
      double validation = h.outerValue();
      if (validation < bestLoss) {
        bestLoss = validation;
        best = t - 1;
        bestTheta = theta.clone();
        bestLambda = lambda;
      }
      double[] moments = moments(u);
      Step step = new Step(t, inner.iterations(), inner.status(), inner.gradientNorm(), solve.status(),
          solve.iterations(), solve.relativeResidual(), h.hessianVectorProducts(), h.warmStarted(), stepped,
          Kernels.nrm2(dgdu), validation, model.loss(theta, test), model.accuracy(theta, model.validation()),
          model.accuracy(theta, test), moments[0], moments[1], (t1 - t0) / 1e9, (t2 - t1) / 1e9,
          (System.nanoTime() - start) / 1e9);
      steps.add(step);
      if (listener != null) {
        listener.step(step);
      }
      if (stepped) {
        adam.step(u, dgdu);
      }
    }
    return new Result(List.copyOf(steps), best, bestTheta, bestLambda, (System.nanoTime() - start) / 1e9);
  }

  /** A finite x whose true relative residual is below 1 (better than x = 0). */
  static boolean usable(IhvpResult solve) {
    return solve != null && solve.relativeResidual() < 1 && Double.isFinite(Kernels.nrm2(solve.x()));
  }

  /** Mean and standard deviation of v. */
  private static double[] moments(double[] v) {
    double mean = 0;
    for (double x : v) {
      mean += x;
    }
    mean /= v.length;
    double var = 0;
    for (double x : v) {
      var += (x - mean) * (x - mean);
    }
    return new double[] {mean, Math.sqrt(var / v.length)};
  }
}
