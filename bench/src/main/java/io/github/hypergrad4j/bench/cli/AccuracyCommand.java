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
import java.nio.file.InvalidPathException;
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

  static final String HELP = """
      usage: hypergrad4j accuracy [options]

      For each problem, each inverse-HVP solver (CG, Neumann, fixed point, Nystrom with sampled
      columns / a Gaussian sketch / the known L2 diagonal kept exact, Nystrom-PCG, MINRES) and each
      budget of 1, 2, 5, 10, 20, 50, 100 Hessian-vector products: the relative error and cosine
      similarity of the implicit hypergradient against the exact one (closed form for ridge, the
      exact solver otherwise), the products spent and the median wall time. About a minute on two
      cores; prints progress, then a summary.

      problems: ridge (diabetes, 10 penalties), breast-cancer (logistic, 30 penalties), digits
                (multinomial, 640 penalties), mlp (tanh MLP on digits, 2 penalties)

      options:
        --out DIR          where accuracy.csv, error-vs-products.{png,svg} and
                           error-vs-time.{png,svg} go (default accuracy-results; created)
        --problems LIST    comma-separated problems (default: all four)
        --repetitions N    timed repetitions per configuration, median reported (default 5)
        --quick            budgets 1, 5, 20, one timed repetition, and by default only ridge and
                           breast-cancer: a few seconds, for tests
        --help             this text
      """;

  private AccuracyCommand() {}

  static int run(String[] args, PrintStream out) {
    CommandLine cl = new CommandLine("accuracy", args, Set.of("out", "problems", "repetitions"),
        Set.of("quick", "help"));
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
    Path dir = outputFolder(cl.string("out", "accuracy-results"));
    AccuracyStudy.Settings settings = new AccuracyStudy.Settings(problems, List.of(StudySolver.values()),
        quick ? AccuracyStudy.QUICK_BUDGETS : AccuracyStudy.FULL_BUDGETS, repetitions);

    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true"); // the plots are drawn off-screen
    }
    long start = System.nanoTime();
    AccuracyStudy.Outcome outcome = AccuracyStudy.run(settings, line -> out.println("  " + line));
    List<Path> files = new ArrayList<>();
    try {
      Path csv = dir.resolve("accuracy.csv");
      AccuracyCsv.write(outcome.measurements(), csv);
      files.add(csv);
      files.addAll(AccuracyPlots.write(outcome.problems(), outcome.measurements(), dir));
    } catch (IOException e) {
      throw new UsageException("accuracy: cannot write into " + dir + ": " + e.getMessage());
    }
    out.println();
    for (StudyProblem p : outcome.problems()) {
      out.println(p.name() + ": " + p.description());
    }
    out.println();
    out.print(StudySummary.table(outcome.problems(), outcome.measurements()));
    out.printf(Locale.ROOT, "%n%d rows in %.1f s; written:%n", outcome.measurements().size(),
        (System.nanoTime() - start) / 1e9);
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

  private static Path outputFolder(String name) {
    Path dir;
    try {
      dir = Path.of(name);
    } catch (InvalidPathException e) {
      throw new UsageException("accuracy: --out '" + name + "' is not a valid path: " + e.getReason());
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new UsageException("accuracy: --out " + dir + " exists and is not a folder");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UsageException("accuracy: cannot create the folder " + dir + ": " + e.getMessage());
    }
    return dir;
  }
}
