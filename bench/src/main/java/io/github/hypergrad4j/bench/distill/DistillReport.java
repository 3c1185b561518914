package io.github.hypergrad4j.bench.distill;

import io.github.hypergrad4j.bilevel.HyperOptimizationResult;
import io.github.hypergrad4j.bilevel.ProgressEvent;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a distillation run reports: the summary (settings, the kept step, the table of test
 * accuracies, the margins over the baselines and the distance to the ceiling, the solves, and a
 * warning for anything that makes the numbers less trustworthy), {@code results.csv} (one row per
 * method), {@code history.csv} (one row per outer step) and {@code distilled.png} (one row per
 * class: the k distilled images, then the k class centres, then the k starting images, each
 * image scaled to its own range) and {@code history.png} ({@link HistoryPlot}).
 *
 * @param data the data
 * @param settings the run's settings
 * @param result the run
 * @param centres the class centres of the baseline ({@link ClassCentroids}), class-major
 * @param evaluations the test accuracies, in the order of {@link Baselines#METHODS}
 */
public record DistillReport(DistillData data, Distillation.Settings settings, Distillation.Result result,
    double[] centres, List<Baselines.Evaluation> evaluations) {

  /** The files {@link #writeFiles} writes. */
  public static final List<String> FILES = List.of("results.csv", "history.csv", "distilled.png", "history.png");

  /** The summary, line by line. */
  public List<String> summary() {
    List<String> lines = new ArrayList<>();
    int k = settings.perClass();
    HyperOptimizationResult run = result.run();
    lines.add(String.format(Locale.ROOT, "distilled %d image%s per class (%d x %d = %d pixels as hyperparameters) by"
        + " IFT + %s, Adam %.3g on the pixels, L2 mu = %.3g, from random real images (draw 1)", k, k == 1 ? "" : "s",
        result.labels().length, data.train().cols(), result.images().length, solverName(), settings.learningRate(),
        settings.l2()));
    lines.add(String.format(Locale.ROOT, "%d outer steps in %.1f s (%s: %s); kept the images of step %d, lowest"
        + " validation loss %.4f", result.steps().size(), result.seconds(), run.stopReason(), run.message(),
        result.keptStep() + 1, result.keptStep() < 0 ? Double.NaN
            : result.steps().get(result.keptStep()).validationLoss()));
    lines.add("");
    lines.add(String.format(Locale.ROOT, "%-30s %7s  %-17s %9s %9s %10s", "trained on", "images", "test accuracy",
        "test CE", "val CE", "train CE"));
    for (Baselines.Evaluation e : evaluations) {
      String accuracy = e.runs() > 1 ? String.format(Locale.ROOT, "%.4f +- %.4f", e.testAccuracy(),
          e.testAccuracyStd()) : String.format(Locale.ROOT, "%.4f", e.testAccuracy());
      String name = e.runs() > 1 ? e.method() + " (" + e.runs() + " draws)"
          : e.method().equals("full training set") ? e.method() + " (ceiling)" : e.method();
      lines.add(String.format(Locale.ROOT, "%-30s %7d  %-17s %9.4f %9.4f %10.4f", name, e.images(), accuracy,
          e.testLoss(), e.validationLoss(), e.trainLoss()));
    }
    Baselines.Evaluation distilled = evaluations.get(0);
    Baselines.Evaluation random = evaluations.get(2);
    Baselines.Evaluation means = evaluations.get(3);
    Baselines.Evaluation ceiling = evaluations.get(4);
    lines.add("");
    lines.add(String.format(Locale.ROOT, "distilled - random real: %+.1f points (%.1f standard deviations of the"
        + " draws); distilled - %s: %+.1f points; ceiling - distilled: %.1f points",
        100 * (distilled.testAccuracy() - random.testAccuracy()),
        random.testAccuracyStd() > 0 ? (distilled.testAccuracy() - random.testAccuracy()) / random.testAccuracyStd()
            : Double.NaN, means.method(), 100 * (distilled.testAccuracy() - means.testAccuracy()),
        100 * (ceiling.testAccuracy() - distilled.testAccuracy())));
    long products = result.steps().stream().mapToLong(s -> s.event().hessianVectorProducts()).sum();
    lines.add(String.format(Locale.ROOT, "hypergradients: %d, %.1f Hessian-vector products each on average; %d"
        + " solve%s did not converge (worst relative residual %.2g); %d inner solve%s stopped before |grad f| <= %.0e",
        result.steps().size(), result.steps().isEmpty() ? 0.0 : (double) products / result.steps().size(),
        result.solvesNotConverged(), result.solvesNotConverged() == 1 ? "" : "s", result.worstResidual(),
        result.innerNotConverged(), result.innerNotConverged() == 1 ? "" : "s", SoftmaxRegression.TOLERANCE));
    lines.addAll(warnings());
    return lines;
  }

  private String solverName() {
    return settings.solver() == Distillation.Solver.CG
        ? "CG (relative residual " + Distillation.SOLVE_TOLERANCE + ", at most " + Distillation.CG_ITERATIONS + ")"
        : "Neumann (" + Distillation.NEUMANN_TERMS + " terms)";
  }

  /** One line per reason to doubt the numbers. */
  List<String> warnings() {
    List<String> w = new ArrayList<>();
    HyperOptimizationResult run = result.run();
    if (run.stopReason() != HyperOptimizationResult.StopReason.BUDGET) {
      w.add("warning: the run stopped early (" + run.stopReason() + "): " + run.message());
    }
    if (result.unreliable() > 0) {
      w.add("warning: " + result.unreliable() + " step(s) were unreliable and not taken; see history.csv");
    }
    if (result.solvesNotConverged() > 0) {
      w.add(String.format(Locale.ROOT, "warning: %d inverse-HVP solve(s) stopped before the tolerance %.0e (worst"
          + " relative residual %.2g): those hypergradients are approximate", result.solvesNotConverged(),
          Distillation.SOLVE_TOLERANCE, result.worstResidual()));
    }
    if (result.keptStep() < 0) {
      w.add("warning: no step was reliable; the starting images are reported as distilled");
    }
    for (Baselines.Evaluation e : evaluations) {
      if (e.notConverged() > 0) {
        w.add(String.format(Locale.ROOT, "warning: %d of the %d fit(s) on %s stopped before |grad f| <= %.0e"
            + " (largest %.2g)", e.notConverged(), e.runs(), e.method(), SoftmaxRegression.TOLERANCE,
            e.worstGradient()));
      }
    }
    Baselines.Evaluation distilled = evaluations.get(0);
    Baselines.Evaluation full = evaluations.get(4);
    if (distilled.trainLoss() < full.trainLoss()) {
      w.add(String.format(Locale.ROOT, "note: the model trained on the distilled images fits the real training images"
          + " better than the one trained on all of them (train CE %.4f < %.4f): unconstrained pixels can scale the"
          + " fitted weights beyond what mu = %.3g lets the full-data fit have, so the ceiling bounds the accuracy only"
          + " loosely", distilled.trainLoss(), full.trainLoss(), settings.l2()));
    }
    for (int i : new int[] {2, 3}) {
      Baselines.Evaluation b = evaluations.get(i);
      if (distilled.testAccuracy() <= b.testAccuracy()) {
        w.add(String.format(Locale.ROOT, "warning: the distilled images do not beat %s on the test set (%.4f <="
            + " %.4f)", b.method(), distilled.testAccuracy(), b.testAccuracy()));
      }
    }
    return w;
  }

  /**
   * Writes {@link #FILES} into {@code dir} (created if missing) and returns their paths.
   *
   * @throws IOException if a file cannot be written
   */
  public List<Path> writeFiles(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path results = dir.resolve(FILES.get(0));
    try (Writer w = Files.newBufferedWriter(results, StandardCharsets.UTF_8)) {
      w.write("data,per_class,solver,method,images,runs,test_accuracy,test_accuracy_std,test_ce,validation_ce,"
          + "train_ce,fits_not_converged\n");
      for (Baselines.Evaluation e : evaluations) {
        w.write(String.format(Locale.ROOT, "%s,%d,%s,%s,%d,%d,%.6f,%.6f,%.6f,%.6f,%.6f,%d%n", data.name(),
            settings.perClass(), settings.solver().name().toLowerCase(Locale.ROOT), e.method(), e.images(), e.runs(),
            e.testAccuracy(), e.testAccuracyStd(), e.testLoss(), e.validationLoss(), e.trainLoss(), e.notConverged()));
      }
    }
    Path history = dir.resolve(FILES.get(1));
    try (Writer w = Files.newBufferedWriter(history, StandardCharsets.UTF_8)) {
      w.write("step,train_ce,validation_ce,validation_accuracy,hypergradient_norm,inner_iterations,inner_status,"
          + "inner_gradient_norm,solver_status,relative_residual,hvps,reliable,kept\n");
      for (Distillation.Step s : result.steps()) {
        ProgressEvent e = s.event();
        w.write(String.format(Locale.ROOT, "%d,%.8g,%.8g,%.6f,%.6g,%d,%s,%.3g,%s,%.3g,%d,%b,%b%n", e.step() + 1,
            e.outerValue(), s.validationLoss(), s.validationAccuracy(), e.hypergradientNorm(), e.innerIterations(),
            e.innerStatus(), e.innerGradientNorm(), e.solverStatus(), e.solverRelativeResidual(),
            e.hessianVectorProducts(), e.reliable(), e.step() == result.keptStep()));
      }
    }
    Path png = dir.resolve(FILES.get(2));
    int classes = data.train().classes();
    ImageGrid.write(new double[][] {result.images(), centres, result.initialImages()}, classes, settings.perClass(),
        data.height(), data.width(), data.height() <= 8 ? 8 : 3, png);
    Path plot = dir.resolve(FILES.get(3));
    HistoryPlot.write(String.format(Locale.ROOT, "distilling %s, k = %d", data.name(), settings.perClass()),
        result.steps(), result.keptStep(), evaluations.get(3), evaluations.get(4), plot);
    return List.of(results, history, png, plot);
  }
}
