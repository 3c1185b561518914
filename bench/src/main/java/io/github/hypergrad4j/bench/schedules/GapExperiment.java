package io.github.hypergrad4j.bench.schedules;

import io.github.hypergrad4j.autodiff.HessianVectorProduct;
import io.github.hypergrad4j.autodiff.TensorFunction;
import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bench.data.DatasetReader;
import io.github.hypergrad4j.bench.data.Splits;
import io.github.hypergrad4j.bench.examples.L2LogisticRegression;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.HypergradientResult;
import io.github.hypergrad4j.bilevel.ImplicitHypergradient;
import io.github.hypergrad4j.bilevel.InnerOptimizer;
import io.github.hypergrad4j.bilevel.InnerResult;
import io.github.hypergrad4j.bilevel.InnerStopping;
import io.github.hypergrad4j.bilevel.unrolled.HyperparameterKind;
import io.github.hypergrad4j.bilevel.unrolled.ReverseModeHypergradient;
import io.github.hypergrad4j.bilevel.unrolled.Schedule;
import io.github.hypergrad4j.bilevel.unrolled.Sgd;
import io.github.hypergrad4j.bilevel.unrolled.UnrolledResult;
import io.github.hypergrad4j.ihvp.ExactSolver;
import io.github.hypergrad4j.ihvp.PowerIteration;
import io.github.hypergrad4j.ihvp.SolverOptions;
import io.github.hypergrad4j.linalg.Kernels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;

/**
 * Unrolled against implicit: one L2 penalty per feature of a logistic regression ({@link
 * L2LogisticRegression}, binary on breast cancer), the hypergradient dL/dλ at a fixed λ by
 * unrolling T steps of gradient descent from θ₀ = 0, against the implicit hypergradient at the
 * exact inner optimum. As T grows θ_T → θ*(λ) and the unrolled hypergradient h_T approaches the
 * implicit one h*; the experiment reports the relative gap ‖h_T − h*‖ / ‖h*‖ for each T.
 *
 * <p><b>Training.</b> Full-batch gradient descent θ_{t+1} = θ_t − α∇f(θ_t, λ) ({@link Sgd}) with
 * the fixed step α = 1/L̂, L̂ the largest eigenvalue of ∇²_θθ f at θ = 0 by power iteration. For
 * the logistic loss that is the largest over all θ (its Hessian is XᵀDX/n + diag(λ) with
 * D = σ(1 − σ) ≤ ¼, equal at θ = 0), so the step is stable everywhere. f is strongly convex (the
 * penalties on the weights, the data's curvature on the bias), so θ_T converges linearly to θ*
 * and h_T to h* with it (Franceschi et al., "Forward and reverse gradient-based hyperparameter
 * optimization", ICML 2017; Shaban et al., "Truncated back-propagation for bilevel
 * optimization", AISTATS 2019).
 *
 * <p><b>Reference.</b> θ* by L-BFGS to ‖∇_θ f‖ ≤ {@value #INNER_TOLERANCE} (or as close as
 * rounding allows: the reached norm is reported), then h* by {@link ImplicitHypergradient} with
 * the {@link ExactSolver} (a dense factorisation of the Hessian).
 *
 * <p>Cost: Σ T gradients and as many Hessian-vector sweeps for the unrolled runs (reverse mode,
 * the trajectory stored), plus the inner solve and d + 1 products for the reference.
 */
public final class GapExperiment {

  /** The T of the default run. */
  public static final int[] DEFAULT_STEPS = {10, 20, 50, 100, 200, 500, 1000, 2000};

  /** The default penalty of every feature. */
  public static final double DEFAULT_LAMBDA = 0.01;

  /** The inner tolerance of the reference θ*. */
  public static final double INNER_TOLERANCE = 1e-12;

  /** The files {@link #write} writes. */
  public static final List<String> FILES = List.of("gap.csv", "gap.png");

  /**
   * The settings.
   *
   * @param lambda the penalty of every feature, &gt; 0
   * @param steps the T to unroll, each ≥ 1
   * @param seed of the split
   */
  public record Settings(double lambda, int[] steps, long seed) {

    /** Checks the ranges. */
    public Settings {
      if (!(lambda > 0) || Double.isInfinite(lambda)) {
        throw new IllegalArgumentException("GapExperiment: lambda must be > 0 and finite, got " + lambda);
      }
      if (steps == null || steps.length == 0 || Arrays.stream(steps).anyMatch(t -> t < 1)) {
        throw new IllegalArgumentException("GapExperiment: needs at least one T, each >= 1, got "
            + Arrays.toString(steps));
      }
      steps = steps.clone();
    }

