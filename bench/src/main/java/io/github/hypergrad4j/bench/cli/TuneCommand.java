package io.github.hypergrad4j.bench.cli;

import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bench.examples.L2LogisticRegression.Penalties;
import io.github.hypergrad4j.bench.examples.TuningComparison;
import io.github.hypergrad4j.bilevel.HyperOptimizationResult;
import io.github.hypergrad4j.bilevel.HyperOptimizationResult.StopReason;
import io.github.hypergrad4j.bilevel.UnreliableStepPolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * {@code tune}: hyperparameter optimisation by hypergradient — one L2 penalty per weight of a
 * logistic regression — against a grid search over one global penalty in the same process, with
 * live progress and a summary that ends with warnings about anything that makes its numbers less
 * trustworthy ({@link TuneWarnings}).
 */
final class TuneCommand {

  /** The loosest inner tolerance accepted: beyond it the inner solves barely fit θ at all. */
  static final double MAX_INNER_TOLERANCE = 1e-2;

  /** The options that take a value (without "--"). */
  static final Set<String> VALUED = union(union(DataChoice.OPTIONS, Set.of("method", "solver", "damping",
      "on-unreliable", "steps", "lr", "grid-points", "inner-tol", "seed", "history", "folds", "patience",
      "min-improvement", "threads", "penalties")), UnrolledTune.VALUED);

  /** The options that take none. */
  static final Set<String> FLAGS = Set.of("quiet", "no-warmup", "refit", "help");

  static final String HELP = """
      usage: hypergrad4j tune [options]

      --method implicit (the default): tunes L2 penalties of a logistic regression (one per
      weight unless --penalties says otherwise) by hypergradient descent on the validation
      loss, and compares them with a grid search over one global penalty. Both run once
      untimed first (JIT warm-up; --no-warmup skips it), then timed in the same process.
      Every inner solve is L-BFGS preconditioned by the diagonal of the training loss's
      curvature at 0 plus the penalties. Data are standardised with the training part's
      statistics; the split is 60/20/20 (both methods).

      Progress: the warm-up, each grid point, then one row per outer step: validation loss,
      |dg/dlambda|, the inner solve's iterations and the inverse-HVP solve's products, each
      followed by max-it, diverged, ls-failed, neg-curv or breakdown when that solve did not
      converge. The summary gives each method's validation and test loss and their gap, and
      ends with a warning for every inner or inverse-HVP solve that did not converge, a cold
      start (a grid point, the first step) whose inner solve took 0 iterations, a run that
      stopped early or whose lambda did not move, and hyperparameters that fit the validation
      set.

      %s
      options:
      %s\
        --method NAME      hypergradient method: implicit (the implicit function theorem, the
                           default), unrolled (through the training run) or stn (Self-Tuning
                           Networks); see above
        --seed S           seed of the split (default 7; with unrolled also of the initial
                           weights and the mini-batches)
        --quiet            print only the summary, its first line naming the data (no header
                           line, no progress)
        -h, --help         this text

      options of --method implicit only:
        --penalties TYING  which L2 penalties the hypergradient tunes: per-weight (the default,
                           one per weight: features x classes, features for two classes),
                           per-feature (one per input feature, shared by its class weights; the
                           same as per-weight for two classes) or global (one for all weights)
        --solver NAME      inverse-HVP solver of the implicit hypergradient (default cg):
      %s
        --damping RHO      damping of the solve, (H + rho I) p = grad g, in [0, 1e4] (default
                           0): above 1e4, (H + rho I)^-1 ~ I/rho and the hypergradient vanishes
        --on-unreliable P  what to do with an outer step whose inner solve is not stationary or
                           whose inverse-HVP solve failed (relative residual >= 1): stop (the
                           default: end the run, keep the best lambda), skip (do not step on it;
                           end after 3 in a row), or damp (solve again with the damping raised
                           tenfold from 1e-3 up to 10, then stop)
        --steps N          outer steps, >= 1 (default 10)
        --lr RATE          Adam's learning rate on log lambda, > 0 (default 0.2)
        --grid-points N    points of the grid search, >= 2 (default 20)
        --inner-tol TOL    gradient norm at which every inner solve stops, in (0, 1e-2]
                           (default 1e-8)
        --history FILE     write the tuning history as CSV (checked before the run starts):
                           one row per outer step of the hypergradient run, or with --folds of
                           the cross-validated one (outer_value is then the CV loss, followed by
                           one column outer_value_k per fold's held-out loss; inner iterations
                           and products are summed over the folds)
        --no-warmup        skip the untimed warm-up: faster, but both times then include the
                           JIT compilation of the code (most of it paid by the grid, which runs
                           first)
      %s
      %s
      options of --method stn: the general options above, and --out DIR (results.csv,
      search-runs.csv, stn-history.csv, stn-schedule.png; created, checked before the run).
      """.formatted(UnrolledTune.ABOUT + "\n" + StnTune.ABOUT, DataChoice.HELP, SolverChoice.list(),
      CrossValidatedTune.HELP, UnrolledTune.OPTIONS);

