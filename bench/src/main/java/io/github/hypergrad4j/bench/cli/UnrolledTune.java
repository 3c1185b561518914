package io.github.hypergrad4j.bench.cli;

import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bench.schedules.GapExperiment;
import io.github.hypergrad4j.bench.schedules.ScheduleExperiment;
import io.github.hypergrad4j.bench.schedules.ScheduleReport;
import io.github.hypergrad4j.bench.schedules.UnrolledProgress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code tune --method unrolled}: the learning-schedule experiment ({@link ScheduleExperiment}) on
 * digits, Fashion-MNIST or a CSV file, or with {@code --data breast-cancer} the gap experiment
 * ({@link GapExperiment}); live progress, a summary, and with {@code --out DIR} the CSV files and
 * PNG figures (the folder checked before the run).
 */
final class UnrolledTune {

  /** The options of --method unrolled only, in the order they are checked. */
  static final List<String> OWN = List.of("meta-steps", "train-steps", "batch", "meta-lr", "hidden", "start-alpha",
      "start-gamma", "out");

  /** The options that take a value (without "--"). */
  static final Set<String> VALUED = Set.copyOf(OWN);

  /** The options of the schedule experiment that the gap experiment refuses. */
  private static final List<String> SCHEDULE_ONLY = OWN.subList(0, OWN.size() - 1);

  /** The paragraph of {@code tune --help} about the method. */
  static final String ABOUT = """
      --method unrolled: meta-learns a learning rate alpha_t and a momentum gamma_t for every
      training step t and layer, for T steps of mini-batch SGD with momentum (Maclaurin's form:
      v = gamma v - (1 - gamma) grad, theta = theta + alpha v) training a one-hidden-layer tanh
      MLP from seeded weights, by Adam on (log alpha, logit gamma) with hypergradients of the
      validation loss through the whole training run (reverse mode). It starts from a constant
      schedule and compares with the best constant schedule of an 8 x 5 grid over (alpha,
      gamma) with the same steps and mini-batches; the summary gives validation loss, test loss
      and test accuracy of the start, the best constant and the learned schedule (default data:
      digits). A training run that diverges gives no number: the meta-loop backs off to the
      last good schedule with half the meta learning rate, and stops after 3 in a row. With
      --data breast-cancer it runs the gap experiment instead: the unrolled hypergradient of 30
      L2 penalties (0.01 each) after T = 10, 20, ..., 2000 steps of gradient descent from
      theta = 0, against the implicit one at the exact optimum.
      """;

  /** The lines of {@code tune --help} for the options. */
  static final String OPTIONS = """
      options of --method unrolled only (those up to --start-gamma: not with breast-cancer):
        --meta-steps N     Adam steps on the schedule, >= 0 (default 30)
        --train-steps T    training steps of every run, >= 1 (default 100)
        --batch B          mini-batch size, >= 1 (default 500; at least the training part:
                           full batch)
        --meta-lr RATE     Adam's learning rate on (log alpha, logit gamma), > 0 (default 0.03)
        --hidden H         hidden tanh units, >= 1 (default 50; 100 for Fashion-MNIST)
        --start-alpha A    the starting constant learning rate, > 0 (default 1)
        --start-gamma G    the starting constant momentum, in (0, 1) (default 0.9)
        --out DIR          write the learned schedules, the histories (CSV) and the figures
                           (PNG) into DIR (created; checked before the run): schedules.csv,
                           meta-history.csv, grid.csv, schedules.png, meta-loss.png; for
                           breast-cancer gap.csv and gap.png
      """;

  private UnrolledTune() {}

  /** Throws a usage error for the first of {@code options} given, which apply to {@code method} only. */
  static void refuse(CommandLine cl, List<String> options, String method) {
    for (String o : options) {
      if (cl.has(o)) {
        throw new UsageException("tune: --" + o + " applies to --method " + method + " only");
      }
    }
  }