    /** The defaults: λ = {@value #DEFAULT_LAMBDA} per feature, {@link #DEFAULT_STEPS}, seed 7. */
    public static Settings defaults() {
      return new Settings(DEFAULT_LAMBDA, DEFAULT_STEPS, 7);
    }
  }

  /**
   * One T.
   *
   * @param steps T
   * @param status how the unrolled run ended
   * @param gap ‖h_T − h*‖ / ‖h*‖ (NaN unless OK)
   * @param validationLoss g(θ_T) (NaN unless OK)
   * @param gradientNorm ‖∇_θ f(θ_T, λ)‖ (NaN unless OK)
   * @param seconds the run's wall time
   */
  public record Row(int steps, UnrolledResult.Status status, double gap, double validationLoss, double gradientNorm,
      double seconds) {}

  /** Receives every T as it ends. */
  public interface Listener {
    /** The unrolled run of one T ended. */
    void row(Row row);
  }

  /**
   * The experiment's outcome.
   *
   * @param data the data set's name
   * @param hyperparameters the number of penalties
   * @param settings the settings
   * @param stepSize the gradient-descent step α
   * @param implicit h*
   * @param optimumValidationLoss g(θ*)
   * @param innerGradientNorm ‖∇_θ f(θ*, λ)‖ reached by the reference inner solve
   * @param rows one per T
   */
  public record Report(String data, int hyperparameters, Settings settings, double stepSize, double[] implicit,
      double optimumValidationLoss, double innerGradientNorm, List<Row> rows) {}

  private GapExperiment() {}

  /**
   * Runs the experiment on {@code data} (two classes).
   *
   * @param listener receives each T, or null
   * @throws IllegalArgumentException if the data do not have two classes or cannot be split
   */
  public static Report run(Dataset data, Settings s, Listener listener) {
    if (data.labels() == null || data.classes() != 2) {
      throw new IllegalArgumentException("GapExperiment: needs two classes, " + data.name() + " has "
          + data.classes());
    }
    Splits.TrainValidationTest split = Splits.split(data, Splits.DEFAULT_TRAIN, Splits.DEFAULT_VALIDATION, s.seed());
    L2LogisticRegression model = new L2LogisticRegression(split.train(), split.validation());
    BilevelProblem problem = model.problem(s.lambda(), false);
    double[] lambda = problem.initialLambda();
    Optimum optimum = optimum(problem, lambda);
    double step = 1 / largestCurvature(problem, lambda);
    double reference = Kernels.nrm2(optimum.hypergradient().hypergradient());
    List<Row> rows = new ArrayList<>();
    for (int steps : s.steps()) {
      long t0 = System.nanoTime();
      UnrolledResult r = ReverseModeHypergradient.builder(Sgd.of(Schedule.constant(steps, step)))
          .wrt(HyperparameterKind.LAMBDA).build().run(problem, lambda);
      double seconds = (System.nanoTime() - t0) / 1e9;
      Row row = r.isOk()
          ? new Row(steps, r.status(), distance(r.gradient(HyperparameterKind.LAMBDA),
              optimum.hypergradient().hypergradient()) / reference, r.validationLoss(), r.finalGradientNorm(), seconds)
          : new Row(steps, r.status(), Double.NaN, Double.NaN, Double.NaN, seconds);
      rows.add(row);
      if (listener != null) {
        listener.row(row);
      }
    }
    return new Report(data.name(), lambda.length, s, step, optimum.hypergradient().hypergradient(),
        optimum.hypergradient().outerValue(), optimum.inner().gradientNorm(), List.copyOf(rows));
  }

  /** θ* and the implicit hypergradient there. */
  record Optimum(InnerResult inner, HypergradientResult hypergradient) {}

  /** θ* by L-BFGS to {@value #INNER_TOLERANCE} and h* by the exact solve. */
  static Optimum optimum(BilevelProblem problem, double[] lambda) {
    InnerResult inner = InnerOptimizer.lbfgs().minimize(problem.innerFunctionAt(lambda), problem.initialTheta(),
        new InnerStopping(INNER_TOLERANCE, 100_000));
    HypergradientResult h = ImplicitHypergradient.builder(new ExactSolver())
        .solverOptions(SolverOptions.defaults().withTolerance(1e-12)).build().compute(problem, inner.theta(), lambda);
    return new Optimum(inner, h);
  }

  /** λ_max of ∇²_θθ f at θ₀ by power iteration (relative tolerance 10⁻⁸). */
  private static double largestCurvature(BilevelProblem problem, double[] lambda) {
    TensorFunction f = in -> problem.inner().apply(in[0], in[1], null);
    HessianVectorProduct h = new HessianVectorProduct(f, new double[][] {problem.initialTheta(), lambda}, 0);
    return PowerIteration.largestEigenvalue(h, 1000, 1e-8, 1).largest();
  }

