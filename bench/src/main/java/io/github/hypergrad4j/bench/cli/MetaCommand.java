package io.github.hypergrad4j.bench.cli;

import io.github.hypergrad4j.bench.meta.FitPlot;
import io.github.hypergrad4j.bench.meta.MetaExperiment;
import io.github.hypergrad4j.bench.meta.MetaMethod;
import io.github.hypergrad4j.bench.meta.SinusoidTask;
import io.github.hypergrad4j.bilevel.meta.MetaLearner;
import io.github.hypergrad4j.bilevel.meta.TaskBatch;
import io.github.hypergrad4j.ihvp.IhvpResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code meta}: the sinusoid meta-learning benchmark ({@link MetaExperiment}) for one method or
 * all four at equal meta-training time, with progress, a summary table, a CSV of the scores and a
 * PNG of the fits on held-out tasks.
 */
final class MetaCommand {

  /** The options that take a value (without "--"). */
  static final Set<String> VALUED = Set.of("method", "shots", "inner-steps", "inner-lr", "lambda", "cg", "batch",
      "outer-lr", "steps", "time", "eval-tasks", "queries", "threads", "seed", "out");

  /** The options that take none. */
  static final Set<String> FLAGS = Set.of("quick", "help");

  static final String HELP = """
      usage: hypergrad4j meta [options]

      Meta-learning on sinusoid regression (Finn, Abbeel and Levine, ICML 2017): tasks
      y = A sin(x - phase), A in [0.1, 5], phase in [0, pi], x in [-5, 5], K support and K query
      points; an MLP 1-40-40-1 with ReLU; Adam on the meta-parameters. Each method meta-trains
      until --steps or --time, whichever comes first, then is evaluated on fresh tasks (the same
      for every method): the query MSE (100 points) after 0, 1 and 10 gradient steps of size
      --inner-lr on the K support points, mean +- 95 % interval. Prints progress, then a summary,
      then writes the files.

      options:
        --method M         imaml, maml, fomaml, reptile, or all (the four side by side, each with
                           the same --time) (default maml)
        --shots K          support points per task (default 10)
        --inner-steps N    inner steps in meta-training (default 1 for maml and fomaml, 5 for
                           reptile; for imaml the most L-BFGS iterations on its inner problem
                           L_train + lambda/2 |theta - phi|^2, solved to |grad| <= 1e-6, as the
                           implicit gradient assumes: default 50)
        --inner-lr A       inner and evaluation step size (default 0.01)
        --lambda L         iMAML's proximal strength, > 0 (default 1)
        --cg N             iMAML's CG iterations per task (default 5)
        --batch B          tasks per outer step (default 25)
        --outer-lr E       Adam's step on the meta-parameters (default 0.001)
        --steps N          outer step limit (default 70000)
        --time S           meta-training seconds per method (default 60; 0: only --steps)
        --eval-tasks N     fresh evaluation tasks (default 1000)
        --queries N        query points per evaluation task (default 100)
        --threads N        threads for the tasks of a batch (default: the processors; results do
                           not depend on it)
        --seed S           seed of the initialisation and of the tasks (default 1)
        --out DIR          where meta.csv and fits.png go (default meta-results; created)
        --quick            20 outer steps, 50 evaluation tasks, no time limit: for tests
        -h, --help         this text
      """;

  private static final List<String> OUTPUT_FILES = List.of("meta.csv", "fits.png");
  private static final int FIT_TASKS = 3;

  private MetaCommand() {}

