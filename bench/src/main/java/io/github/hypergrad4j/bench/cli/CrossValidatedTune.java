package io.github.hypergrad4j.bench.cli;

import io.github.hypergrad4j.bench.cv.CrossValidatedTuning;
import io.github.hypergrad4j.bench.cv.CvSplit;
import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bench.examples.TuningComparison;
import io.github.hypergrad4j.bench.examples.L2LogisticRegression.Penalties;
import io.github.hypergrad4j.bench.examples.TuningComparison.Outcome;
import io.github.hypergrad4j.bilevel.BatchHypergradient;
import io.github.hypergrad4j.bilevel.HyperOptimizationResult;
import io.github.hypergrad4j.bilevel.InnerStopping;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code tune --folds K} and {@code --refit}: the cross-validated runs of {@link
 * CrossValidatedTuning} after the one-split comparison, and the refit of the one-split choices
 * on train + validation; one table of test losses and accuracies.
 */
final class CrossValidatedTune {

  /** The options of this mode (without "--"). */
  static final List<String> OPTIONS = List.of("folds", "patience", "min-improvement", "threads");

  /** Its lines of {@code tune --help}. */
  static final String HELP = """
        --folds K          also tune by K-fold cross-validation (K >= 2): train+validation rows
                           (80 %%, the test part untouched) split into K stratified folds with the
                           seed, each trained on K-1 and validated on the held-out one (features
                           standardised on its training rows). The penalties (--penalties) are
                           tuned on the mean held-out loss (the CV loss) by the mean of the folds'
                           hypergradients, stopped when the CV loss has not improved by
                           --min-improvement (relative) for --patience steps, or after --steps
                           (with --folds: default %d); a grid over one global penalty is
                           cross-validated the same way. Both choices are refit on all of
                           train+validation and scored on the test part, in one table with the
                           one-split runs (which keep their own default of 10 steps)
        --patience N       with --folds: steps without improvement that stop (default %d)
        --min-improvement R  with --folds: the relative improvement that counts (default %s)
        --threads N        with --folds: threads the folds are solved on, >= 1 (default: the
                           system property hypergrad4j.threads if set, else the number of
                           processors, here %d); the results do not depend on it
        --refit            also refit the one-split choices (grid and hypergradient) on all of
                           train+validation and score them on the test part
      """.formatted(CrossValidatedTune.DEFAULT_CAP, CrossValidatedTune.DEFAULT_PATIENCE,
      CrossValidatedTune.DEFAULT_MIN_IMPROVEMENT, BatchHypergradient.defaultThreads());

  /** The step cap of the cross-validated run, chosen without the test set. */
  static final int DEFAULT_CAP = 50;

  /** Its patience. */
  static final int DEFAULT_PATIENCE = 5;

  /** Its relative improvement. */
  static final double DEFAULT_MIN_IMPROVEMENT = 1e-3;

  private CrossValidatedTune() {}

  /** The folds asked for, checked against the data (0 without --folds). */
  static int folds(CommandLine cl, Dataset data, long seed) {
    if (!cl.has("folds")) {
      for (String o : OPTIONS) {
        if (cl.has(o)) {
          throw new UsageException("tune: --" + o + " applies with --folds only");
        }
      }
      return 0;
    }
    int k = cl.integer("folds", 5, 2);
    try {
      CvSplit.of(data, k, seed);
    } catch (IllegalArgumentException e) {
      throw new UsageException("tune: --folds " + k + ": " + e.getMessage() + " (try fewer folds)");
    }
    threads(cl); // checked before the runs start
    return k;
  }

  /**
   * The rows of the table after the one-split comparison (its refits, then the cross-validated
   * runs) and the cross-validated hypergradient run (null without folds).
   */
  record Rows(List<Outcome> outcomes, HyperOptimizationResult crossValidated) {}

  /** The threads of --threads (checked before the run), or the default. */
  static int threads(CommandLine cl) {
    return cl.integer("threads", BatchHypergradient.defaultThreads(), 1);
  }

  /** The refits and the cross-validated runs. */
  static Rows run(CommandLine cl, Dataset data, TuningComparison.Settings s, TuningComparison.Report one,
      int folds, boolean refit, boolean quiet, PrintStream out) {
    List<Outcome> rows = new ArrayList<>();
    InnerStopping stopping = new InnerStopping(s.innerTolerance(), 10_000);
    if (refit) {
      CvSplit split = CvSplit.of(data, 0, s.seed());
      rows.add(CrossValidatedTuning.refit(split, Penalties.GLOBAL, new double[] {gridLambda(one)}, stopping,
          "grid, one global L2 + refit", one.grid().validationLoss(), System.nanoTime(),
          "the one-split grid's lambda refit on train+validation"));
      rows.add(CrossValidatedTuning.refit(split, s.penalties(), one.tuning().bestLambda(), stopping,
          "hypergradient, " + s.penalties().label() + " + refit", one.hypergradient().validationLoss(),
          System.nanoTime(), "the one-split run's best lambda refit on train+validation"));
    }
    if (folds == 0) {
      return new Rows(rows, null);
    }
    int cap = cl.integer("steps", DEFAULT_CAP, 1);
    int patience = cl.integer("patience", DEFAULT_PATIENCE, 1);
    double minImprovement = cl.nonNegative("min-improvement", DEFAULT_MIN_IMPROVEMENT);
    CrossValidatedTuning.Settings cv = new CrossValidatedTuning.Settings(folds, s.seed(), s.gridPoints(),
        s.gridLow(), s.gridHigh(), s.lambda0(), cap, patience, minImprovement, s.outerLearningRate(),
        s.innerTolerance(), s.solver(), s.damping(), s.onUnreliableStep(), threads(cl), s.penalties());
    if (!quiet) {
      out.printf(Locale.ROOT, "%d-fold cross-validation (CV grid, then the CV hypergradient; val loss = CV loss)%n",
          folds);
    }
    ProgressLine progress = new ProgressLine(out, cap, System.console() != null);
    CrossValidatedTuning.Report r = CrossValidatedTuning.run(data, cv, quiet ? null : e -> progress.outerStep(e, false));
    progress.finish();
    rows.add(r.grid());
    rows.add(r.hypergradient());
    return new Rows(rows, r.tuning());
  }

  /** The grid's chosen penalty: its first point with the lowest validation loss. */
  private static double gridLambda(TuningComparison.Report one) {
    double best = Double.POSITIVE_INFINITY;
    double lambda = Double.NaN;
    for (TuningComparison.GridPoint p : one.gridPoints()) {
      if (Double.isNaN(lambda) || p.validationLoss() < best) {
        best = p.validationLoss();
        lambda = p.lambda();
      }
    }
    return lambda;
  }

  /** The table of every method's test loss and accuracy. */
  static void table(TuningComparison.Report one, List<Outcome> more, PrintStream out) {
    out.println();
    out.printf(Locale.ROOT, "%-40s %12s %10s %9s %8s%n", "method", "val/CV loss", "test loss", "test acc", "time s");
    List<Outcome> all = new ArrayList<>(List.of(one.grid(), one.hypergradient()));
    all.addAll(more);
    for (Outcome o : all) {
      out.printf(Locale.ROOT, "%-40s %12.5f %10.5f %9.4f %8.2f%n", o.method(), o.validationLoss(), o.testLoss(),
          o.testAccuracy(), o.seconds());
    }
    for (Outcome o : more) {
      out.println("  " + o.method() + ": " + o.detail());
    }
  }
}