  private static double distance(double[] a, double[] b) {
    double[] d = a.clone();
    Kernels.axpy(-1, b, d);
    return Kernels.nrm2(d);
  }

  /**
   * The summary: the reference, how the gap went from the first T to the last, and warnings for a
   * run that failed, a gap that grew somewhere, or a reference whose inner solve is not stationary
   * to 10⁻¹⁰; with {@code table}, one line per T first.
   */
  public static List<String> summary(Report r, boolean table) {
    List<String> lines = new ArrayList<>();
    if (table) {
      lines.add(UnrolledProgress.GAP_HEADER);
      r.rows().forEach(row -> lines.add(UnrolledProgress.gapLine(row)));
    }
    lines.add(String.format(Locale.ROOT, "reference: the implicit hypergradient at theta* (|grad f| = %.1e) by the "
        + "exact solve, |h*| = %.4e, validation loss %.5f", r.innerGradientNorm(), Kernels.nrm2(r.implicit()),
        r.optimumValidationLoss()));
    lines.add(String.format(Locale.ROOT, "gradient descent with the step 1/L = %.4g from theta = 0", r.stepSize()));
    List<Row> ok = r.rows().stream().filter(row -> row.status() == UnrolledResult.Status.OK).toList();
    if (!ok.isEmpty()) {
      Row first = ok.get(0);
      Row last = ok.get(ok.size() - 1);
      lines.add(String.format(Locale.ROOT, "relative gap |h_T - h*| / |h*|: %.3e at T = %d, %.3e at T = %d",
          first.gap(), first.steps(), last.gap(), last.steps()));
    }
    for (Row row : r.rows()) {
      if (row.status() != UnrolledResult.Status.OK) {
        lines.add("warning: the unrolled run of T = " + row.steps() + " ended " + row.status());
      }
    }
    for (int i = 1; i < ok.size(); i++) {
      if (ok.get(i).steps() > ok.get(i - 1).steps() && ok.get(i).gap() > ok.get(i - 1).gap()) {
        lines.add(String.format(Locale.ROOT, "warning: the gap grew from T = %d to T = %d (%.3e to %.3e)",
            ok.get(i - 1).steps(), ok.get(i).steps(), ok.get(i - 1).gap(), ok.get(i).gap()));
      }
    }
    if (!(r.innerGradientNorm() <= 1e-10)) {
      lines.add(String.format(Locale.ROOT, "warning: the reference inner solve stopped at |grad f| = %.2e: h* is "
          + "only as exact as theta*", r.innerGradientNorm()));
    }
    return lines;
  }

  /**
   * Writes {@link #FILES} into {@code dir} (an existing folder): one CSV row per T, and the gap
   * against T on log–log axes.
   *
   * @return the files written
   * @throws IOException if a file cannot be written
   */
  public static List<Path> write(Report r, Path dir) throws IOException {
    List<String> rows = new ArrayList<>();
    for (Row row : r.rows()) {
      rows.add(row.steps() + "," + row.status() + "," + Plots.csv(row.gap()) + "," + Plots.csv(row.validationLoss())
          + "," + Plots.csv(row.gradientNorm()) + "," + Plots.csv(row.seconds()));
    }
    Path csv = dir.resolve(FILES.get(0));
    Plots.writeCsv(csv, "steps,status,relative_gap,validation_loss,gradient_norm,seconds", rows);
    Path png = dir.resolve(FILES.get(1));
    Plots.writePng(List.of(chart(r)), png);
    return List.of(csv, png);
  }

  private static XYChart chart(Report r) {
    List<Row> ok = r.rows().stream().filter(row -> row.status() == UnrolledResult.Status.OK && row.gap() > 0)
        .toList();
    XYChart chart = Plots.chart(String.format(Locale.ROOT, "unrolled vs implicit: %d L2 penalties, lambda = %.3g",
        r.hyperparameters(), r.settings().lambda()), "gradient-descent steps T", "|h_T - h*| / |h*|");
    chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true).setYAxisDecimalPattern("0.#E0");
    if (!ok.isEmpty()) {
      Plots.line(chart, String.format(Locale.ROOT, "gradient descent, step 1/L = %.3g", r.stepSize()),
          ok.stream().mapToDouble(Row::steps).toArray(), ok.stream().mapToDouble(Row::gap).toArray(), 0, true);
    }
    return chart;
  }

  /**
   * Runs the experiment on breast cancer with the defaults and writes its files into the folder
   * given as the argument (default {@code gap-results}), printing the summary.
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "gap-results");
    Files.createDirectories(dir);
    Report r = run(DatasetReader.breastCancer(), Settings.defaults(), null);
    summary(r, true).forEach(System.out::println);
    write(r, dir).forEach(p -> System.out.println("written: " + p));
  }
}
