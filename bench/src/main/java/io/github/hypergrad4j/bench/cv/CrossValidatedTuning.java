package io.github.hypergrad4j.bench.cv;

import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bench.examples.L2LogisticRegression;
import io.github.hypergrad4j.bench.examples.L2LogisticRegression.Penalties;
import io.github.hypergrad4j.bench.examples.TuningComparison.Outcome;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.HyperOptimizationResult;
import io.github.hypergrad4j.bilevel.HyperOptimizer;
import io.github.hypergrad4j.bilevel.ImplicitHypergradient;
import io.github.hypergrad4j.bilevel.InnerOptimizer;
import io.github.hypergrad4j.bilevel.InnerResult;
import io.github.hypergrad4j.bilevel.InnerStopping;
import io.github.hypergrad4j.bilevel.ProblemBatch;
import io.github.hypergrad4j.bilevel.ProgressListener;
import io.github.hypergrad4j.bilevel.StepRule;
import io.github.hypergrad4j.bilevel.UnreliableStepPolicy;
import io.github.hypergrad4j.ihvp.IhvpSolver;
import io.github.hypergrad4j.ihvp.SolverOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * K-fold cross-validated tuning of the L2 penalties of a logistic regression, and the refit.
 *
 * <p>The objective is the cross-validation loss G(λ) = (1/K) Σ_k g_k(θ_k*(λ)): fold k trains on
 * the other K − 1 folds of train + validation and is validated on fold k ({@link CvSplit}). Two
 * ways to minimise it:
 *
 * <ul>
 *   <li>a grid over one global penalty, every point solved on every fold (scikit-learn's {@code
 *       LogisticRegressionCV});
 *   <li>the hypergradient with the penalties tied as asked ({@link Penalties}: one per weight by
 *       default, one per feature, or one global): {@link HyperOptimizer#runBatch} on the
 *       folds (dG/dλ = the mean of the folds' implicit hypergradients), stopped when the CV loss
 *       has not improved by the relative amount {@code minImprovement} for {@code patience}
 *       steps, or after {@code maxSteps} (the cap).
 * </ul>
 *
 * Either way the chosen λ is then refit on all of train + validation, and that model is scored
 * on the test part, which no choice looked at. Every inner solve is L-BFGS preconditioned by the
 * model's diagonal curvature ({@link L2LogisticRegression}); the folds are solved on {@code
 * threads} threads, with results that do not depend on their number. Nothing is printed.
 */
public final class CrossValidatedTuning {

  private CrossValidatedTuning() {}

  /**
   * The settings of a cross-validated run.
   *
   * @param folds K ≥ 2
   * @param seed of the test split and of the folds
   * @param gridPoints points of the global-penalty grid, log-spaced in [gridLow, gridHigh]
   * @param gridLow the grid's smallest penalty
   * @param gridHigh its largest
   * @param lambda0 the hypergradient run's starting penalty (every weight)
   * @param maxSteps the cap on its outer steps
   * @param patience steps without a relative improvement of the CV loss by {@code minImprovement}
   *     that stop it
   * @param minImprovement that relative improvement
   * @param outerLearningRate Adam's learning rate on log λ
   * @param innerTolerance ‖∇f‖ at which every inner solve (and the refit) stops
   * @param solver the inverse-HVP solver
   * @param damping its damping ρ
   * @param onUnreliableStep the policy for unreliable steps
   * @param threads the threads the folds are solved on (the grid's and the hypergradient run's)
   * @param penalties how the hypergradient run ties the weights' penalties
   */
  public record Settings(int folds, long seed, int gridPoints, double gridLow, double gridHigh, double lambda0,
      int maxSteps, int patience, double minImprovement, double outerLearningRate, double innerTolerance,
      IhvpSolver solver, double damping, UnreliableStepPolicy onUnreliableStep, int threads, Penalties penalties) {}

  /**
   * What both methods reached; each outcome's validation loss is its CV loss.
   *
   * @param grid the CV grid with the refit
   * @param hypergradient the CV hypergradient run with the refit
   * @param tuning the hypergradient run
   */
  public record Report(Outcome grid, Outcome hypergradient, HyperOptimizationResult tuning) {}

  /**
   * Runs both on {@code data}.
   *
   * @param listener receives every outer step of the hypergradient run (the mean over the
   *     folds), or null
   * @throws IllegalArgumentException for bad folds ({@link StratifiedFolds})
   */
  public static Report run(Dataset data, Settings s, ProgressListener listener) {
    CvSplit split = CvSplit.of(data, s.folds(), s.seed());
    List<L2LogisticRegression> models = new ArrayList<>();
    for (int k = 0; k < s.folds(); k++) {
      CvSplit.Parts p = split.fold(k);
      models.add(new L2LogisticRegression(p.train(), p.heldOut()));
    }
    InnerStopping stopping = new InnerStopping(s.innerTolerance(), 10_000);

    long t0 = System.nanoTime();
    double bestLoss = Double.POSITIVE_INFINITY;
    double bestLambda = Double.NaN;
    for (int i = 0; i < s.gridPoints(); i++) {
      double lambda = s.gridLow() * Math.pow(s.gridHigh() / s.gridLow(), i / (double) (s.gridPoints() - 1));
      double loss = cvLoss(models, new double[] {lambda}, stopping, s.threads());
      if (loss < bestLoss || Double.isNaN(bestLambda)) {
        bestLoss = loss;
        bestLambda = lambda;
      }
    }
    Outcome grid = refit(split, Penalties.GLOBAL, new double[] {bestLambda}, stopping, "CV grid, one global L2 + refit", bestLoss,
        t0, String.format(Locale.ROOT, "%d-fold CV over %d points log-spaced in [%.0e, %.0e], best lambda %.3g",
            s.folds(), s.gridPoints(), s.gridLow(), s.gridHigh(), bestLambda));

    long t1 = System.nanoTime();
    List<BilevelProblem> members = new ArrayList<>();
    for (L2LogisticRegression m : models) {
      members.add(m.problem(s.lambda0(), s.penalties()));
    }
    ImplicitHypergradient method = ImplicitHypergradient.builder(s.solver())
        .solverOptions(SolverOptions.defaults().withTolerance(1e-6)
            .withMaxIterations(10 * models.get(0).parameters()).withDamping(s.damping()))
        .build();
    HyperOptimizer.Builder b = HyperOptimizer.builder(method)
        .innerOptimizer(InnerOptimizer.lbfgs())
        .innerStopping(stopping)
        .outerRule(StepRule.adam(s.outerLearningRate()))
        .maxSteps(s.maxSteps())
        .plateau(s.patience(), s.minImprovement())
        .onUnreliableStep(s.onUnreliableStep())
        .threads(s.threads());
    if (listener != null) {
      b.listener(listener);
    }
    HyperOptimizationResult tuned = b.build().runBatch(ProblemBatch.of(members));
    Outcome hpo = refit(split, s.penalties(), tuned.bestLambda(), stopping,
        "CV hypergradient, " + s.penalties().label() + " + refit",
        tuned.bestOuterValue(), t1, String.format(Locale.ROOT,
            "%d-fold CV, %d hyperparameters, %d outer %s (%s), best CV loss at step %d", s.folds(),
            members.get(0).lambdaSize(), tuned.history().size(), tuned.history().size() == 1 ? "step" : "steps",
            tuned.stopReason(), tuned.bestStep() + 1));
    return new Report(grid, hpo, tuned);
  }

  /**
   * The mean held-out loss over the folds at one global λ, each fold solved from θ = 0 (the folds
   * on {@code threads} threads, summed in order).
   */
  static double cvLoss(List<L2LogisticRegression> models, double[] lambda, InnerStopping stopping, int threads) {
    List<BilevelProblem> problems = new ArrayList<>();
    for (L2LogisticRegression m : models) {
      problems.add(m.problem(1.0, Penalties.GLOBAL));
    }
    ProblemBatch folds = ProblemBatch.of(problems);
    double[][] thetas = new double[problems.size()][];
    for (int k = 0; k < thetas.length; k++) {
      thetas[k] = problems.get(k).initialTheta();
    }
    List<InnerResult> solved = folds.solveInner(InnerOptimizer.lbfgs(), lambda, thetas, stopping, threads);
    for (int k = 0; k < thetas.length; k++) {
      thetas[k] = solved.get(k).theta();
    }
    return folds.outerValue(thetas, lambda);
  }

  /**
   * The refit at λ on all of train + validation (from θ = 0, to the inner tolerance), scored on
   * the test part.
   *
   * @param validationLoss the loss that chose λ (shown as the outcome's validation loss)
   * @param start {@link System#nanoTime()} at the start of the method, for its time (refit included)
   */
  public static Outcome refit(CvSplit split, Penalties penalties, double[] lambda, InnerStopping stopping,
      String method, double validationLoss, long start, String detail) {
    CvSplit.Parts p = split.refit();
    L2LogisticRegression m = new L2LogisticRegression(p.train(), p.heldOut());
    BilevelProblem problem = m.problem(1.0, penalties);
    double[] theta = InnerOptimizer.lbfgs().minimize(problem.innerFunctionAt(lambda), problem.initialTheta(),
        stopping).theta();
    return new Outcome(method, validationLoss, m.meanLoss(theta, p.heldOut()), m.accuracy(theta, p.heldOut()),
        (System.nanoTime() - start) / 1e9, detail);
  }
}