  static int run(String[] args, PrintStream out) {
    CommandLine cl = new CommandLine("meta", args, VALUED, FLAGS);
    if (cl.has("help")) {
      out.print(HELP);
      return 0;
    }
    if (!cl.positional().isEmpty()) {
      throw new UsageException("meta: unexpected argument '" + cl.positional().get(0) + "' (see 'meta --help')");
    }
    boolean quick = cl.has("quick");
    List<MetaMethod> methods = methods(cl.string("method", "maml"));
    int shots = cl.integer("shots", 10, 1);
    int innerSteps = cl.integer("inner-steps", 0, 1);
    double innerLr = cl.positive("inner-lr", 0.01);
    double lambda = cl.positive("lambda", 1.0);
    int cg = cl.integer("cg", 5, 1);
    int batch = cl.integer("batch", 25, 1);
    double outerLr = cl.positive("outer-lr", 1e-3);
    int steps = cl.integer("steps", quick ? 20 : 70_000, 1);
    double seconds = cl.nonNegative("time", quick ? 0 : 60, 1e6, "the budget is per method, in seconds");
    int evalTasks = cl.integer("eval-tasks", quick ? 50 : 1000, 2);
    int queries = cl.integer("queries", 100, 1);
    int threads = cl.integer("threads", Runtime.getRuntime().availableProcessors(), 1, 1024);
    long seed = cl.longValue("seed", 1);
    Path dir = OutputPaths.parse("meta", "out", cl.string("out", "meta-results"));
    OutputPaths.checkFolder("meta", dir);
    if (Files.isDirectory(dir)) {
      OUTPUT_FILES.forEach(name -> OutputPaths.checkFile("meta", dir.resolve(name)));
    }
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true"); // the plot is drawn off-screen
    }

    List<MetaExperiment.Outcome> outcomes = new ArrayList<>();
    List<double[]> solveStats = new ArrayList<>();
    ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
    try {
      for (MetaMethod m : methods) {
        int inner = innerSteps > 0 ? innerSteps
            : m == MetaMethod.IMAML ? 50 : m == MetaMethod.MAML || m == MetaMethod.FOMAML ? 1 : 5;
        MetaExperiment.Settings s = new MetaExperiment.Settings(m, shots, inner, innerLr, lambda, cg, batch, outerLr,
            steps, Math.round(seconds * 1e9), evalTasks, queries, seed);
        double[] solves = new double[4];
        out.printf(Locale.ROOT, "%s: meta-training (K = %d shots, %d inner step%s, batch %d)%n", m.cliName, shots,
            inner, inner == 1 ? "" : "s", batch);
        MetaExperiment.Outcome o = MetaExperiment.run(s, pool, progress(out, steps, s.timeBudgetNanos(), solves));
        outcomes.add(o);
        solveStats.add(solves);
        out.printf(Locale.ROOT, "  %d outer steps in %.1f s (stopped by %s); evaluated on %d fresh tasks%n",
            o.training().steps(), o.training().elapsedNanos() / 1e9, o.training().stoppedBy(), evalTasks);
      }
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    out.println();
    out.print(summary(outcomes, solveStats));
    OutputPaths.createFolder("meta", dir);
    Path csv = dir.resolve(OUTPUT_FILES.get(0));
    try {
      writeCsv(outcomes, csv);
    } catch (IOException e) {
      throw OutputPaths.cannotWrite("meta", csv, OutputPaths.reason(e));
    }
    Path png = dir.resolve(OUTPUT_FILES.get(1));
    List<FitPlot.Row> rows = new ArrayList<>();
    for (MetaExperiment.Outcome o : outcomes) {
      rows.add(new FitPlot.Row(o.settings().method().cliName, o.training().phi()));
    }
    try {
      FitPlot.write(rows, MetaExperiment.evaluationTasks(seed + 2, FIT_TASKS, shots, queries), innerLr, png);
    } catch (IOException e) {
      throw OutputPaths.cannotWrite("meta", png, OutputPaths.reason(e));
    }
    out.println("written:");
    out.println("  " + csv.toAbsolutePath().normalize());
    out.println("  " + png.toAbsolutePath().normalize());
    return 0;
  }

  private static List<MetaMethod> methods(String text) {
    if (text.trim().equalsIgnoreCase("all")) {
      return List.of(MetaMethod.values());
    }
    return List.of(MetaMethod.byName(text.trim()).orElseThrow(() -> new UsageException("meta: unknown method '"
        + text + "' in --method (choose from " + MetaMethod.names() + ", all)")));
  }

