package io.github.hypergrad4j.bench.stn;

import io.github.hypergrad4j.bilevel.stn.StnResult;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a {@link StnTuning} experiment: one {@link Outcome} per method, in the order STN,
 * grid, random search, fixed final values, replayed schedule; every search run; the three runs'
 * results with their histories. {@link #summary()} gives the table as lines of text; {@link
 * #writeFiles} writes the CSV files and the schedule's plot.
 *
 * @param data how the data were split and scaled
 * @param stnNetwork the Self-Tuning Network, described
 * @param plainNetwork the plain network the other methods train, described
 * @param stnParameters the Self-Tuning Network's parameter count (network and hypernetwork)
 * @param plainParameters the plain network's parameter count
 * @param names the hyperparameters' names, the order of every values array
 * @param options the settings
 * @param outcomes one per method, in the order of {@link TuningMethod}
 * @param stn the Self-Tuning Network run
 * @param fixed the run under the STN's final values
 * @param replay the run under the STN's schedule
 * @param gridRuns every grid point's run
 * @param randomRuns every random draw's run
 * @param jitWarmupSeconds the untimed warm-up's duration (0 when skipped)
 */
public record StnTuningReport(String data, String stnNetwork, String plainNetwork, int stnParameters,
    int plainParameters, List<String> names,
    StnTuningOptions options, List<Outcome> outcomes, StnResult stn, StnResult fixed, StnResult replay,
    List<SearchRun> gridRuns, List<SearchRun> randomRuns, double jitWarmupSeconds) {

  /** The files {@link #writeFiles} writes, in this order. */
  public static final List<String> FILES = List.of("results.csv", "search-runs.csv", "stn-history.csv",
      "stn-schedule.png");

  /** Copies the lists. */
  public StnTuningReport {
    names = List.copyOf(names);
    outcomes = List.copyOf(outcomes);
    gridRuns = List.copyOf(gridRuns);
    randomRuns = List.copyOf(randomRuns);
  }

  /** The outcome of one method. */
  public Outcome outcome(TuningMethod method) {
    return outcomes.get(method.ordinal());
  }

  /** The table and what it says, as lines of text (no line breaks inside). */
  public List<String> summary() {
    List<String> lines = new ArrayList<>();
    lines.add("data: " + data);
    lines.add(String.format(Locale.ROOT, "network: %s against the plain %s (%.2fx the parameters)", stnNetwork,
        plainNetwork, parameterRatio()));
    lines.add(String.format(Locale.ROOT, "tuned: %s; every run trains %d steps of batch %d, Adam %s on phi; seed %d",
        String.join(", ", names), options.trainingSteps(), options.batchSize(), options.learningRate(),
        options.seed()));
    lines.add(String.format(Locale.ROOT, "STN: %d warm-up steps, %d cycles of %d train + %d validation steps "
        + "(validation batches of %d), Adam %s on lambda and log sigma, tau %s, sigma0 %s", options.warmupSteps(),
        options.cycles(), options.trainStepsPerCycle(), options.hyperStepsPerCycle(), options.validationBatchSize(),
        options.hyperLearningRate(), options.entropyWeight(), options.initialSigma()));
    if (options.jitWarmup()) {
      lines.add(String.format(Locale.ROOT, "JVM warm-up, untimed: %.1f s", jitWarmupSeconds));
    }
    lines.add("");
    lines.add(String.format(Locale.ROOT, "%-25s %4s %11s %9s %9s %8s %9s %8s %9s", "method", "runs", "train steps",
        "val steps", "val loss", "val acc", "test loss", "test acc", "time"));
    for (Outcome o : outcomes) {
      lines.add(String.format(Locale.ROOT, "%-25s %4d %11d %9d %9.5f %8s %9.5f %8s %7.1f s", o.method().label(),
          o.runs(), o.trainingSteps(), o.validationSteps(), o.validation().loss(), accuracy(o.validation().accuracy()),
          o.test().loss(), accuracy(o.test().accuracy()), o.seconds()));
    }
    lines.add("");
    for (Outcome o : outcomes) {
      String values = o.method() == TuningMethod.STN ? "final " + values(names, o.values()) + "; " : "";
      lines.add(o.method().label() + ": " + values + o.detail());
    }
    lines.add(verdict());
    return lines;
  }

  /** Whether the STN beat both searches on validation, with the numbers and the share of their time. */
  private String verdict() {
    Outcome s = outcome(TuningMethod.STN);
    StringBuilder line = new StringBuilder();
    for (TuningMethod m : new TuningMethod[] {TuningMethod.GRID, TuningMethod.RANDOM}) {
      Outcome o = outcome(m);
      boolean lower = s.validation().loss() < o.validation().loss();
      line.append(line.length() == 0 ? "the STN's validation loss is " : "; ")
          .append(String.format(Locale.ROOT, "%s %s's (%.5f %s %.5f) at %.0f%% of its time", lower ? "below" : "NOT below",
              m.label(), s.validation().loss(), lower ? "<" : ">=", o.validation().loss(),
              100 * s.seconds() / o.seconds()));
    }
    return line.toString();
  }

  /** The STN's parameters over the plain network's. */
  public double parameterRatio() {
    return (double) stnParameters / plainParameters;
  }

  /**
   * Writes into {@code dir} (created if missing): {@code results.csv} (one row per method), {@code
   * search-runs.csv} (every grid and random run), {@code stn-history.csv} (the STN's events, see
   * {@link io.github.hypergrad4j.bilevel.stn.StnHistory#writeCsv}) and {@code stn-schedule.png}
   * (every λ against the step, {@link SchedulePlot}).
   *
   * @return the files written
   * @throws IOException if the folder or a file cannot be written
   */
  public List<Path> writeFiles(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path results = dir.resolve(FILES.get(0));
    try (Writer w = Files.newBufferedWriter(results, StandardCharsets.UTF_8)) {
      w.write("method,runs,steps_per_run,training_steps,training_examples,validation_steps,validation_loss,"
          + "validation_accuracy,test_loss,test_accuracy,seconds," + String.join(",", names) + "\n");
      for (Outcome o : outcomes) {
        w.write(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%d,%.17g,%.17g,%.17g,%.17g,%.3f%s%n",
            o.method().name().toLowerCase(Locale.ROOT), o.runs(), o.stepsPerRun(), o.trainingSteps(),
            o.trainingExamples(), o.validationSteps(), o.validation().loss(), o.validation().accuracy(),
            o.test().loss(), o.test().accuracy(), o.seconds(), csv(o.values())));
      }
    }
    Path runs = dir.resolve(FILES.get(1));
    try (Writer w = Files.newBufferedWriter(runs, StandardCharsets.UTF_8)) {
      w.write("method,index," + String.join(",", names) + ",steps,examples,validation_loss,validation_accuracy,"
          + "seconds\n");
      List<SearchRun> all = new ArrayList<>(gridRuns);
      all.addAll(randomRuns);
      for (SearchRun r : all) {
        w.write(String.format(Locale.ROOT, "%s,%d%s,%d,%d,%.17g,%.17g,%.3f%n", r.method().name().toLowerCase(Locale.ROOT),
            r.index(), csv(r.values()), r.steps(), r.examples(), r.validation().loss(), r.validation().accuracy(),
            r.seconds()));
      }
    }
    Path history = dir.resolve(FILES.get(2));
    try (Writer w = Files.newBufferedWriter(history, StandardCharsets.UTF_8)) {
      stn.history().writeCsv(w);
    }
    Path png = dir.resolve(FILES.get(3));
    SchedulePlot.write(stn.history(), outcome(TuningMethod.GRID).values(), png);
    return List.of(results, runs, history, png);
  }

  /** "name value, name value" with 3 significant digits. */
  static String values(List<String> names, double[] values) {
    StringBuilder s = new StringBuilder();
    for (int j = 0; j < values.length; j++) {
      s.append(j == 0 ? "" : ", ").append(names.get(j)).append(' ').append(String.format(Locale.ROOT, "%.3g", values[j]));
    }
    return s.toString();
  }

  private static String csv(double[] values) {
    StringBuilder s = new StringBuilder();
    for (double v : values) {
      s.append(String.format(Locale.ROOT, ",%.17g", v));
    }
    return s.toString();
  }

  private static String accuracy(double a) {
    return Double.isNaN(a) ? "-" : String.format(Locale.ROOT, "%.4f", a);
  }
}
