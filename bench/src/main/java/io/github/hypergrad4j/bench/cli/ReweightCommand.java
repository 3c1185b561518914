package io.github.hypergrad4j.bench.cli;

import io.github.hypergrad4j.bench.data.DataException;
import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bench.data.IdxReader;
import io.github.hypergrad4j.bench.reweight.ReweightExperiment;
import io.github.hypergrad4j.bench.reweight.ReweightExperiment.Outcome;
import io.github.hypergrad4j.bench.reweight.ReweightExperiment.Scored;
import io.github.hypergrad4j.bench.reweight.WeightHistogram;
import io.github.hypergrad4j.bilevel.HyperOptimizationResult;
import io.github.hypergrad4j.bilevel.InnerResult;
import io.github.hypergrad4j.bilevel.ProgressEvent;
import io.github.hypergrad4j.ihvp.IhvpResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * {@code reweight}: learned example weights under label noise on Fashion-MNIST ({@link
 * ReweightExperiment}), with one progress line per outer step, a summary, a CSV of the results,
 * one of the weights, one of the history and a PNG histogram of the weights of the clean and the
 * corrupted examples.
 */
final class ReweightCommand {

  /** The options that take a value (without "--"). */
  static final Set<String> VALUED = Set.of("noise", "train", "validation", "mu", "steps", "lr", "seed", "data",
      "out");

  /** The options that take none. */
  static final Set<String> FLAGS = Set.of("quiet", "help");

  /** The fewest training examples accepted. */
  static final int MIN_TRAIN = 100;

  /** The fewest validation examples accepted. */
  static final int MIN_VALIDATION = 10;

  static final String HELP = """
      usage: hypergrad4j reweight [options]

      Learned example weights under label noise (Ren et al., ICML 2018, with the implicit
      hypergradient): a fraction of the training labels of Fashion-MNIST is corrupted at random
      (each to one of the 9 other classes); one weight per training example, w = sigmoid(u),
      u = 0 at the start, is tuned on a clean validation set. Inner problem: the weighted
      multinomial logistic regression (1/n) sum_i w_i CE_i + (mu/2)|theta|^2 by L-BFGS; outer:
      the validation cross-entropy; hypergradient by the implicit function theorem with CG (warm
      starts); Adam on u for a fixed number of steps, the last step's weights are the result.
      Reports the test accuracy with uniform weights, the learned weights and an oracle that drops
      exactly the corrupted examples, and the ROC AUC of the weights (clean = positive).

      options:
        --noise F          fraction of training labels corrupted, in [0, 1) (default 0.4)
        --train N          training examples drawn from the 60000 training images (default 10000,
                           at least 100)
        --validation M     clean validation examples, drawn from the rest of the training images
                           (default 1000, at least 10); the 10000-image test file is the test set
        --mu MU            L2 penalty of the inner problem, > 0 (default 0.001)
        --steps N          outer steps, fixed before the run (default 30)
        --lr RATE          Adam's step on u, > 0 (default 0.1)
        --seed S           seed of the draw and of the corruption (default 1)
        --data DIR         folder holding Fashion-MNIST's train-* and t10k-* IDX files, gzip'd or
                           not (default /usr/share/datasets/fashion-mnist)
        --out DIR          where results.csv, weights.csv, history.csv and weights.png go (default
                           reweight-results; created)
        --quiet            print the summary only
        -h, --help         this text
      """;

  /** The files written to --out. */
  static final List<String> OUTPUT_FILES = List.of("results.csv", "weights.csv", "history.csv", "weights.png");

  /** The settings that are not options, fixed a priori. */
  static final double INNER_TOLERANCE = 1e-5;
  static final int INNER_MAX_ITERATIONS = 1000;
  static final double CG_TOLERANCE = 1e-6;
  static final int CG_MAX_ITERATIONS = 500;

  private ReweightCommand() {}

  static int run(String[] args, PrintStream out) {
    CommandLine cl = new CommandLine("reweight", args, VALUED, FLAGS);
    if (cl.has("help")) {
      out.print(HELP);
      return 0;
    }
    if (!cl.positional().isEmpty()) {
      throw new UsageException("reweight: unexpected argument '" + cl.positional().get(0) + "' (see 'reweight --help')");
    }
    double noise = cl.number("noise", 0.4);
    if (!(noise >= 0 && noise < 1)) {
      throw new UsageException("reweight: --noise must lie in [0, 1), got " + cl.string("noise", ""));
    }
    int train = cl.integer("train", 10_000, MIN_TRAIN);
    int validation = cl.integer("validation", 1_000, MIN_VALIDATION);
    double mu = cl.positive("mu", 1e-3);
    int steps = cl.integer("steps", 30, 1);
    double lr = cl.positive("lr", 0.1);
    long seed = cl.longValue("seed", 1);
    boolean quiet = cl.has("quiet");
    Path folder = folder(cl.string("data", IdxReader.DEFAULT_FOLDER));
    Path dir = OutputPaths.parse("reweight", "out", cl.string("out", "reweight-results"));
    OutputPaths.checkFolder("reweight", dir);
    if (Files.isDirectory(dir)) {
      OUTPUT_FILES.forEach(name -> OutputPaths.checkFile("reweight", dir.resolve(name)));
    }
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true"); // the histogram is drawn off-screen
    }

