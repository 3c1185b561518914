package io.github.hypergrad4j.bench.stn;

import io.github.hypergrad4j.bench.data.DatasetReader;
import io.github.hypergrad4j.bench.data.IdxReader;
import io.github.hypergrad4j.bilevel.stn.StnEvent;
import io.github.hypergrad4j.bilevel.stn.StnResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The README's Self-Tuning Network experiments, runnable from the jar:
 *
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *       io.github.hypergrad4j.bench.stn.StnExperiment [--sweep] digits|fashion-mnist [OUT_DIR]
 * </pre>
 *
 * <ul>
 *   <li>{@code digits}: the embedded digits (1797 8×8 images), 60/20/20 split with seed 7,
 *       {@link StnTuningOptions#defaults()}; under a minute.
 *   <li>{@code fashion-mnist}: {@value #FASHION_TRAIN} training and {@value #FASHION_VALIDATION}
 *       validation images drawn with seed 7 from the 60,000 training images of {@value
 *       IdxReader#DEFAULT_FOLDER}, tested on all 10,000 test images ({@link StnSplit#fashionMnist}),
 *       {@link StnTuningOptions#fashionMnist()}; about ten minutes on two cores.
 * </ul>
 *
 * Prints the progress and the summary; with OUT_DIR, writes the CSV files and the schedule's PNG
 * there ({@link StnTuningReport#writeFiles}). With {@code --sweep}, runs only the Self-Tuning
 * Network, once per hyperparameter learning rate of {@link #SWEEP}, and prints each final
 * validation loss: how the presets' rates were chosen (on validation, never on test). Exit status
 * 2 for bad arguments.
 */
public final class StnExperiment {

  /** Fashion-MNIST training images. */
  public static final int FASHION_TRAIN = 10_000;

  /** Fashion-MNIST validation images. */
  public static final int FASHION_VALIDATION = 5_000;

  /** The hyperparameter learning rates {@code --sweep} tries. */
  static final double[] SWEEP = {0.003, 0.01, 0.03, 0.1};

  private StnExperiment() {}

  /** Runs the experiment named by the arguments; exits with status 2 for bad arguments. */
  public static void main(String[] args) throws IOException {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the experiment named by the arguments, printing to {@code out}; 0, or 2 after a usage
   * line on {@code err} for bad arguments (before anything is read or run).
   *
   * @throws IOException if the files cannot be written
   */
  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    boolean sweep = args.length > 0 && args[0].equals("--sweep");
    int first = sweep ? 1 : 0;
    int count = args.length - first;
    if (count < 1 || count > (sweep ? 1 : 2) || !(args[first].equals("digits") || args[first].equals("fashion-mnist"))) {
      err.println("StnExperiment: expected [--sweep] digits|fashion-mnist [OUT_DIR] (no OUT_DIR with --sweep), got "
          + (args.length == 0 ? "nothing" : String.join(" ", args)));
      return 2;
    }
    boolean digits = args[first].equals("digits");
    StnTuningOptions options = digits ? StnTuningOptions.defaults() : StnTuningOptions.fashionMnist();
    StnSplit split = digits ? StnSplit.of(DatasetReader.digits(), options.seed())
        : StnSplit.fashionMnist(Path.of(IdxReader.DEFAULT_FOLDER), FASHION_TRAIN, FASHION_VALIDATION, 10_000,
            options.seed());
    if (sweep) {
      sweep(split, options, out);
      return 0;
    }
    out.println("settings: " + options);
    StnTuningReport report = StnTuning.run(split, options, progress(out, options));
    out.println();
    report.summary().forEach(out::println);
    if (count == 2) {
      for (Path p : report.writeFiles(Path.of(args[first + 1]))) {
        out.println("wrote " + p);
      }
    }
    return 0;
  }

  /** The STN alone at each rate of {@link #SWEEP}; its final validation loss and values. */
  private static void sweep(StnSplit split, StnTuningOptions options, PrintStream out) {
    out.println(split.description());
    double best = Double.POSITIVE_INFINITY;
    double chosen = Double.NaN;
    for (double rate : SWEEP) {
      long start = System.nanoTime();
      StnResult r = StnTuning.stnOnly(split, options.withRates(options.learningRate(), rate,
          options.entropyWeight()), null);
      String values = lambdas(r.values());
      out.printf(Locale.ROOT, "hyperparameter learning rate %-6s validation loss %.5f  accuracy %.4f  lambda%s  %.1f s%n",
          rate, r.finalValidation().loss(), r.finalValidation().accuracy(), values, (System.nanoTime() - start) / 1e9);
      if (r.finalValidation().loss() < best) {
        best = r.finalValidation().loss();
        chosen = rate;
      }
    }
    out.println("lowest validation loss at hyperparameter learning rate " + chosen + " (the preset uses "
        + options.hyperLearningRate() + ")");
  }

  /** One line per method, per tenth of the STN's run and per search run. */
  public static StnTuningListener progress(PrintStream out, StnTuningOptions options) {
    return new StnTuningListener() {
      private final int every = Math.max(1, options.trainingSteps() / 10);
      private long nextStep = every;

      @Override
      public void jitWarmupFinished(double seconds) {
        out.printf(Locale.ROOT, "JVM warm-up, untimed: %.1f s%n", seconds);
      }

      @Override
      public void methodStarted(TuningMethod method, int runs) {
        out.println(method.label() + (runs > 1 ? ", " + runs + " runs" : ""));
      }

      @Override
      public void stnEvent(StnEvent e) {
        if (e.step() >= nextStep) {
          nextStep += every;
          String values = lambdas(e.lambda());
          out.printf(Locale.ROOT, "  step %6d  train loss %.4f  val loss %.4f  lambda%s  %.1f s%n", e.step(),
              e.trainLoss(), e.validationLoss(), values, e.elapsedMillis() / 1000);
        }
      }

      @Override
      public void searchRun(SearchRun r) {
        String values = lambdas(r.values());
        out.printf(Locale.ROOT, "  %2d/%d  lambda%s  val loss %.5f  %.1f s%n", r.index() + 1, r.count(), values,
            r.validation().loss(), r.seconds());
      }

      @Override
      public void methodFinished(Outcome o) {
        out.printf(Locale.ROOT, "  done: val loss %.5f, %.1f s%n", o.validation().loss(), o.seconds());
      }
    };
  }

  /** " v1 v2 …" with 3 significant digits. */
  private static String lambdas(double[] values) {
    StringBuilder s = new StringBuilder();
    for (double v : values) {
      s.append(String.format(Locale.ROOT, " %.3g", v));
    }
    return s.toString();
  }
}
