package io.github.hypergrad4j.bench.cli;

import io.github.hypergrad4j.bench.data.DataException;
import io.github.hypergrad4j.bench.penalties.GlobalPenaltyGrid;
import io.github.hypergrad4j.bench.penalties.PenaltyExperiment;
import io.github.hypergrad4j.bench.penalties.PenaltyReport;
import io.github.hypergrad4j.bench.penalties.PenaltyTuning;
import io.github.hypergrad4j.bench.stn.StnSplit;
import io.github.hypergrad4j.bilevel.InnerResult;
import io.github.hypergrad4j.ihvp.IhvpResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code penalties}: one L2 penalty per weight of a tanh MLP, tuned by implicit hypergradients
 * ({@link PenaltyTuning}), against one global penalty tuned by grid at equal wall time ({@link
 * GlobalPenaltyGrid}); progress per outer step, a summary, the history and grid as CSV and the
 * history plot as PNG.
 */
final class PenaltiesCommand {

  /** The options that take a value (without "--"). */
  static final Set<String> VALUED = Set.of("data", "hidden", "train", "validation", "test", "steps", "first-inner",
      "inner", "cg", "damping", "lr", "penalty", "grid", "seed", "out");

  /** The options that take none. */
  static final Set<String> FLAGS = Set.of("quiet", "help");

  static final String HELP = """
      usage: hypergrad4j penalties [options]

      One L2 penalty per weight of a tanh MLP (Lorraine, Vicol and Duvenaud, AISTATS 2020):
      f = training cross-entropy + 1/2 sum_i lambda_i w_i^2 (biases not penalised), lambda =
      exp(u), g = validation cross-entropy. Each outer step: L-BFGS on f warm-started from the
      previous theta; the hypergradient by the implicit function theorem with damped conjugate
      gradient, (H + rho I) p = grad g, warm-started from the previous p; one Adam step on u.
      Then one global penalty tuned by a grid (1e-3, 1e-1, 1e-5, 1e-2, 1e-4, in that order) on
      the validation loss, with the same wall time and the same L-BFGS iterations per model.
      The test set is reported only: nothing is chosen by it. Default settings: under 30
      minutes on 2 cores with Fashion-MNIST and 784-1000-250-10 (1,036,500 penalties).

      options:
        --data NAME        fashion-mnist (default; Debian's dataset-fashion-mnist) or digits
        --hidden H1,H2,..  hidden tanh widths (default 1000,250)
        --train N          training examples (default 5000; digits: at most its 60 % part)
        --validation N     validation examples, fashion-mnist (default 1000)
        --test N           test examples from the test file, fashion-mnist (default 10000)
        --steps N          outer steps, one hypergradient each (default 12)
        --first-inner N    L-BFGS iterations of the first inner solve, from theta0 (default 100)
        --inner N          L-BFGS iterations of each later, warm-started solve (default 10)
        --cg N             CG iterations per hypergradient (default 10)
        --damping RHO      CG damping rho, > 0 (default 0.1)
        --lr ETA           Adam's step on u = log lambda (default 0.2)
        --penalty C        initial penalty on every weight (default 1e-4)
        --grid N|time      grid values to train: time (default: as many as fit into the
                           per-weight run's wall time), or a fixed number 0-5 (0: no grid;
                           a fixed number makes the whole run independent of the machine)
        --seed S           seed of the data draw and of theta0 (default 1)
        --out DIR          where history.csv, grid.csv and history.png go (default
                           penalties-results; created)
        --quiet            print the summary only
        -h, --help         this text
      """;

  private static final double INNER_TOLERANCE = 1e-3;
  private static final double CG_TOLERANCE = 1e-3;
  private static final List<String> OUTPUT_FILES = List.of("history.csv", "grid.csv", "history.png");

  private PenaltiesCommand() {}