  /** Prints about ten progress lines per method: at every tenth of the step limit or of the time budget. */
  private static MetaLearner.Listener progress(PrintStream out, int steps, long budgetNanos, double[] solves) {
    long[] next = {budgetNanos > 0 ? budgetNanos / 10 : 0};
    int every = Math.max(1, steps / 10);
    return (int step, TaskBatch.Result r, long elapsed) -> {
      if (r.members().get(0).solve() != null) {
        solves[0] += r.members().size();
        solves[1] = Math.max(solves[1], r.worstRelativeResidual());
        for (var member : r.members()) {
          solves[2] += member.solve().relativeResidual();
          solves[3] += member.solve().status() == IhvpResult.Status.NEGATIVE_CURVATURE ? 1 : 0;
        }
      }
      boolean due = budgetNanos > 0 ? elapsed >= next[0] : step % every == 0;
      if (step == 1 || due) {
        if (budgetNanos > 0 && due) {
          next[0] += budgetNanos / 10;
        }
        out.printf(Locale.ROOT, "  step %6d  batch query MSE %8.4f  %7.1f s%n", step, r.testLoss(), elapsed / 1e9);
      }
    };
  }

  static String summary(List<MetaExperiment.Outcome> outcomes, List<double[]> solveStats) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%-8s %7s %8s %11s %11s  %-16s %-16s %-16s%n", "method", "steps", "train s",
        "gradients", "HVPs", "MSE 0 steps", "MSE 1 step", "MSE 10 steps"));
    for (int i = 0; i < outcomes.size(); i++) {
      MetaExperiment.Outcome o = outcomes.get(i);
      MetaLearner.Result t = o.training();
      b.append(String.format(Locale.ROOT, "%-8s %7d %8.1f %11d %11d", o.settings().method().cliName, t.steps(),
          t.elapsedNanos() / 1e9, t.gradients(), t.hessianVectorProducts()));
      for (MetaExperiment.Score s : o.scores()) {
        b.append(String.format(Locale.ROOT, "  %-16s", score(s.mean()) + " +- " + score(s.halfWidth())));
      }
      b.append(System.lineSeparator());
    }
    for (int i = 0; i < outcomes.size(); i++) {
      double[] u = solveStats.get(i);
      if (u[0] > 0) {
        b.append(String.format(Locale.ROOT, "%s: %d CG solves, relative residual |b - Ax| / |b| mean %.2g, worst %.2g;"
            + " %d met negative curvature (I + H/lambda indefinite; the partial CG solution was used)%n",
            outcomes.get(i).settings().method().cliName, (long) u[0], u[2] / u[0], u[1], (long) u[3]));
      }
    }
    b.append(String.format(Locale.ROOT, "methods: %s%n", String.join("; ",
        outcomes.stream().map(MetaExperiment.Outcome::methodName).toList())));
    return b.toString();
  }

  /** Three decimals, or three significant digits for a diverged value (at least 1000). */
  private static String score(double v) {
    return String.format(Locale.ROOT, Math.abs(v) < 1000 ? "%.3f" : "%.3g", v);
  }

  private static void writeCsv(List<MetaExperiment.Outcome> outcomes, Path csv) throws IOException {
    try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write("method,shots,inner_steps,outer_steps,train_seconds,gradients,hvps,adapt_steps,mse_mean,mse_ci95\n");
      for (MetaExperiment.Outcome o : outcomes) {
        MetaExperiment.Settings s = o.settings();
        MetaLearner.Result t = o.training();
        for (MetaExperiment.Score sc : o.scores()) {
          w.write(String.format(Locale.ROOT, "%s,%d,%d,%d,%.3f,%d,%d,%d,%.6g,%.6g%n", s.method().cliName, s.shots(),
              s.innerSteps(), t.steps(), t.elapsedNanos() / 1e9, t.gradients(), t.hessianVectorProducts(),
              sc.steps(), sc.mean(), sc.halfWidth()));
        }
      }
    }
  }
}