  static int run(String[] args, CommandLine given, PrintStream out) {
    refuse(given, TuneCommand.IMPLICIT_ONLY, "implicit");
    CommandLine cl = DataChoice.withDefaultData(args, given, "digits");
    boolean gap = cl.string("data", "").equals("breast-cancer");
    if (gap) {
      for (String o : SCHEDULE_ONLY) {
        if (cl.has(o)) {
          throw new UsageException("tune: --" + o + " applies to the schedule experiment, not to the gap experiment"
              + " that --method unrolled runs on breast-cancer");
        }
      }
    }
    ScheduleExperiment.Settings defaults = ScheduleExperiment.Settings.defaults(50);
    int metaSteps = cl.integer("meta-steps", defaults.metaSteps(), 0);
    int trainSteps = cl.integer("train-steps", defaults.trainSteps(), 1, 1_000_000);
    int batch = cl.integer("batch", defaults.batchSize(), 1);
    double metaLr = cl.positive("meta-lr", defaults.metaLearningRate());
    int hiddenGiven = cl.integer("hidden", 0, 1);
    double alpha = cl.positive("start-alpha", defaults.startLearningRate());
    double gamma = cl.number("start-gamma", defaults.startMomentum());
    if (!(gamma > 0 && gamma < 1)) {
      throw new UsageException("tune: --start-gamma must be in (0, 1), got " + cl.string("start-gamma", ""));
    }
    long seed = cl.longValue("seed", 7);
    Path dir = null;
    if (cl.has("out")) {
      dir = OutputPaths.parse("tune", "out", cl.string("out", ""));
      OutputPaths.checkFolder("tune", dir);
      for (String name : gap ? GapExperiment.FILES : ScheduleReport.FILES) {
        if (Files.isDirectory(dir)) {
          OutputPaths.checkFile("tune", dir.resolve(name));
        }
      }
    }
    boolean quiet = cl.has("quiet");
    Dataset data = DataChoice.load("tune", cl, seed);
    int hidden = hiddenGiven > 0 ? hiddenGiven : data.name().startsWith("fashion-mnist") ? 100 : defaults.hidden();
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true"); // the figures are drawn off-screen
    }
    UnrolledProgress progress = new UnrolledProgress(out, System.console() != null);
    List<Path> files;
    try {
      if (gap) {
        GapExperiment.Settings s = new GapExperiment.Settings(GapExperiment.DEFAULT_LAMBDA, GapExperiment.DEFAULT_STEPS,
            seed);
        if (!quiet) {
          out.printf(Locale.ROOT, "unrolled against implicit hypergradients of %d L2 penalties (%.3g each) of a "
              + "logistic regression on %s, gradient descent from theta = 0%n", data.cols(), s.lambda(),
              DataChoice.describe(data));
        }
        GapExperiment.Report r = GapExperiment.run(data, s, quiet ? null : progress);
        progress.finish();
        out.println(quiet ? "data: " + DataChoice.describe(data) : "");
        GapExperiment.summary(r, quiet).forEach(out::println);
        files = dir == null ? List.of() : GapExperiment.write(r, created(dir));
      } else {
        ScheduleExperiment.Settings s = new ScheduleExperiment.Settings(hidden, trainSteps, batch, metaSteps, metaLr,
            alpha, gamma, defaults.gridAlphas(), defaults.gridGammas(), seed);
        if (!quiet) {
          out.printf(Locale.ROOT, "learning alpha_t and gamma_t per layer for %d steps of SGD with momentum, a "
              + "tanh MLP with %d hidden units, on %s, batches of %d%n", trainSteps, hidden, DataChoice.describe(data), batch);
        }
        ScheduleExperiment.Report r = ScheduleExperiment.run(data, s, quiet ? null : progress);
        progress.finish();
        out.println(quiet ? "data: " + DataChoice.describe(data) : "");
        ScheduleReport.summary(r).forEach(out::println);
        files = dir == null ? List.of() : ScheduleReport.write(r, created(dir));
      }
    } catch (IOException e) {
      throw OutputPaths.cannotWrite("tune", dir, OutputPaths.reason(e));
    }
    if (!files.isEmpty()) {
      out.println("written:");
      files.forEach(f -> out.println("  " + f.toAbsolutePath().normalize()));
    }
    return 0;
  }

  private static Path created(Path dir) {
    OutputPaths.createFolder("tune", dir);
    return dir;
  }
}
