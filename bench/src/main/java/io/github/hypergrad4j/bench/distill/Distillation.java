package io.github.hypergrad4j.bench.distill;

import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.HyperOptimizationResult;
import io.github.hypergrad4j.bilevel.HyperOptimizer;
import io.github.hypergrad4j.bilevel.Hypergradient;
import io.github.hypergrad4j.bilevel.HypergradientResult;
import io.github.hypergrad4j.bilevel.ImplicitHypergradient;
import io.github.hypergrad4j.bilevel.InnerOptimizer;
import io.github.hypergrad4j.bilevel.InnerResult;
import io.github.hypergrad4j.bilevel.InnerStopping;
import io.github.hypergrad4j.bilevel.Objective;
import io.github.hypergrad4j.bilevel.Parametrization;
import io.github.hypergrad4j.bilevel.ProgressEvent;
import io.github.hypergrad4j.bilevel.StepRule;
import io.github.hypergrad4j.bilevel.UnreliableStepPolicy;
import io.github.hypergrad4j.ihvp.ConjugateGradient;
import io.github.hypergrad4j.ihvp.IhvpResult;
import io.github.hypergrad4j.ihvp.IhvpSolver;
import io.github.hypergrad4j.ihvp.NeumannSeries;
import io.github.hypergrad4j.ihvp.SolverOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Dataset distillation (Wang, Zhu, Torralba and Efros, "Dataset distillation", 2018; by implicit
 * differentiation as in Lorraine, Vicol and Duvenaud, AISTATS 2020, §5): the hyperparameters are
 * the pixels of k synthetic images per class, λ ∈ R^{K·k·p}, their labels fixed (class-major:
 * class 0's k images first).
 *
 * <pre>
 *   inner   θ*(λ) = argmin_θ f(θ, λ) = (1/(Kk)) Σ_j CE(softmax(λ_j W + b), y_j) + (μ/2)‖θ‖²
 *   outer   g(θ)  = (1/N) Σ_i CE(softmax(x_i W + b), y_i) over the N real training images
 * </pre>
 *
 * with the model of {@link SoftmaxRegression} (μ-strongly convex, so the implicit function theorem
 * holds). Each outer step: θ* by L-BFGS to ‖∇_θ f‖ ≤ 10⁻⁸, warm-started; dg/dλ =
 * −∇²_λθ f·[∇²_θθ f]⁻¹∇_θ g by {@link ImplicitHypergradient} with CG (relative residual 10⁻⁸, at
 * most {@value #CG_ITERATIONS} iterations) or the truncated Neumann series of Lorraine et al.
 * ({@value #NEUMANN_TERMS} terms, step 1/λ̂_max from power iteration), p warm-started from the
 * previous step; Adam on λ. Cost per step: the inner solve (on K·k images), one gradient of g
 * (O(N·p·K), the dominant term), the solver's Hessian-vector products (each O(K·k·p·K)) and one
 * mixed sweep, plus one forward pass on the validation images.
 *
 * <p>Stopping: a step budget fixed in advance. Which images are kept: those of the step with the
 * lowest validation cross-entropy (a validation split of the real training pool; never the test
 * set). An unreliable step (inner solve not stationary, or a solve no better than p = 0) is not
 * taken, three in a row end the run ({@link UnreliableStepPolicy#skip(int)}); every such step is
 * counted and reported.
 */
public final class Distillation {

  /** The CG iteration limit per hypergradient. */
  public static final int CG_ITERATIONS = 500;

  /** The Neumann terms per hypergradient. */
  public static final int NEUMANN_TERMS = 50;

  /** The solver's relative tolerance. */
  public static final double SOLVE_TOLERANCE = 1e-8;

  /** The inverse-HVP solvers offered. */
  public enum Solver {
    /** Conjugate gradient to the tolerance. */
    CG,
    /** The truncated Neumann series. */
    NEUMANN
  }

  /**
   * The settings of a run.
   *
   * @param perClass k ≥ 1
   * @param steps the outer step budget ≥ 1
   * @param learningRate Adam's step on the pixels, &gt; 0
   * @param solver the inverse-HVP solver
   * @param l2 the model's μ
   * @param seed the seed of the initial draw (draw 0 of {@link RealSubsets})
   */
  public record Settings(int perClass, int steps, double learningRate, Solver solver, double l2, long seed) {
    /** Checks the ranges. */
    public Settings {
      if (perClass < 1 || steps < 1 || !(learningRate > 0) || !Double.isFinite(learningRate) || solver == null
          || !(l2 > 0) || !Double.isFinite(l2)) {
        throw new IllegalArgumentException("Distillation.Settings: needs perClass >= 1, steps >= 1, a finite learning"
            + " rate > 0, a solver and a finite l2 > 0, got " + perClass + ", " + steps + ", " + learningRate + ", "
            + solver + ", " + l2);
      }
    }
  }

  /**
   * One outer step as reported.
   *
   * @param event the outer loop's event (step from 0, outer value = real training cross-entropy)
   * @param validationLoss the validation cross-entropy of this step's θ*
   * @param validationAccuracy its validation accuracy
   */
  public record Step(ProgressEvent event, double validationLoss, double validationAccuracy) {}

  /** Receives each step as it is done. */
  @FunctionalInterface
  public interface Listener {
    /** Called after each outer step. */
    void onStep(Step step);
  }

  /**
   * A finished run.
   *
   * @param initialImages the starting images (draw 0 of the random real images)
   * @param images the kept images (the step with the lowest validation loss)
   * @param labels their labels, class-major
   * @param keptStep that step, from 0
   * @param steps every step
   * @param run the outer loop's result (stop reason, message)
   * @param seconds wall time of the run
   */
  public record Result(double[] initialImages, double[] images, int[] labels, int keptStep, List<Step> steps,
      HyperOptimizationResult run, double seconds) {

    /** Steps whose inner solve did not converge. */
    public long innerNotConverged() {
      return steps.stream().filter(s -> s.event().innerStatus() != InnerResult.Status.CONVERGED).count();
    }

    /** Steps whose inverse-HVP solve did not converge. */
    public long solvesNotConverged() {
      return steps.stream().filter(s -> s.event().solverStatus() != IhvpResult.Status.CONVERGED).count();
    }

    /** The largest relative residual of a solve. */
    public double worstResidual() {
      return steps.stream().mapToDouble(s -> s.event().solverRelativeResidual()).max().orElse(Double.NaN);
    }

    /** Steps judged unreliable (not taken). */
    public long unreliable() {
      return steps.stream().filter(s -> !s.event().reliable()).count();
    }
  }

  private Distillation() {}

  /** Labels 0…K−1, each k times, class-major. */
  public static int[] labels(int classes, int k) {
    int[] y = new int[classes * k];
    for (int i = 0; i < y.length; i++) {
      y[i] = i / k;
    }
    return y;
  }

  /**
   * The bilevel problem: inner f(θ, λ) on the synthetic images λ (labels {@code labels}), outer g
   * on {@code train}; θ₀ = 0, λ₀ = {@code images}, λ unconstrained (identity parametrisation).
   *
   * @throws IllegalArgumentException if the sizes do not match the model
   */
  public static BilevelProblem problem(SoftmaxRegression model, Dataset train, int[] labels, double[] images) {
    int p = model.pixels();
    if (train.cols() != p || images.length != (long) labels.length * p) {
      throw new IllegalArgumentException("Distillation.problem: the model takes " + p + " pixels; got training images"
          + " of " + train.cols() + " and " + images.length + " synthetic values for " + labels.length + " labels");
    }
    int[] y = labels.clone();
    int n = y.length;
    Objective inner = Objective.fullBatch((theta, lambda) -> model.objective(theta, lambda.reshape(n, p), y));
    Objective outer = Objective.fullBatch((theta, lambda) -> model.loss(theta, model.images(theta, train),
        train.labels()));
    return BilevelProblem.builder()
        .inner(inner)
        .outer(outer)
        .initialTheta(new double[model.parameters()])
        .initialLambda(images)
        .parametrization(Parametrization.identity())
        .build();
  }

  /** The hypergradient method of a solver, as the run uses it. */
  public static ImplicitHypergradient hypergradient(Solver solver) {
    IhvpSolver s = solver == Solver.CG ? new ConjugateGradient() : NeumannSeries.automatic();
    int limit = solver == Solver.CG ? CG_ITERATIONS : NEUMANN_TERMS;
    return ImplicitHypergradient.builder(s)
        .solverOptions(SolverOptions.defaults().withTolerance(SOLVE_TOLERANCE).withMaxIterations(limit))
        .build();
  }

  /**
   * Distils {@code data.train()} into k images per class.
   *
   * @param listener receives each step (may be null)
   * @throws IllegalArgumentException if a class of the training images has fewer than k examples
   */
  public static Result run(DistillData data, Settings settings, Listener listener) {
    Dataset train = data.train();
    int k = settings.perClass();
    RealSubsets.checkEnough(train, k);
    SoftmaxRegression model = new SoftmaxRegression(train.cols(), train.classes(), settings.l2());
    int[] labels = labels(train.classes(), k);
    double[] initial = train.rows(RealSubsets.draw(train, k, 0, settings.seed()), "start").features();
    BilevelProblem problem = problem(model, train, labels, initial);
    ThetaTap tap = new ThetaTap(hypergradient(settings.solver()));
    List<Step> steps = new ArrayList<>();
    double[] best = {Double.POSITIVE_INFINITY};
    double[][] kept = {initial.clone()};
    int[] keptStep = {-1};
    HyperOptimizer optimizer = HyperOptimizer.builder(tap)
        .innerOptimizer(InnerOptimizer.lbfgs())
        .innerStopping(new InnerStopping(SoftmaxRegression.TOLERANCE, SoftmaxRegression.MAX_ITERATIONS))
        .outerRule(StepRule.adam(settings.learningRate()))
        .maxSteps(settings.steps())
        .onUnreliableStep(UnreliableStepPolicy.skip(3))
        .threads(1)
        .listener(event -> {
          double[] theta = tap.last;
          double loss = model.meanLoss(theta, data.validation());
          Step s = new Step(event, loss, model.accuracy(theta, data.validation()));
          steps.add(s);
          if (event.reliable() && loss < best[0]) {
            best[0] = loss;
            kept[0] = event.lambda().clone();
            keptStep[0] = event.step();
          }
          if (listener != null) {
            listener.onStep(s);
          }
        })
        .build();
    long start = System.nanoTime();
    HyperOptimizationResult run = optimizer.run(problem);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(initial, kept[0], labels, keptStep[0], List.copyOf(steps), run, seconds);
  }

  /** The implicit hypergradient, remembering the θ of its last call (the step's inner solution). */
  private static final class ThetaTap implements Hypergradient {
    private final Hypergradient method;
    private double[] last;

    ThetaTap(Hypergradient method) {
      this.method = method;
    }

    @Override
    public HypergradientResult compute(BilevelProblem problem, double[] theta, double[] lambda) {
      last = theta.clone();
      return method.compute(problem, theta, lambda);
    }

    @Override
    public String name() {
      return method.name();
    }

    @Override
    public Session session(boolean warmStart) {
      Session inner = method.session(warmStart);
      return new Session() {
        @Override
        public HypergradientResult compute(BilevelProblem problem, double[] theta, double[] lambda) {
          last = theta.clone();
          return inner.compute(problem, theta, lambda);
        }

        @Override
        public Optional<HypergradientResult> retryWithDamping(BilevelProblem problem, double[] theta,
            double[] lambda, double damping) {
          return inner.retryWithDamping(problem, theta, lambda, damping);
        }
      };
    }
  }
}
