package io.github.hypergrad4j.bench.cli;

import io.github.hypergrad4j.bench.data.DataException;
import io.github.hypergrad4j.bench.data.IdxReader;
import io.github.hypergrad4j.bench.distill.Baselines;
import io.github.hypergrad4j.bench.distill.ClassCentroids;
import io.github.hypergrad4j.bench.distill.DistillData;
import io.github.hypergrad4j.bench.distill.DistillReport;
import io.github.hypergrad4j.bench.distill.Distillation;
import io.github.hypergrad4j.bench.distill.SoftmaxRegression;
import io.github.hypergrad4j.bilevel.ProgressEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code distill}: dataset distillation by implicit hypergradients ({@link Distillation}), the
 * distilled images against random real images, class centres and the full training set ({@link
 * Baselines}), with one progress line per outer step, a summary, and the files of {@link
 * DistillReport}.
 */
final class DistillCommand {

  /** The options that take a value (without "--"). */
  static final Set<String> VALUED = Set.of("data", "per-class", "out", "seed", "steps", "solver", "lr");

  /** The options that take none. */
  static final Set<String> FLAGS = Set.of("quiet", "help");

  /** The outer step budget, fixed in advance (not chosen on any test result). */
  static final int DEFAULT_STEPS = 1000;

  /** Adam's step on the pixels (in [0, 1]), fixed in advance. */
  static final double DEFAULT_LR = 0.01;

  static final String HELP = """
      usage: hypergrad4j distill [options]

      Dataset distillation (Wang et al. 2018; by implicit differentiation as in Lorraine, Vicol
      and Duvenaud 2020): learns the pixels of k synthetic images per class (labels fixed) so
      that a multinomial logistic regression (with bias, L2 mu = 0.001 on all weights) trained
      on them alone, by L-BFGS to |grad| <= 1e-8, has the lowest cross-entropy on the real
      training images. Hypergradient by the implicit function theorem with CG (or a truncated
      Neumann series), Adam on the pixels from k random real images per class; the images of
      the step with the lowest validation loss are kept. Then the same model is trained on the
      distilled images, on k random real images per class (10 seeded draws), on the k class
      centres (class means; k-means within each class for k > 1) and on the whole training
      part (the ceiling), and tested on the test part.

      options:
        --data NAME        digits (default; 1797 8x8 images split 60/20/20) or fashion-mnist
                           (10,000 training and 2,000 validation images drawn from the 60,000
                           training images of Debian's dataset-fashion-mnist; all 10,000 test
                           images)
        --per-class K      synthetic images per class, >= 1 (default 1); every class needs at
                           least K training images
        --steps N          outer steps (default 1000)
        --lr RATE          Adam's step on the pixels, > 0 (default 0.01)
        --solver S         cg (default) or neumann (50 terms)
        --seed S           seed of the split, the draws and the k-means (default 1)
        --out DIR          where results.csv, history.csv, distilled.png and history.png go (default
                           distill-results; created, checked before the run)
        --quiet            print the summary only
        -h, --help         this text
      """;

  private DistillCommand() {}

  static int run(String[] args, PrintStream out) {
    CommandLine cl = new CommandLine("distill", args, VALUED, FLAGS);
    if (cl.has("help")) {
      out.print(HELP);
      return 0;
    }
    if (!cl.positional().isEmpty()) {
      throw new UsageException("distill: unexpected argument '" + cl.positional().get(0) + "' (see 'distill --help')");
    }
    String dataName = cl.string("data", "digits");
    if (!dataName.equals("digits") && !dataName.equals("fashion-mnist")) {
      throw new UsageException("distill: --data must be digits or fashion-mnist, got '" + dataName + "'");
    }
    int k = cl.integer("per-class", 1, 1);
    int steps = cl.integer("steps", DEFAULT_STEPS, 1);
    double lr = cl.positive("lr", DEFAULT_LR);
    Distillation.Solver solver = switch (cl.string("solver", "cg")) {
      case "cg" -> Distillation.Solver.CG;
      case "neumann" -> Distillation.Solver.NEUMANN;
      default -> throw new UsageException("distill: --solver must be cg or neumann, got '"
          + cl.string("solver", "") + "'");
    };
    long seed = cl.longValue("seed", 1);
    boolean quiet = cl.has("quiet");
    Path dir = OutputPaths.parse("distill", "out", cl.string("out", "distill-results"));
    OutputPaths.checkFolder("distill", dir);
    if (Files.isDirectory(dir)) {
      DistillReport.FILES.forEach(name -> OutputPaths.checkFile("distill", dir.resolve(name)));
    }
    DistillData data = load(dataName, seed);
    int[] counts = data.trainCounts();
    for (int c = 0; c < counts.length; c++) {
      if (counts[c] < k) {
        throw new UsageException(String.format(Locale.ROOT, "distill: class %d has %d training images in %s, fewer"
            + " than --per-class %d (the random-real baseline draws %d of each class)", c, counts[c],
            data.train().name(), k, k));
      }
    }
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true"); // the image grid is drawn off-screen
    }
    Distillation.Settings settings = new Distillation.Settings(k, steps, lr, solver, SoftmaxRegression.DEFAULT_L2,
        seed);
    if (!quiet) {
      out.println(data.description());
      out.printf(Locale.ROOT, "%-9s %9s %9s %8s %11s %7s %14s %8s%n", "step", "train CE", "val CE", "val acc",
          "|dg/dlambda|", "inner", "solve", "time");
    }
    Distillation.Result result = Distillation.run(data, settings, quiet ? null : s -> progress(out, steps, s));
    if (!quiet) {
      out.println("training the model on the distilled images and on the baselines ...");
    }
    double[] centres = ClassCentroids.of(data.train(), k, seed);
    List<Baselines.Evaluation> evaluations = Baselines.evaluate(data, k, settings.l2(), seed, result.images(),
        result.initialImages(), centres);
    DistillReport report = new DistillReport(data, settings, result, centres, evaluations);
    out.println(quiet ? "data: " + data.description() : "");
    report.summary().forEach(out::println);
    try {
      List<Path> files = report.writeFiles(dir);
      out.println("written:");
      files.forEach(f -> out.println("  " + f.toAbsolutePath().normalize()));
    } catch (IOException e) {
      throw OutputPaths.cannotWrite("distill", dir, OutputPaths.reason(e));
    }
    return 0;
  }

  private static DistillData load(String name, long seed) {
    if (name.equals("digits")) {
      return DistillData.digits(seed);
    }
    try {
      return DistillData.fashionMnist(Path.of(IdxReader.DEFAULT_FOLDER), seed);
    } catch (DataException e) {
      throw new UsageException("distill: " + e.detail());
    }
  }

  private static void progress(PrintStream out, int steps, Distillation.Step s) {
    ProgressEvent e = s.event();
    out.printf(Locale.ROOT, "%-9s %9.5f %9.5f %8.4f %11.3e %7d %14s %7.1fs%s%n", (e.step() + 1) + "/" + steps,
        e.outerValue(), s.validationLoss(), s.validationAccuracy(), e.hypergradientNorm(), e.innerIterations(),
        e.hessianVectorProducts() + " " + (e.solverStatus() == null ? "" : shortStatus(e)), e.elapsedMillis() / 1e3,
        e.warning().isEmpty() ? "" : "  " + e.warning());
  }

  private static String shortStatus(ProgressEvent e) {
    return switch (e.solverStatus()) {
      case CONVERGED -> "ok";
      case MAX_ITERATIONS -> "max-it";
      default -> e.solverStatus().name().toLowerCase(Locale.ROOT);
    };
  }
}