  private TuneCommand() {}

  /** The policy {@code --on-unreliable} names. */
  private static UnreliableStepPolicy unreliableStepPolicy(CommandLine cl) {
    String name = cl.string("on-unreliable", "stop");
    return switch (name) {
      case "stop" -> UnreliableStepPolicy.stop();
      case "skip" -> UnreliableStepPolicy.skip(3);
      case "damp" -> UnreliableStepPolicy.raiseDamping(1e-3, 10);
      default -> throw new UsageException("tune: unknown --on-unreliable '" + name + "' (available: stop, skip, damp)");
    };
  }

  /** The tying {@code --penalties} names. */
  private static Penalties penalties(CommandLine cl) {
    String name = cl.string("penalties", Penalties.PER_WEIGHT.cliName());
    for (Penalties p : Penalties.values()) {
      if (p.cliName().equals(name)) {
        return p;
      }
    }
    throw new UsageException("tune: unknown --penalties '" + name + "' (available: per-weight, per-feature, global)");
  }

  /** The options of --method implicit that --method unrolled refuses. */
  static final List<String> IMPLICIT_ONLY = List.of("solver", "damping", "on-unreliable", "steps", "lr",
      "grid-points", "inner-tol", "history", "no-warmup", "folds", "patience", "min-improvement", "refit",
      "threads", "penalties");

