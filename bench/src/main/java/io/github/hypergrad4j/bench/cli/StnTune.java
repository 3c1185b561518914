package io.github.hypergrad4j.bench.cli;

import io.github.hypergrad4j.bench.data.DataException;
import io.github.hypergrad4j.bench.data.IdxReader;
import io.github.hypergrad4j.bench.stn.StnExperiment;
import io.github.hypergrad4j.bench.stn.StnSplit;
import io.github.hypergrad4j.bench.stn.StnTuning;
import io.github.hypergrad4j.bench.stn.StnTuningOptions;
import io.github.hypergrad4j.bench.stn.StnTuningReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code tune --method stn}: a Self-Tuning Network that tunes input dropout, hidden dropout and
 * input noise of a ReLU MLP during one training run, against a grid, a random search with the same
 * training budget, the STN's final values fixed from the start, and its schedule replayed on the
 * plain network ({@link StnTuning}); progress, a summary, and with {@code --out DIR} the CSV files
 * and the schedule's PNG (the folder checked before the run).
 */
final class StnTune {

  /** The paragraph of {@code tune --help} about the method. */
  static final String ABOUT = """
      --method stn: a Self-Tuning Network (MacKay et al. 2019) tunes the input dropout, the
      dropout of each hidden layer and the input noise of a ReLU MLP during one training run,
      through a hypernetwork that learns the best response of the weights to them. It is
      compared with a grid (8 points) and a random search (8 runs) with the same training steps
      per run, with the STN's final values fixed from the start, and with its schedule replayed
      on the plain network. Default data: digits (MLP 64-128-128-10, 1500 steps, under a
      minute). --data fashion-mnist trains on 10,000 and validates on 5,000 images drawn from
      the 60,000 training images and tests on all 10,000 test images (784-256-256-10, 2000
      steps, about four minutes); a CSV file is split 60/20/20 like the digits.
      --out DIR writes results.csv, search-runs.csv, stn-history.csv and stn-schedule.png.
      """;

  private StnTune() {}

  static int run(String[] args, CommandLine given, PrintStream out) {
    UnrolledTune.refuse(given, TuneCommand.IMPLICIT_ONLY, "implicit");
    UnrolledTune.refuse(given, UnrolledTune.OWN.subList(0, UnrolledTune.OWN.size() - 1), "unrolled");
    String dataName = given.string("data", "digits");
    boolean fashion = dataName.equals("fashion-mnist");
    if (fashion && given.has("limit")) {
      throw new UsageException("tune: --limit does not apply to --method stn on fashion-mnist, whose split is fixed"
          + " (10,000 training, 5,000 validation, 10,000 test images)");
    }
    long seed = given.longValue("seed", 7);
    StnTuningOptions options = (fashion ? StnTuningOptions.fashionMnist() : StnTuningOptions.defaults())
        .withSeed(seed, true);
    Path dir = null;
    if (given.has("out")) {
      dir = OutputPaths.parse("tune", "out", given.string("out", ""));
      OutputPaths.checkFolder("tune", dir);
      for (String name : StnTuningReport.FILES) {
        if (Files.isDirectory(dir)) {
          OutputPaths.checkFile("tune", dir.resolve(name));
        }
      }
    }
    boolean quiet = given.has("quiet");
    StnSplit split = fashion ? fashionSplit(seed)
        : StnSplit.of(DataChoice.load("tune", DataChoice.withDefaultData(args, given, "digits"), seed), seed);
    if (!quiet) {
      out.println("Self-Tuning Network against grid and random search on " + split.description());
    }
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true"); // the schedule is drawn off-screen
    }
    StnTuningReport report = StnTuning.run(split, options, quiet ? null : StnExperiment.progress(out, options));
    out.println(quiet ? "data: " + split.description() : "");
    report.summary().forEach(out::println);
    if (dir != null) {
      try {
        List<Path> files = report.writeFiles(dir);
        out.println("written:");
        files.forEach(f -> out.println("  " + f.toAbsolutePath().normalize()));
      } catch (IOException e) {
        throw OutputPaths.cannotWrite("tune", dir, OutputPaths.reason(e));
      }
    }
    return 0;
  }

  private static StnSplit fashionSplit(long seed) {
    try {
      return StnSplit.fashionMnist(Path.of(IdxReader.DEFAULT_FOLDER), StnExperiment.FASHION_TRAIN,
          StnExperiment.FASHION_VALIDATION, 10_000, seed);
    } catch (DataException e) {
      throw new UsageException("tune: " + e.detail());
    }
  }
}
