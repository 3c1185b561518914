package io.github.hypergrad4j.bench.cli;

import io.github.hypergrad4j.bench.accuracy.AccuracyCsv;
import io.github.hypergrad4j.bench.accuracy.AccuracyPlots;
import io.github.hypergrad4j.bench.accuracy.AccuracyStudy;
import io.github.hypergrad4j.bench.accuracy.ProblemCatalog;
import io.github.hypergrad4j.bench.accuracy.StudyProblem;
import io.github.hypergrad4j.bench.accuracy.StudySolver;
import io.github.hypergrad4j.bench.accuracy.StudySummary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code accuracy}: the accuracy-versus-cost study ({@link AccuracyStudy}) — for each problem,
 * solver and budget of Hessian-vector products, the implicit hypergradient's error against the
 * exact one, and its cost — written as a CSV and two figures, with a summary on the terminal.
 */
final class AccuracyCommand {

  /** The options that take a value (without "--"). */
  static final Set<String> VALUED = Set.of("out", "problems", "repetitions");

  /** The options that take none. */
  static final Set<String> FLAGS = Set.of("quick", "help");

  static final String HELP = """
      usage: hypergrad4j accuracy [options]

      For each problem, each inverse-HVP solver (CG, Neumann, fixed point, Nystrom with sampled
      columns / a Gaussian sketch / the known L2 diagonal kept exact, Nystrom-PCG, MINRES) and each
      budget of 1, 2, 5, 10, 20, 50, 100 Hessian-vector products: the relative error and cosine
      similarity of the implicit hypergradient against the exact one (closed form for ridge, the
      exact solver otherwise), the products spent and the median wall time. About 20 s on a
      2-core machine (measured: 19 s on JDK 17, 20 s on JDK 25); prints progress, then a
      summary, then writes the files.

      problems: ridge (diabetes, 10 penalties), breast-cancer (logistic, 30 penalties), digits
                (multinomial, 640 penalties), mlp (tanh MLP on digits, 2 penalties)

      options:
        --out DIR          where accuracy.csv, error-vs-products.{png,svg} and
                           error-vs-time.{png,svg} go (default accuracy-results; created)
        --problems LIST    comma-separated problems (default: all four)
        --repetitions N    timed repetitions per configuration, median reported (default 5)
        --quick            budgets 1, 5, 20, one timed repetition, and by default only ridge and
                           breast-cancer: a few seconds, for tests
        -h, --help         this text
      """;

  /** The files written into the output folder. */
  private static final List<String> OUTPUT_FILES = List.of("accuracy.csv", "error-vs-products.png",
      "error-vs-products.svg", "error-vs-time.png", "error-vs-time.svg");

  private AccuracyCommand() {}

  static int run(String[] args, PrintStream out) {
    CommandLine cl = new CommandLine("accuracy", args, VALUED, FLAGS);
    if (cl.has("help")) {
      out.print(HELP);
      return 0;
    }
    if (!cl.positional().isEmpty()) {
      throw new UsageException("accuracy: unexpected argument '" + cl.positional().get(0) + "' (see 'accuracy --help')");
    }
    boolean quick = cl.has("quick");
    List<ProblemCatalog> problems = problems(cl.string("problems",
        quick ? "ridge,breast-cancer" : Arrays.stream(ProblemCatalog.values()).map(p -> p.cliName)
            .collect(Collectors.joining(","))));
    int repetitions = cl.integer("repetitions", quick ? 1 : 5, 1);
    Path dir = OutputPaths.parse("accuracy", "out", cl.string("out", "accuracy-results"));
    OutputPaths.checkFolder("accuracy", dir);
    if (Files.isDirectory(dir)) {
      OUTPUT_FILES.forEach(name -> OutputPaths.checkFile("accuracy", dir.resolve(name)));
    }
    AccuracyStudy.Settings settings = new AccuracyStudy.Settings(problems, List.of(StudySolver.values()),
        quick ? AccuracyStudy.QUICK_BUDGETS : AccuracyStudy.FULL_BUDGETS, repetitions);

    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true"); // the plots are drawn off-screen
    }
    long start = System.nanoTime();
    AccuracyStudy.Outcome outcome = AccuracyStudy.run(settings, line -> out.println("  " + line));
    // the summary first: should the files fail to be written, the results are still on the screen
    out.println();
    for (StudyProblem p : outcome.problems()) {
      out.println(p.name() + ": " + p.description());
    }
    out.println();
    out.print(StudySummary.table(outcome.problems(), outcome.measurements()));
    out.printf(Locale.ROOT, "%n%d rows in %.1f s%n", outcome.measurements().size(),
        (System.nanoTime() - start) / 1e9);
    OutputPaths.createFolder("accuracy", dir);
    List<Path> files = new ArrayList<>();
    Path csv = dir.resolve(OUTPUT_FILES.get(0));
    try {
      AccuracyCsv.write(outcome.measurements(), csv);
      files.add(csv);
    } catch (IOException e) {
      throw OutputPaths.cannotWrite("accuracy", csv, OutputPaths.reason(e));
    }
    try {
      files.addAll(AccuracyPlots.write(outcome.problems(), outcome.measurements(), dir));
    } catch (IOException e) {
      throw OutputPaths.cannotWrite("accuracy", dir, "the plots: " + OutputPaths.reason(e));
    }
    out.println("written:");
    for (Path f : files) {
      out.println("  " + f.toAbsolutePath().normalize());
    }
    return 0;
  }

  private static List<ProblemCatalog> problems(String list) {
    List<ProblemCatalog> chosen = new ArrayList<>();
    for (String name : list.split(",", -1)) {
      String trimmed = name.trim().toLowerCase(Locale.ROOT);
      ProblemCatalog p = ProblemCatalog.byName(trimmed).orElseThrow(() -> new UsageException(
          "accuracy: unknown problem '" + trimmed + "' in --problems (choose from " + ProblemCatalog.names() + ")"));
      if (!chosen.contains(p)) {
        chosen.add(p);
      }
    }
    return chosen;
  }
}
