package io.github.hypergrad4j.bench.cli;

import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bench.data.DatasetReader;
import io.github.hypergrad4j.bench.data.IdxReader;
import io.github.hypergrad4j.bench.examples.TuningComparison;
import io.github.hypergrad4j.bilevel.HyperOptimizationResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * {@code tune}: hyperparameter optimisation by hypergradient — one L2 penalty per weight of a
 * logistic regression — against a grid search over one global penalty in the same process, with
 * a live progress line and a summary.
 */
final class TuneCommand {

  static final String HELP = """
      usage: hypergrad4j tune [options]

      Tunes one L2 penalty per weight of a logistic regression by hypergradient descent on the
      validation loss, and compares it with a grid search over one global penalty. Both run once
      untimed first (JIT warm-up), then timed in the same process. Data are standardised with the
      training part's statistics; the split is 60/20/20.

      options:
      %s\
        --method NAME      hypergradient method: implicit (the implicit function theorem; the
                           only one so far — unrolled and best-response come later)
        --solver NAME      inverse-HVP solver of the implicit hypergradient (default cg):
      %s
        --damping RHO      damping of the solve, (H + rho I) p = grad g (default 0)
        --steps N          outer steps (default 10)
        --lr RATE          Adam's learning rate on log lambda (default 0.2)
        --grid-points N    points of the grid search (default 20)
        --inner-tol TOL    gradient norm at which every inner solve stops (default 1e-8)
        --seed S           seed of the split (default 7)
        --history FILE     write the tuning history as CSV
        --quiet            no progress line, only the summary
        --help             this text
      """.formatted(DataChoice.HELP, SolverChoice.list());

  private TuneCommand() {}

  static int run(String[] args, PrintStream out) {
    CommandLine cl = new CommandLine("tune", args,
        union(DataChoice.OPTIONS, Set.of("method", "solver", "damping", "steps", "lr", "grid-points", "inner-tol",
            "seed", "history")),
        Set.of("quiet", "help"));
    if (cl.has("help")) {
      out.print(HELP);
      return 0;
    }
    if (!cl.positional().isEmpty()) {
      throw new UsageException("tune: unexpected argument '" + cl.positional().get(0) + "'");
    }
    String method = cl.string("method", "implicit");
    if (!method.equals("implicit")) {
      throw new UsageException("tune: unknown method '" + method + "' (available: implicit)");
    }
    long seed = cl.longValue("seed", 7);
    Dataset data = DataChoice.load("tune", cl, seed);
    SolverChoice solver = SolverChoice.parse(cl.string("solver", "cg"));
    int steps = cl.integer("steps", 10, 1);
    TuningComparison.Settings s = new TuningComparison.Settings(seed, cl.integer("grid-points", 20, 2), 1e-4, 1e1,
        1e-2, steps, cl.number("lr", 0.2, 0), cl.number("inner-tol", 1e-8, 0), solver.create(),
        cl.number("damping", 0, 0));
    Path history = cl.has("history") ? Path.of(cl.string("history", "")) : null;
    if (history != null && history.getParent() != null && !Files.isDirectory(history.getParent())) {
      throw new UsageException("tune: the folder of --history " + history + " does not exist");
    }
    boolean quiet = cl.has("quiet");
    out.printf(Locale.ROOT, "tuning %d L2 penalties of a logistic regression on %s (%d examples, %d features, %d classes), solver %s%n",
        data.cols() * (data.classes() == 2 ? 1 : data.classes()), data.name(), data.rows(), data.cols(),
        data.classes(), solver.cliName);
    ProgressLine progress = new ProgressLine(out, steps, System.console() != null);
    TuningComparison.Report report = TuningComparison.run(data, s, quiet ? null : progress);
    progress.finish();
    summarize(report, data, out);
    if (history != null) {
      try (Writer w = Files.newBufferedWriter(history, StandardCharsets.UTF_8)) {
        report.tuning().history().writeCsv(w);
      } catch (IOException e) {
        throw new UsageException("tune: cannot write " + history + ": " + e.getMessage());
      }
      out.println("history written to " + history.toAbsolutePath());
    }
    return 0;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return all;
  }

  private static void summarize(TuningComparison.Report r, Dataset data, PrintStream out) {
    out.println();
    out.println(r.grid());
    out.println(r.hypergradient());
    HyperOptimizationResult t = r.tuning();
    double[] lambda = t.bestLambda();
    Integer[] order = IntStream.range(0, lambda.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> -lambda[i]));
    int k = r.classes() == 2 ? 1 : r.classes();
    out.println();
    out.println("largest learned penalties (weight: feature, class):");
    for (int i = 0; i < Math.min(5, order.length); i++) {
      out.printf(Locale.ROOT, "  lambda = %.4g  %s%s%n", lambda[order[i]], data.featureName(order[i] / k),
          k == 1 ? "" : ", class " + order[i] % k);
    }
    out.println("smallest:");
    for (int i = Math.max(0, order.length - 3); i < order.length; i++) {
      out.printf(Locale.ROOT, "  lambda = %.4g  %s%s%n", lambda[order[i]], data.featureName(order[i] / k),
          k == 1 ? "" : ", class " + order[i] % k);
    }
    out.printf(Locale.ROOT, "stopped: %s (%s)%n", t.stopReason(), t.message());
  }
}
