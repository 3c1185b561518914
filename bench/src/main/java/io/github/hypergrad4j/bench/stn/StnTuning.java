package io.github.hypergrad4j.bench.stn;

import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bilevel.stn.Evaluation;
import io.github.hypergrad4j.bilevel.stn.HyperMlp;
import io.github.hypergrad4j.bilevel.stn.HyperSchedule;
import io.github.hypergrad4j.bilevel.stn.Hyperparameter;
import io.github.hypergrad4j.bilevel.stn.HyperparameterSet;
import io.github.hypergrad4j.bilevel.stn.ScheduledTraining;
import io.github.hypergrad4j.bilevel.stn.StnData;
import io.github.hypergrad4j.bilevel.stn.StnEvent;
import io.github.hypergrad4j.bilevel.stn.StnListener;
import io.github.hypergrad4j.bilevel.stn.StnResult;
import io.github.hypergrad4j.bilevel.stn.StnTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Self-Tuning Networks against the usual ways of choosing dropout and noise, on one split (the
 * experiment of MacKay et al. 2019, §5, at a size this machine runs in minutes). The network is an
 * MLP; the hyperparameters are input dropout, one dropout rate per hidden layer and input noise
 * ({@link SearchSpace}). Five methods, in this order:
 *
 * <ol>
 *   <li><b>STN</b>: one {@link StnTrainer} run of T = warm-up + cycles·T_train training steps and
 *       cycles·T_val validation steps; reported at its final λ (the hypernetwork fed λ).
 *   <li><b>Grid</b>: the plain network ({@link HyperMlp#plain()}: the same widths, half the
 *       parameters) trained T steps under each grid point's fixed values ({@link
 *       ScheduledTraining}); the point with the lowest loss on the whole validation set is kept.
 *   <li><b>Random search</b>: the same with as many random draws as the grid has points — the
 *       same total budget, G·T training steps.
 *   <li><b>Fixed final values</b>: the plain network, T steps under the STN's final values.
 *   <li><b>Replayed schedule</b>: the plain network, T steps, step t under the values the STN
 *       used at step t ({@link io.github.hypergrad4j.bilevel.stn.StnHistory#schedule()}).
 * </ol>
 *
 * <p>Every run uses the same optimiser on φ, batch size and seed. Choices look at the validation
 * set only; the test set is evaluated once per method, for the report. Times are wall times of
 * the training runs with the validation passes that choose, after an optional untimed warm-up of
 * the JVM (so that the first method does not pay for compiling the code the others share).
 * Budgets are counted, not claimed: every step and example in the report is read from the runs'
 * histories. Cost: (2G + 2)·T plain training steps plus one STN run (about twice a plain step
 * each, plus the validation steps).
 */
public final class StnTuning {

  private StnTuning() {}

  /**
   * Runs the experiment on the 60/20/20 split of {@code data} with the options' seed ({@link
   * StnSplit#of}).
   *
   * @param listener receives the progress (may be null)
   * @throws IllegalArgumentException if an argument is null or the split fails
   */
  public static StnTuningReport run(Dataset data, StnTuningOptions options, StnTuningListener listener) {
    if (data == null || options == null) {
      throw new IllegalArgumentException("StnTuning.run: data and options must be given, got "
          + (data == null ? "data null" : "options null"));
    }
    return run(StnSplit.of(data, options.seed()), options, listener);
  }

  /**
   * Runs the experiment on a split (see the class comment).
   *
   * @param listener receives the progress (may be null)
   * @throws IllegalArgumentException if an argument is null
   */
  public static StnTuningReport run(StnSplit split, StnTuningOptions options, StnTuningListener listener) {
    if (split == null || options == null) {
      throw new IllegalArgumentException("StnTuning.run: split and options must be given, got "
          + (split == null ? "split null" : "options null"));
    }
    return new Experiment(split, options, listener == null ? new StnTuningListener() {} : listener).execute();
  }

  /**
   * Only the Self-Tuning Network run of the experiment, without the test set: for choosing the
   * STN's own settings (such as its hyperparameter learning rate) on the validation set.
   *
   * @param listener receives the run's events (may be null)
   * @throws IllegalArgumentException if an argument is null
   */
  public static StnResult stnOnly(StnSplit split, StnTuningOptions options, StnListener listener) {
    if (split == null || options == null) {
      throw new IllegalArgumentException("StnTuning.stnOnly: split and options must be given, got "
          + (split == null ? "split null" : "options null"));
    }
    Experiment e = new Experiment(split, options, new StnTuningListener() {});
    return new StnTrainer(e.stnNet, e.stnSet, options.stnOptions()).run(e.train, e.validation, listener);
  }

  /** The data as the network sees them: class labels, or one real target. */
  static StnData stnData(Dataset d) {
    return d.labels() != null ? StnData.classification(d.features(), d.cols(), d.labels(), d.classes())
        : StnData.regression(d.features(), d.cols(), d.targets());
  }

  /** The state of one experiment. */
  private static final class Experiment {
    private final StnSplit split;
    private final StnTuningOptions options;
    private final StnTuningListener listener;
    private final StnData train;
    private final StnData validation;
    private final StnData test;
    private final SearchSpace space;
    private final HyperMlp stnNet;
    private final HyperparameterSet stnSet;
    private final HyperMlp plain;
    private final HyperparameterSet plainSet;

    Experiment(StnSplit split, StnTuningOptions options, StnTuningListener listener) {
      this.split = split;
      this.options = options;
      this.listener = listener;
      train = stnData(split.train());
      validation = stnData(split.validation());
      test = stnData(split.test());
      space = new SearchSpace(options);
      List<Hyperparameter> declarations = space.declarations();
      HyperMlp.Builder b = HyperMlp.builder(train.features(), declarations.size()).activation(options.activation());
      for (int w : options.hidden()) {
        b.hidden(w);
      }
      stnNet = b.outputs(train.outputs());
      stnSet = HyperparameterSet.of(stnNet, declarations);
      plain = stnNet.plain();
      plainSet = HyperparameterSet.of(plain, declarations);
    }

    StnTuningReport execute() {
      double jit = options.jitWarmup() ? warmJvm() : 0;
      int t = options.trainingSteps();

      listener.methodStarted(TuningMethod.STN, 1);
      long start = System.nanoTime();
      StnResult stn = new StnTrainer(stnNet, stnSet, options.stnOptions()).run(train, validation, listener::stnEvent);
      double stnSeconds = seconds(start);
      long tuningEvents = stn.history().events().stream().filter(e -> e.phase() == StnEvent.Phase.TUNING).count();
      Outcome stnOutcome = new Outcome(TuningMethod.STN, 1, t, steps(stn), examples(stn, train),
          tuningEvents * options.hyperStepsPerCycle(), stn.values(), stn.finalValidation(),
          Evaluation.of(stnNet, stnSet, stn.parameters(), stn.free(), test), stnSeconds, stn.message());
      listener.methodFinished(stnOutcome);

      List<SearchRun> gridRuns = new ArrayList<>();
      Outcome grid = search(TuningMethod.GRID, space.grid(), gridRuns);
      List<SearchRun> randomRuns = new ArrayList<>();
      Outcome random = search(TuningMethod.RANDOM, space.randomDraws(), randomRuns);

      listener.methodStarted(TuningMethod.FIXED_FINAL, 1);
      start = System.nanoTime();
      StnResult fixed = train(HyperSchedule.constant(stn.values()), t);
      Outcome fixedOutcome = single(TuningMethod.FIXED_FINAL, fixed, seconds(start), stn.values(),
          "the STN's final values from step 1: " + StnTuningReport.values(plainSet.names(), stn.values()));

      listener.methodStarted(TuningMethod.REPLAY, 1);
      start = System.nanoTime();
      HyperSchedule schedule = stn.history().schedule();
      StnResult replay = train(schedule, t);
      Outcome replayOutcome = single(TuningMethod.REPLAY, replay, seconds(start), schedule.at(t),
          "the STN's schedule, " + schedule.pieces() + " pieces, step by step");

      return new StnTuningReport(split.description(), stnNet.toString(), plain.toString(), stnNet.parameterCount(),
          plain.parameterCount(), stnSet.names(), options,
          List.of(stnOutcome, grid, random, fixedOutcome, replayOutcome), stn, fixed, replay, gridRuns, randomRuns,
          jit);
    }

    /** Trains the plain network at each of {@code points} and keeps the best on validation. */
    private Outcome search(TuningMethod method, List<double[]> points, List<SearchRun> runs) {
      listener.methodStarted(method, points.size());
      StnResult best = null;
      double[] bestValues = null;
      double seconds = 0;
      long steps = 0;
      long examples = 0;
      int failed = 0;
      for (int k = 0; k < points.size(); k++) {
        long start = System.nanoTime();
        StnResult r = train(HyperSchedule.constant(points.get(k)), options.trainingSteps());
        double s = seconds(start);
        SearchRun run = new SearchRun(method, k, points.size(), points.get(k), steps(r), examples(r, train),
            r.finalValidation(), s);
        runs.add(run);
        listener.searchRun(run);
        seconds += s;
        steps += run.steps();
        examples += run.examples();
        failed += r.stopReason() == StnResult.StopReason.COMPLETED ? 0 : 1;
        if (best == null || r.finalValidation().loss() < best.finalValidation().loss()) {
          best = r;
          bestValues = points.get(k);
        }
      }
      String detail = String.format(Locale.ROOT, "%d runs, best on validation: %s%s", points.size(),
          StnTuningReport.values(plainSet.names(), bestValues), failed == 0 ? "" : "; " + failed
              + " runs stopped early on a non-finite loss");
      Outcome o = new Outcome(method, points.size(), options.trainingSteps(), steps, examples, 0, bestValues,
          best.finalValidation(), Evaluation.of(plain, plainSet, best.parameters(), best.free(), test), seconds,
          detail);
      listener.methodFinished(o);
      return o;
    }

    private Outcome single(TuningMethod method, StnResult r, double seconds, double[] values, String detail) {
      Outcome o = new Outcome(method, 1, options.trainingSteps(), steps(r), examples(r, train), 0, values,
          r.finalValidation(), Evaluation.of(plain, plainSet, r.parameters(), r.free(), test), seconds,
          r.stopReason() == StnResult.StopReason.COMPLETED ? detail : detail + "; " + r.message());
      listener.methodFinished(o);
      return o;
    }

    /** The plain network trained {@code steps} steps under a schedule. */
    private StnResult train(HyperSchedule schedule, int steps) {
      return new ScheduledTraining(plain, plainSet, options.fixedOptions()).run(train, validation, schedule, steps,
          null);
    }

    /** Runs every kind of training briefly, untimed; its duration in seconds. */
    private double warmJvm() {
      listener.jitWarmupStarted();
      long start = System.nanoTime();
      StnTuningOptions small = options.withSchedule(Math.min(options.warmupSteps(), 20), Math.min(options.cycles(), 40),
          options.trainStepsPerCycle(), options.hyperStepsPerCycle());
      StnResult r = new StnTrainer(stnNet, stnSet, small.stnOptions()).run(train, validation);
      Evaluation.of(stnNet, stnSet, r.parameters(), r.free(), test);
      new ScheduledTraining(plain, plainSet, small.fixedOptions())
          .run(train, validation, r.history().schedule(), small.trainingSteps(), null);
      double s = seconds(start);
      listener.jitWarmupFinished(s);
      return s;
    }
  }

  /** Training steps a run did: its last event's step. */
  static long steps(StnResult r) {
    List<StnEvent> events = r.history().events();
    return events.isEmpty() ? 0 : events.get(events.size() - 1).step();
  }

  /** Training examples a run saw: its last event's epoch times the training set's size. */
  static long examples(StnResult r, StnData train) {
    List<StnEvent> events = r.history().events();
    return events.isEmpty() ? 0 : Math.round(events.get(events.size() - 1).epoch() * train.size());
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
