package io.github.hypergrad4j.bench.examples;

import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bench.data.Splits;
import io.github.hypergrad4j.bench.examples.L2LogisticRegression.Penalties;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.HyperOptimizationResult;
import io.github.hypergrad4j.bilevel.HyperOptimizer;
import io.github.hypergrad4j.bilevel.ImplicitHypergradient;
import io.github.hypergrad4j.bilevel.InnerOptimizer;
import io.github.hypergrad4j.bilevel.InnerResult;
import io.github.hypergrad4j.bilevel.InnerStopping;
import io.github.hypergrad4j.bilevel.ProgressEvent;
import io.github.hypergrad4j.bilevel.StepRule;
import io.github.hypergrad4j.bilevel.UnreliableStepPolicy;
import io.github.hypergrad4j.ihvp.ConjugateGradient;
import io.github.hypergrad4j.ihvp.IhvpSolver;
import io.github.hypergrad4j.ihvp.SolverOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Hypergradient tuning of L2 penalties (one per weight by default, see {@link Penalties}) against a
 * grid search over one global L2 penalty on the same split, every inner problem (each grid point, each outer step) solved by
 * L-BFGS, preconditioned by the model's diagonal curvature ({@link L2LogisticRegression}), to the
 * same gradient tolerance, the grid points from scratch and the outer steps warm-started. By default both run once untimed first, so that neither pays for compiling the
 * code they share ({@link Settings#warmup()}); then both are timed in the same process. The
 * hypergradient run also reports when it first matched the grid's best validation loss. Progress
 * (the warm-up, each grid point, each outer step) goes to a {@link Listener}; nothing is printed.
 */
public final class TuningComparison {

  /** What a method reached. */
  public record Outcome(String method, double validationLoss, double testLoss, double testAccuracy,
      double seconds, String detail) {

    /**
     * The generalisation gap, test loss − validation loss: how much worse the chosen model does on
     * data that no choice looked at. Large when many hyperparameters were fitted to a small
     * validation set.
     */
    public double generalisationGap() {
      return testLoss - validationLoss;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%-30s validation loss %.5f  test loss %.5f  test accuracy %.4f  %.3f s%n    %s",
          method, validationLoss, testLoss, testAccuracy, seconds, detail);
    }
  }

  /**
   * The settings of a comparison.
   *
   * @param seed of the train/validation/test split
   * @param gridPoints points of the grid, log-spaced in [gridLow, gridHigh]
   * @param gridLow the grid's smallest penalty
   * @param gridHigh the grid's largest penalty
   * @param lambda0 the hypergradient run's starting penalty (every weight)
   * @param outerSteps the hypergradient run's step budget
   * @param outerLearningRate Adam's learning rate on log λ
   * @param innerTolerance ‖∇f‖ at which every inner solve stops
   * @param solver the inverse-HVP solver of the implicit hypergradient
   * @param damping its damping ρ
   * @param warmup run both methods once untimed first (without it, the times include the JIT
   *     compilation of the code, most of it paid by the method that runs first, the grid)
   * @param onUnreliableStep what the hypergradient run does with a step whose inner solve is not
   *     stationary or whose inverse-HVP solve failed (see {@link UnreliableStepPolicy})
   * @param penalties how the hypergradient run ties the weights' penalties
   */
  public record Settings(long seed, int gridPoints, double gridLow, double gridHigh, double lambda0,
      int outerSteps, double outerLearningRate, double innerTolerance, IhvpSolver solver, double damping,
      boolean warmup, UnreliableStepPolicy onUnreliableStep, Penalties penalties) {

    /**
     * The defaults of the examples with the given budget and inner tolerance: CG, no damping,
     * warm-up, stop at an unreliable step, one penalty per weight.
     */
    public static Settings defaults(int outerSteps, double innerTolerance) {
      return new Settings(7, 20, 1e-4, 1e1, 1e-2, outerSteps, 0.2, innerTolerance, new ConjugateGradient(), 0.0,
          true, UnreliableStepPolicy.stop(), Penalties.PER_WEIGHT);
    }
  }

  /**
   * One grid point's inner solve.
   *
   * @param index the point, from 0
   * @param points the grid's size
   * @param lambda its global penalty
   * @param validationLoss the validation loss of its inner solution
   * @param bestValidationLoss the lowest validation loss of the points so far (this one included)
   * @param innerIterations the inner solve's iterations
   * @param innerStatus how it ended
   * @param innerGradientNorm ‖∇_θ f‖ at its end
   * @param elapsedMillis time since the grid started
   */
  public record GridPoint(int index, int points, double lambda, double validationLoss, double bestValidationLoss,
      int innerIterations, InnerResult.Status innerStatus, double innerGradientNorm, double elapsedMillis) {}

  /** Receives the progress of a comparison, on the thread that runs it. Every method defaults to nothing. */
  public interface Listener {

    /** The untimed warm-up run of both methods starts. */
    default void warmupStarted() {}

    /** It ended after {@code seconds}. */
    default void warmupFinished(double seconds) {}

    /** A grid point was solved ({@code warmup}: in the untimed warm-up run). */
    default void gridPoint(GridPoint point, boolean warmup) {}

    /** An outer step of the hypergradient run was done ({@code warmup}: in the warm-up run). */
    default void outerStep(ProgressEvent event, boolean warmup) {}
  }

  /**
   * Both outcomes, with what the hypergradient run learned and what each grid point's inner solve
   * did.
   */
  public record Report(Outcome grid, Outcome hypergradient, HyperOptimizationResult tuning, List<GridPoint> gridPoints,
      int features, int classes) {}

  private TuningComparison() {}

  /**
   * Runs both on {@code data}, after an untimed warm-up run of both when the settings ask for it.
   *
   * @param listener receives the progress, or null
   */
  public static Report run(Dataset data, Settings s, Listener listener) {
    Listener l = listener == null ? new Listener() {} : listener;
    if (s.warmup()) {
      long t0 = System.nanoTime();
      l.warmupStarted();
      timed(data, s, l, true);
      l.warmupFinished((System.nanoTime() - t0) / 1e9);
    }
    return timed(data, s, l, false);
  }

  private static Report timed(Dataset data, Settings s, Listener listener, boolean warmup) {
    Splits.TrainValidationTest split = Splits.split(data, Splits.DEFAULT_TRAIN, Splits.DEFAULT_VALIDATION, s.seed());
    L2LogisticRegression model = new L2LogisticRegression(split.train(), split.validation());
    InnerStopping stopping = new InnerStopping(s.innerTolerance(), 10_000);
    InnerOptimizer lbfgs = InnerOptimizer.lbfgs();

    long t0 = System.nanoTime();
    double bestLoss = Double.POSITIVE_INFINITY;
    double bestLambda = Double.NaN;
    double[] bestTheta = null;
    List<GridPoint> points = new ArrayList<>();
    for (int i = 0; i < s.gridPoints(); i++) {
      double lambda = s.gridLow() * Math.pow(s.gridHigh() / s.gridLow(), i / (double) (s.gridPoints() - 1));
      BilevelProblem p = model.problem(lambda, Penalties.GLOBAL);
      InnerResult r = lbfgs.minimize(p.innerFunctionAt(new double[] {lambda}), p.initialTheta(), stopping);
      double loss = model.meanLoss(r.theta(), split.validation());
      if (bestTheta == null || loss < bestLoss) {
        bestLoss = loss;
        bestLambda = lambda;
        bestTheta = r.theta();
      }
      GridPoint point = new GridPoint(i, s.gridPoints(), lambda, loss, bestLoss, r.iterations(), r.status(),
          r.gradientNorm(), (System.nanoTime() - t0) / 1e6);
      points.add(point);
      listener.gridPoint(point, warmup);
    }
    double tGrid = (System.nanoTime() - t0) / 1e9;
    Outcome grid = new Outcome("grid, one global L2", bestLoss, model.meanLoss(bestTheta, split.test()),
        model.accuracy(bestTheta, split.test()), tGrid,
        String.format(Locale.ROOT, "%d points log-spaced in [%.0e, %.0e], best lambda %.3g", s.gridPoints(),
            s.gridLow(), s.gridHigh(), bestLambda));

    long t1 = System.nanoTime();
    BilevelProblem problem = model.problem(s.lambda0(), s.penalties());
    ImplicitHypergradient hypergradient = ImplicitHypergradient.builder(s.solver())
        .solverOptions(SolverOptions.defaults().withTolerance(1e-6).withMaxIterations(10 * model.parameters())
            .withDamping(s.damping()))
        .build();
    HyperOptimizationResult tuned = HyperOptimizer.builder(hypergradient)
        .innerOptimizer(lbfgs)
        .innerStopping(stopping)
        .outerRule(StepRule.adam(s.outerLearningRate()))
        .maxSteps(s.outerSteps())
        .onUnreliableStep(s.onUnreliableStep())
        .listener(event -> listener.outerStep(event, warmup))
        .build()
        .run(problem);
    double tHpo = (System.nanoTime() - t1) / 1e9;
    double[] theta = tuned.bestTheta();
    Outcome hpo = new Outcome("hypergradient, " + s.penalties().label(), tuned.bestOuterValue(),
        model.meanLoss(theta, split.test()), model.accuracy(theta, split.test()), tHpo,
        String.format(Locale.ROOT, "%d hyperparameters, %d outer %s (%s), %s; %s", problem.lambdaSize(),
            tuned.history().size(), tuned.history().size() == 1 ? "step" : "steps", tuned.stopReason(),
            tuned.bestStep() < 0 ? "no step with a finite validation loss" : "best at step " + (tuned.bestStep() + 1),
            matched(tuned, bestLoss)));
    return new Report(grid, hpo, tuned, List.copyOf(points), data.cols(), data.classes());
  }

  /** When the hypergradient run first reached the grid's best validation loss. */
  private static String matched(HyperOptimizationResult tuned, double gridBest) {
    for (ProgressEvent e : tuned.history().events()) {
      if (e.outerValue() <= gridBest) {
        return String.format(Locale.ROOT, "matched the grid's best validation loss at step %d, after %.3f s",
            e.step() + 1, e.elapsedMillis() / 1e3);
      }
    }
    return "never matched the grid's best validation loss";
  }
}