    Dataset[] parts = load(folder, train, validation, seed);
    ReweightExperiment.Settings s = new ReweightExperiment.Settings(noise, mu, steps, lr, 0.0, INNER_TOLERANCE,
        INNER_MAX_ITERATIONS, CG_TOLERANCE, CG_MAX_ITERATIONS, seed);
    String data = String.format(Locale.ROOT, "fashion-mnist: train %d and validation %d drawn with seed %d from the"
        + " %s, test %d images; pixels in [0, 1]", train, validation, seed, "training images", parts[2].rows());
    if (!quiet) {
      out.println(data);
      out.printf(Locale.ROOT, "%d of %d training labels corrupted (noise %.2f); tuning %d example weights: fits with"
          + " uniform and oracle weights first, then %d outer steps%n", Math.round(noise * train), train, noise, train,
          steps);
      out.println(String.format(Locale.ROOT, "%-8s %9s %11s %10s %-22s %6s %8s", "step", "val loss", "|dg/dw|",
          "inner its", "CG products (residual)", "AUC", "time"));
    }
    Outcome o = ReweightExperiment.run(parts[0], parts[1], parts[2], s, quiet ? null : progress(out, steps));
    if (quiet) {
      out.println(data);
    } else {
      out.println();
    }
    out.print(summary(o));
    OutputPaths.createFolder("reweight", dir);
    List<Path> written = new ArrayList<>();
    for (String name : OUTPUT_FILES) {
      Path file = dir.resolve(name);
      try {
        write(o, name, file);
      } catch (IOException e) {
        throw OutputPaths.cannotWrite("reweight", file, OutputPaths.reason(e));
      }
      written.add(file);
    }
    out.println("written:");
    written.forEach(f -> out.println("  " + f.toAbsolutePath().normalize()));
    return 0;
  }

  private static Path folder(String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new UsageException("reweight: --data is not a valid path: '" + text + "'");
    }
  }

  /** Training and validation parts drawn from the training file, and the whole test file. */
  private static Dataset[] load(Path folder, int train, int validation, long seed) {
    try {
      Dataset drawn = IdxReader.fashionMnist(folder, "train", train + validation, seed);
      if (drawn.rows() < train + validation) {
        throw new UsageException("reweight: --train " + train + " plus --validation " + validation + " is "
            + (train + validation) + ", more than the " + drawn.rows() + " images of the training file");
      }
      Dataset tr = drawn.rows(IntStream.range(0, train).toArray(), drawn.nameWith("train part"));
      Dataset va = drawn.rows(IntStream.range(train, train + validation).toArray(), drawn.nameWith("validation part"));
      Dataset te = IdxReader.fashionMnist(folder, "t10k", Integer.MAX_VALUE, seed);
      return new Dataset[] {tr, va, te};
    } catch (DataException e) {
      throw new UsageException("reweight: " + e.detail());
    }
  }

  private static ReweightExperiment.Listener progress(PrintStream out, int steps) {
    return (ProgressEvent e, double auc) -> {
      String solve = e.solverStatus() == null ? "-" : String.format(Locale.ROOT, "%d (%.1e)%s",
          e.hessianVectorProducts(), e.solverRelativeResidual(), ProgressLine.marker(e.solverStatus()));
      out.println(String.format(Locale.ROOT, "%-8s %9.5f %11.3e %10s %-22s %6.4f %6.1f s", (e.step() + 1) + "/" + steps,
          e.outerValue(), e.hypergradientNorm(), e.innerIterations() + ProgressLine.marker(e.innerStatus()), solve, auc,
          e.elapsedMillis() / 1e3));
      if (!e.warning().isEmpty()) {
        out.println("  warning: " + e.warning());
      }
    };
  }

  /** The table of the three regressions, the AUC, the weights by group, the stop, and warnings. */
  static String summary(Outcome o) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%-9s %12s %10s %14s  %s%n", "weights", "val loss", "test loss",
        "test accuracy", "inner solve"));
    for (Scored r : new Scored[] {o.uniform(), o.learned(), o.oracle()}) {
      b.append(String.format(Locale.ROOT, "%-9s %12.5f %10.5f %14.4f  %d its, |grad| %.1e%s%n", r.name(),
          r.validationLoss(), r.testLoss(), r.testAccuracy(), r.fit().iterations(), r.fit().gradientNorm(),
          ProgressLine.marker(r.fit().status())));
    }
    double[] mean = new double[2];
    int[] count = new int[2];
    for (int i = 0; i < o.weights().length; i++) {
      int g = o.noise().corrupted()[i] ? 1 : 0;
      mean[g] += o.weights()[i];
      count[g]++;
    }
    HyperOptimizationResult t = o.tuning();
    b.append(String.format(Locale.ROOT, "learned weights after %d outer steps (fixed budget; the last step's"
        + " weights, not the best validation step's): mean %.3f on the %d clean examples, %.3f on the %d corrupted;"
        + " ROC AUC clean vs corrupted %.4f%n", t.history().size(), mean[0] / Math.max(1, count[0]), count[0],
        mean[1] / Math.max(1, count[1]), count[1], o.auc()));
    b.append(String.format(Locale.ROOT, "settings: mu %.3g, Adam %.3g on u from u = %.3g, inner L-BFGS to |grad| <="
        + " %.0e, CG to relative residual %.0e (at most %d iterations), seed %d%n", o.settings().mu(),
        o.settings().outerLearningRate(), o.settings().initialU(), o.settings().innerTolerance(),
        o.settings().cgTolerance(), o.settings().cgMaxIterations(), o.settings().seed()));
    b.append("stopped: ").append(t.stopReason()).append(" (").append(t.message()).append(")").append(System.lineSeparator());
    for (String w : warnings(o)) {
      b.append("warning: ").append(w).append(System.lineSeparator());
    }
    return b.toString();
  }

  /** Everything that makes the figures less trustworthy. */
  static List<String> warnings(Outcome o) {
    List<String> w = new ArrayList<>();
    for (Scored r : new Scored[] {o.uniform(), o.learned(), o.oracle()}) {
      if (!r.fit().converged()) {
        w.add(String.format(Locale.ROOT, "the %s fit did not converge (%s, |grad f| = %.2e)", r.name(),
            r.fit().status(), r.fit().gradientNorm()));
      }
    }
    HyperOptimizationResult t = o.tuning();
    if (t.stopReason() != HyperOptimizationResult.StopReason.BUDGET) {
      w.add("the outer loop stopped early (" + t.stopReason() + "): " + t.message());
    }
    long innerNot = t.history().events().stream().filter(e -> e.innerStatus() != InnerResult.Status.CONVERGED).count();
    long cgNot = t.history().events().stream().filter(e -> e.solverStatus() != null
        && e.solverStatus() != IhvpResult.Status.CONVERGED).count();
    if (innerNot > 0) {
      w.add(innerNot + " of " + t.history().size() + " outer steps' inner solves did not converge");
    }
    if (cgNot > 0) {
      w.add(cgNot + " of " + t.history().size() + " outer steps' CG solves did not reach their tolerance");
    }
    return w;
  }

  private static void write(Outcome o, String name, Path file) throws IOException {
    if (name.endsWith(".png")) {
      WeightHistogram.write(o.weights(), o.noise().corrupted(), String.format(Locale.ROOT,
          "learned example weights, %.0f %% of labels corrupted (ROC AUC %.3f)", 100 * o.settings().noise(), o.auc()),
          file);
      return;
    }
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      switch (name) {
        case "results.csv" -> {
          w.write("weights,noise,train,test_accuracy,test_loss,validation_loss,auc,outer_steps,"
              + "inner_status,inner_gradient_norm\n");
          for (Scored r : new Scored[] {o.uniform(), o.learned(), o.oracle()}) {
            w.write(String.format(Locale.ROOT, "%s,%s,%d,%s,%s,%s,%s,%d,%s,%s%n", r.name(), o.settings().noise(),
                o.weights().length, r.testAccuracy(), r.testLoss(), r.validationLoss(),
                r.name().equals("learned") ? String.valueOf(o.auc()) : "", o.tuning().history().size(),
                r.fit().status(), r.fit().gradientNorm()));
          }
        }
        case "weights.csv" -> {
          w.write("example,observed_label,corrupted,weight\n");
          for (int i = 0; i < o.weights().length; i++) {
            w.write(i + "," + o.noise().labels()[i] + "," + o.noise().corrupted()[i] + "," + o.weights()[i] + "\n");
          }
        }
        default -> {
          w.write("step,validation_loss,hypergradient_norm,inner_iterations,inner_status,cg_products,cg_status,"
              + "cg_relative_residual,auc,seconds\n");
          List<ProgressEvent> events = o.tuning().history().events();
          for (int i = 0; i < events.size(); i++) {
            ProgressEvent e = events.get(i);
            w.write(String.format(Locale.ROOT, "%d,%s,%s,%d,%s,%d,%s,%s,%s,%s%n", e.step() + 1, e.outerValue(),
                e.hypergradientNorm(), e.innerIterations(), e.innerStatus(), e.hessianVectorProducts(),
                e.solverStatus(), e.solverRelativeResidual(), o.aucPerStep()[i], e.elapsedMillis() / 1e3));
          }
        }
      }
    }
  }
}