  static int run(String[] args, PrintStream out) {
    CommandLine cl = new CommandLine("penalties", args, VALUED, FLAGS);
    if (cl.has("help")) {
      out.print(HELP);
      return 0;
    }
    if (!cl.positional().isEmpty()) {
      throw new UsageException("penalties: unexpected argument '" + cl.positional().get(0)
          + "' (see 'penalties --help')");
    }
    String data = cl.string("data", "fashion-mnist").trim();
    if (!data.equals("fashion-mnist") && !data.equals("digits")) {
      throw new UsageException("penalties: unknown data set '" + data + "' in --data (choose fashion-mnist or digits)");
    }
    boolean fashion = data.equals("fashion-mnist");
    int[] hidden = hidden(cl.string("hidden", "1000,250"));
    int train = cl.integer("train", 5000, 10, 59_000);
    int validation = cl.integer("validation", 1000, 10, 50_000);
    int test = cl.integer("test", 10_000, 1, 10_000);
    if (fashion && train + validation > 60_000) {
      throw new UsageException("penalties: --train + --validation must be at most 60000 (the training file), got "
          + (train + validation));
    }
    PenaltyTuning.Settings tuning = new PenaltyTuning.Settings(cl.integer("steps", 12, 1, 100_000),
        cl.positive("penalty", 1e-4), cl.integer("first-inner", 100, 1), cl.integer("inner", 10, 1), INNER_TOLERANCE,
        cl.integer("cg", 10, 1), CG_TOLERANCE, cl.positive("damping", 0.1), cl.positive("lr", 0.2));
    long seed = cl.longValue("seed", 1);
    boolean quiet = cl.has("quiet");
    Path dir = OutputPaths.parse("penalties", "out", cl.string("out", "penalties-results"));
    OutputPaths.checkFolder("penalties", dir);
    if (Files.isDirectory(dir)) {
      OUTPUT_FILES.forEach(name -> OutputPaths.checkFile("penalties", dir.resolve(name)));
    }
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true"); // the plot is drawn off-screen
    }
    PenaltyExperiment.Settings settings = new PenaltyExperiment.Settings(fashion, train, validation, test, hidden,
        tuning, gridValues(cl.string("grid", "time")), seed);
    StnSplit split;
    try {
      split = PenaltyExperiment.split(settings);
    } catch (DataException e) {
      throw new UsageException("penalties: " + e.detail());
    }
    PrintStream progress = quiet ? null : out;
    if (progress != null) {
      progress.println(split.description());
      progress.printf(Locale.ROOT, "per-weight penalties: %d outer steps%n", tuning.steps());
    }
    PenaltyExperiment.Outcome o = PenaltyExperiment.run(settings, split,
        progress == null ? null : s -> progress.println(stepLine(s, tuning.steps())),
        progress == null ? null : p -> progress.println(gridLine(p)));
    if (progress != null) {
      progress.println();
    }
    out.print(PenaltiesSummary.text(settings, o));
    OutputPaths.createFolder("penalties", dir);
    Path history = dir.resolve(OUTPUT_FILES.get(0));
    Path grid = dir.resolve(OUTPUT_FILES.get(1));
    Path png = dir.resolve(OUTPUT_FILES.get(2));
    write(history, () -> PenaltyReport.writeHistory(o.tuning(), history));
    if (o.grid() != null) {
      write(grid, () -> PenaltyReport.writeGrid(o.grid(), grid));
    }
    write(png, () -> PenaltyReport.writePlot(o.tuning(), o.grid(),
        o.model().architecture() + ", " + o.model().penalties() + " penalties", png));
    out.println("written:");
    out.println("  " + history.toAbsolutePath().normalize());
    if (o.grid() != null) {
      out.println("  " + grid.toAbsolutePath().normalize());
    }
    out.println("  " + png.toAbsolutePath().normalize());
    return 0;
  }

  private interface FileWrite {
    void run() throws IOException;
  }

  private static void write(Path file, FileWrite w) {
    try {
      w.run();
    } catch (IOException e) {
      throw OutputPaths.cannotWrite("penalties", file, OutputPaths.reason(e));
    }
  }

  /** "time" → {@link PenaltyExperiment#GRID_BY_TIME}, else a whole number from 0 to the grid's size. */
  static int gridValues(String text) {
    if (text.trim().equals("time")) {
      return PenaltyExperiment.GRID_BY_TIME;
    }
    int max = GlobalPenaltyGrid.DEFAULT_PENALTIES.length;
    try {
      int n = Integer.parseInt(text.trim());
      if (n >= 0 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("penalties: --grid needs 'time' or a whole number from 0 to " + max + ", got '" + text
        + "'");
  }

  /** "1000,250" → {1000, 250}: one to eight widths, each from 1 to 100000. */
  static int[] hidden(String text) {
    String[] parts = text.split(",", -1);
    if (parts.length > 8) {
      throw new UsageException("penalties: --hidden takes at most 8 widths, got " + parts.length);
    }
    int[] widths = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        widths[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        widths[i] = -1;
      }
      if (widths[i] < 1 || widths[i] > 100_000) {
        throw new UsageException("penalties: --hidden needs comma-separated widths from 1 to 100000, got '" + text
            + "'");
      }
    }
    return widths;
  }

  static String stepLine(PenaltyTuning.Step s, int steps) {
    return String.format(Locale.ROOT, "step %3d/%d  inner %3d its |grad f| %.1e%s  CG %2d its res %.2f %s%s"
        + "  %3d HVPs %5.1f s  val %.4f  test %.4f  %6.0f s", s.step(), steps, s.innerIterations(),
        s.innerGradientNorm(), s.innerStatus() == InnerResult.Status.CONVERGED ? "" : "*", s.cgIterations(),
        s.relativeResidual(), cgMark(s.cgStatus()), s.stepped() || s.step() == steps ? "" : " (no step)",
        s.products(), s.hypergradientSeconds(), s.validationLoss(), s.testLoss(), s.elapsedSeconds());
  }

  static String gridLine(GlobalPenaltyGrid.Point p) {
    return String.format(Locale.ROOT, "global penalty %.0e: %4d L-BFGS its |grad f| %.1e  val %.4f  test %.4f"
        + "  %5.0f s", p.penalty(), p.iterations(), p.gradientNorm(), p.validationLoss(), p.testLoss(), p.seconds());
  }

  private static String cgMark(IhvpResult.Status status) {
    return switch (status) {
      case CONVERGED -> "ok";
      case MAX_ITERATIONS -> "max";
      case NEGATIVE_CURVATURE -> "NEG";
      default -> status.name();
    };
  }
}
