package io.github.hypergrad4j.bench.reweight;

import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.HyperOptimizationResult;
import io.github.hypergrad4j.bilevel.HyperOptimizer;
import io.github.hypergrad4j.bilevel.ImplicitHypergradient;
import io.github.hypergrad4j.bilevel.InnerOptimizer;
import io.github.hypergrad4j.bilevel.InnerResult;
import io.github.hypergrad4j.bilevel.InnerStopping;
import io.github.hypergrad4j.bilevel.Parametrization;
import io.github.hypergrad4j.bilevel.ProgressEvent;
import io.github.hypergrad4j.bilevel.StepRule;
import io.github.hypergrad4j.ihvp.ConjugateGradient;
import io.github.hypergrad4j.ihvp.SolverOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Learned example weights under label noise: corrupt a fraction of the training labels ({@link
 * LabelNoise}), then compare three regressions ({@link WeightedSoftmaxRegression}) on the test set —
 * uniform weights (all 1: the ordinary regression on the noisy labels), the learned weights, and an
 * oracle that drops exactly the corrupted examples — and score how well the learned weights
 * separate clean from corrupted examples ({@link RocAuc}, clean = positive, a high weight = clean).
 *
 * <p>The learned weights: w = σ(u), u₀ = {@link Settings#initialU()} for every example, tuned
 * by {@link HyperOptimizer} — per outer step an L-BFGS inner solve warm-started from the last θ,
 * the implicit hypergradient dg/dw = −∇²_wθ f·p with p = [∇²_θθ f]⁻¹∇_θ g solved by conjugate
 * gradient warm-started from the last p, and an Adam step on u — for a budget of {@link
 * Settings#steps()} outer steps fixed before the run. The outer objective is the validation loss
 * itself, so neither a plateau of it nor its best step would be an unbiased stop: the weights
 * reported are those of the last step, and θ is solved once more at them. The test set is used
 * for reporting only.
 */
public final class ReweightExperiment {

  private ReweightExperiment() {}

  /**
   * The settings of a run, fixed before it.
   *
   * @param noise the fraction of training labels corrupted, in [0, 1)
   * @param mu the L2 penalty μ of the inner problem, &gt; 0
   * @param steps the outer step budget, ≥ 1
   * @param outerLearningRate Adam's step on u, &gt; 0
   * @param initialU u₀ of every example (w₀ = σ(u₀))
   * @param innerTolerance the inner solves stop at ‖∇_θ f‖₂ ≤ this
   * @param innerMaxIterations and after at most this many L-BFGS iterations
   * @param cgTolerance the relative residual CG aims at
   * @param cgMaxIterations CG's iteration limit per hypergradient
   * @param seed of the corruption
   */
  public record Settings(double noise, double mu, int steps, double outerLearningRate, double initialU,
      double innerTolerance, int innerMaxIterations, double cgTolerance, int cgMaxIterations, long seed) {

    /**
     * @throws IllegalArgumentException naming the first setting out of range
     */
    public Settings {
      check(noise >= 0 && noise < 1, "noise must lie in [0, 1)", noise);
      check(mu > 0 && Double.isFinite(mu), "mu must be positive and finite", mu);
      check(steps >= 1, "steps must be >= 1", steps);
      check(outerLearningRate > 0 && Double.isFinite(outerLearningRate), "outerLearningRate must be positive",
          outerLearningRate);
      check(Double.isFinite(initialU), "initialU must be finite", initialU);
      check(innerTolerance > 0 && Double.isFinite(innerTolerance), "innerTolerance must be positive",
          innerTolerance);
      check(innerMaxIterations >= 1, "innerMaxIterations must be >= 1", innerMaxIterations);
      check(cgTolerance > 0 && cgTolerance < 1, "cgTolerance must lie in (0, 1)", cgTolerance);
      check(cgMaxIterations >= 1, "cgMaxIterations must be >= 1", cgMaxIterations);
    }

    private static void check(boolean ok, String what, double value) {
      if (!ok) {
        throw new IllegalArgumentException("ReweightExperiment.Settings: " + what + ", got " + value);
      }
    }
  }

  /** Receives each outer step's event with the AUC of that step's weights (on the optimising thread). */
  @FunctionalInterface
  public interface Listener {
    /** After each outer step's hypergradient. */
    void onStep(ProgressEvent event, double auc);
  }

  /**
   * A regression trained with one set of weights, scored.
   *
   * @param name "uniform", "learned" or "oracle"
   * @param fit the inner solve at those weights
   * @param validationLoss mean cross-entropy on the (clean) validation set
   * @param testLoss mean cross-entropy on the test set
   * @param testAccuracy fraction of the test set classified correctly
   */
  public record Scored(String name, InnerResult fit, double validationLoss, double testLoss, double testAccuracy) {}

  /**
   * What a run produced.
   *
   * @param settings the settings
   * @param noise the corruption of the training labels
   * @param uniform all weights 1
   * @param learned the learned weights
   * @param oracle weight 0 on the corrupted examples (absent without corruption: then equal to uniform)
   * @param weights the learned weights w = σ(u) of the last step
   * @param auc the AUC of those weights, clean = positive (NaN without corruption)
   * @param aucPerStep the AUC of each step's weights (NaN without corruption)
   * @param tuning the outer loop's result (history, stop reason)
   */
  public record Outcome(Settings settings, LabelNoise noise, Scored uniform, Scored learned, Scored oracle,
      double[] weights, double auc, double[] aucPerStep, HyperOptimizationResult tuning) {}

  /**
   * Runs the experiment on a training set with clean labels (corrupted here), a clean validation
   * set and a test set. Cost: two fits, then per outer step an inner solve, a CG solve and one
   * more forward-over-reverse sweep, then one more fit.
   *
   * @param listener receives each step, or null
   * @throws IllegalArgumentException if the data do not fit {@link WeightedSoftmaxRegression}
   */
  public static Outcome run(Dataset train, Dataset validation, Dataset test, Settings s, Listener listener) {
    LabelNoise noise = LabelNoise.corrupt(train.labels(), train.classes(), s.noise(), s.seed());
    Dataset noisy = new Dataset(train.name(), train.features(), train.rows(), train.cols(), noise.labels(), null,
        train.classes(), train.featureNames());
    WeightedSoftmaxRegression model = new WeightedSoftmaxRegression(noisy, validation, s.mu());
    int n = train.rows();
    InnerStopping stopping = new InnerStopping(s.innerTolerance(), s.innerMaxIterations());

    double[] ones = new double[n];
    Arrays.fill(ones, 1.0);
    Scored uniform = score("uniform", model, model.fit(ones, new double[model.parameters()], stopping), validation,
        test);
    Scored oracle = new Scored("oracle", uniform.fit(), uniform.validationLoss(), uniform.testLoss(),
        uniform.testAccuracy());
    if (noise.corruptedCount() > 0) {
      double[] keep = new double[n];
      double clean = n - noise.corruptedCount();
      for (int i = 0; i < n; i++) {
        keep[i] = noise.corrupted()[i] ? 0 : n / clean;
      }
      oracle = score("oracle", model, model.fit(keep, uniform.fit().theta(), stopping), validation, test);
    }

    boolean[] clean = new boolean[n];
    for (int i = 0; i < n; i++) {
      clean[i] = !noise.corrupted()[i];
    }
    boolean scorable = noise.corruptedCount() > 0;
    double[] w0 = Parametrization.box(0, 1).toLambda(filled(n, s.initialU()));
    BilevelProblem problem = model.problem(uniform.fit().theta(), w0, Parametrization.box(0, 1));
    SolverOptions cg = SolverOptions.defaults().withTolerance(s.cgTolerance()).withMaxIterations(s.cgMaxIterations());
    List<Double> aucs = new ArrayList<>();
    HyperOptimizationResult tuning = HyperOptimizer.builder(
            ImplicitHypergradient.builder(new ConjugateGradient()).solverOptions(cg).build())
        .innerOptimizer(InnerOptimizer.lbfgs())
        .innerStopping(stopping)
        .outerRule(StepRule.adam(s.outerLearningRate()))
        .maxSteps(s.steps())
        .threads(1)
        .listener(e -> {
          double auc = scorable ? RocAuc.of(e.lambda(), clean) : Double.NaN;
          aucs.add(auc);
          if (listener != null) {
            listener.onStep(e, auc);
          }
        })
        .build()
        .run(problem);
    List<ProgressEvent> events = tuning.history().events();
    double[] weights = events.get(events.size() - 1).lambda().clone();
    Scored learned = score("learned", model, model.fit(weights, tuning.bestTheta(), stopping), validation, test);
    double auc = scorable ? RocAuc.of(weights, clean) : Double.NaN;
    return new Outcome(s, noise, uniform, learned, oracle, weights, auc,
        aucs.stream().mapToDouble(Double::doubleValue).toArray(), tuning);
  }

  private static Scored score(String name, WeightedSoftmaxRegression model, InnerResult fit, Dataset validation,
      Dataset test) {
    return new Scored(name, fit, model.meanLoss(fit.theta(), validation), model.meanLoss(fit.theta(), test),
        model.accuracy(fit.theta(), test));
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }
}