  static int run(String[] args, PrintStream out) {
    CommandLine cl = new CommandLine("tune", args, VALUED, FLAGS);
    if (cl.has("help")) {
      out.print(HELP);
      return 0;
    }
    if (!cl.positional().isEmpty()) {
      throw new UsageException("tune: unexpected argument '" + cl.positional().get(0) + "' (see 'tune --help')");
    }
    String method = cl.string("method", "implicit");
    if (method.equals("unrolled")) {
      return UnrolledTune.run(args, cl, out);
    }
    if (method.equals("stn")) {
      return StnTune.run(args, cl, out);
    }
    if (!method.equals("implicit")) {
      throw new UsageException("tune: unknown method '" + method + "' (available: implicit, unrolled, stn)");
    }
    UnrolledTune.refuse(cl, UnrolledTune.OWN.subList(0, UnrolledTune.OWN.size() - 1), "unrolled");
    UnrolledTune.refuse(cl, List.of("out"), "unrolled or stn");
    SolverChoice solver = SolverChoice.parse(cl.string("solver", "cg"));
    Penalties penalties = penalties(cl);
    boolean crossValidated = cl.has("folds");
    int steps = crossValidated ? 10 : cl.integer("steps", 10, 1);
    int gridPoints = cl.integer("grid-points", 20, 2);
    double lr = cl.positive("lr", 0.2);
    double damping = cl.nonNegative("damping", 0, SolverChoice.MAX_DAMPING, SolverChoice.DAMPING_LIMIT_REASON);
    double innerTol = cl.positive("inner-tol", 1e-8);
    if (innerTol > MAX_INNER_TOLERANCE) {
      throw new UsageException("tune: --inner-tol must be at most " + MAX_INNER_TOLERANCE + ", got "
          + cl.string("inner-tol", "") + ": so loose a tolerance stops the inner solves before theta fits "
          + "the training data, and the hypergradient assumes it does");
    }
    long seed = cl.longValue("seed", 7);
    Path history = null;
    if (cl.has("history")) {
      history = OutputPaths.parse("tune", "history", cl.string("history", ""));
      OutputPaths.checkFile("tune", history);
      OutputPaths.checkNotInput("tune", "history", history, DataChoice.inputFiles("tune", cl));
    }
    boolean quiet = cl.has("quiet");
    Dataset data = DataChoice.load("tune", cl, seed);
    solver.checkSize("tune", DataChoice.logisticParameters(data));
    int folds = CrossValidatedTune.folds(cl, data, seed);
    TuningComparison.Settings s = new TuningComparison.Settings(seed, gridPoints, 1e-4, 1e1, 1e-2, steps, lr,
        innerTol, solver.create(), damping, !cl.has("no-warmup"), unreliableStepPolicy(cl), penalties);

    if (!quiet) {
      int k = data.classes() == 2 ? 1 : data.classes();
      int count = switch (penalties) {
        case GLOBAL -> 1;
        case PER_FEATURE -> data.cols();
        case PER_WEIGHT -> data.cols() * k;
      };
      out.printf(Locale.ROOT, "tuning %d L2 %s (%s) of a logistic regression on %s, solver %s%n", count,
          count == 1 ? "penalty" : "penalties", penalties.cliName(), DataChoice.describe(data), solver.cliName);
    }
    ProgressLine progress = new ProgressLine(out, steps, System.console() != null);
    TuningComparison.Report report = TuningComparison.run(data, s, quiet ? null : progress);
    progress.finish();
    out.println(quiet ? "data: " + DataChoice.describe(data) : "");
    summarize(report, data, penalties, out);
    HyperOptimizationResult recorded = report.tuning();
    if (folds > 0 || cl.has("refit")) {
      CrossValidatedTune.Rows more = CrossValidatedTune.run(cl, data, s, report, folds, cl.has("refit"), quiet, out);
      CrossValidatedTune.table(report, more.outcomes(), out);
      recorded = folds > 0 ? more.crossValidated() : recorded;
    }
    if (history != null) {
      try (Writer w = Files.newBufferedWriter(history, StandardCharsets.UTF_8)) {
        recorded.history().writeCsv(w);
      } catch (IOException e) {
        throw OutputPaths.cannotWrite("tune", history, OutputPaths.reason(e));
      }
      out.println((folds > 0 ? "history of the cross-validated run" : "history") + " written to "
          + history.toAbsolutePath());
    }
    return 0;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  private static void summarize(TuningComparison.Report r, Dataset data, Penalties penalties, PrintStream out) {
    out.println(r.grid());
    out.println(r.hypergradient());
    out.printf(Locale.ROOT, "generalisation gap (test loss - validation loss): grid %+.5f, hypergradient %+.5f%n",
        r.grid().generalisationGap(), r.hypergradient().generalisationGap());
    HyperOptimizationResult t = r.tuning();
    double[] lambda = t.bestLambda();
    Integer[] order = IntStream.range(0, lambda.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> -lambda[i]));
    int k = r.classes() == 2 || penalties == Penalties.PER_FEATURE ? 1 : r.classes();
    out.println();
    if (penalties == Penalties.GLOBAL) {
      out.printf(Locale.ROOT, "learned global penalty: lambda = %.4g%n", lambda[0]);
    } else {
      out.println("largest learned penalties (" + (k == 1 ? "feature" : "weight: feature, class") + "):");
      for (int i = 0; i < Math.min(5, order.length); i++) {
        out.printf(Locale.ROOT, "  lambda = %.4g  %s%s%n", lambda[order[i]], data.featureName(order[i] / k),
            k == 1 ? "" : ", class " + order[i] % k);
      }
      out.println("smallest:");
      for (int i = Math.max(0, order.length - 3); i < order.length; i++) {
        out.printf(Locale.ROOT, "  lambda = %.4g  %s%s%n", lambda[order[i]], data.featureName(order[i] / k),
            k == 1 ? "" : ", class " + order[i] % k);
      }
    }
    int done = t.history().size();
    out.println("stopped: " + t.stopReason() + " (" + (t.stopReason() == StopReason.BUDGET
        ? (done == 1 ? "the 1 outer step" : "all " + done + " outer steps") + " done" : t.message()) + ")");
    List<String> warnings = TuneWarnings.of(r);
    if (!warnings.isEmpty()) {
      out.println();
      warnings.forEach(out::println);
    }
  }
}
