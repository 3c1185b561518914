package io.github.hypergrad4j.bench.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * {@code bench}: runs the JMH suites (all, or those matching the given patterns), writes JMH's
 * JSON and a short table of scores and rates beside it ({@link PendingFile}s: under their final
 * names only when complete), and says where they went.
 */
final class BenchCommand {

  /** The options that take a value (without "--"). */
  static final Set<String> VALUED = Set.of("out");

  /** The options that take none. */
  static final Set<String> FLAGS = Set.of("quick", "list", "help");

  static final String HELP = """
      usage: hypergrad4j bench [options] [PATTERN...]

      Runs the JMH benchmarks whose names match the regular expressions given (all when none;
      each must match at least one: see --list), each in its own JVM, one after the other: run
      it alone on the machine. Results go to DIR/jmh-<time>.json (JMH's JSON) and
      DIR/jmh-<time>.txt (a table), each written under a temporary name and renamed when the
      run is complete: a failed or interrupted run leaves neither behind.

      suites: bench.linalg (kernels, ~7 min), bench.autodiff (loss/gradient/HVP, ~9 min),
              bench.ihvp (solvers, ~8 min), bench.unrolled (unrolled hypergradients per mode
              against the training run, ~5 min), bench.stn (a Self-Tuning Network epoch against
              a plain MLP's, ~1 min), bench.perf (one IFT hypergradient end to end, CG K = 20,
              ~1 min; bench/perf/compare.sh sets it and the autodiff suite beside PyTorch),
              bench.penalties (time per hypergradient against 10^3..10^6 penalties, ~2 min);
              all of them take about 35 minutes.
      The benchmarks run on the JDK that runs this command (JAVA_HOME, else java on the PATH).

      options:
        --out DIR    where the results go (default: bench-results)
        --quick      1 warm-up and 2 measured iterations of 0.5 s each (a smoke run; noisy)
        --list       list the benchmarks (those matching the patterns) and stop
        -h, --help   this text
      """;

  /** What the benchmarks are found by when no pattern is given. */
  static final String ALL = "io.github.hypergrad4j.bench.";

  private BenchCommand() {}

  static int run(String[] args, PrintStream out) {
    CommandLine cl = new CommandLine("bench", args, VALUED, FLAGS);
    if (cl.has("help")) {
      out.print(HELP);
      return 0;
    }
    if (cl.positional().stream().anyMatch(String::isBlank)) {
      throw new UsageException("bench: an empty pattern would match every benchmark: give none to run them all, or "
          + "a part of a benchmark's name (see 'bench --list')");
    }
    List<String> patterns = cl.positional().isEmpty() ? List.of(ALL) : cl.positional();
    checkPatterns(patterns);
    if (cl.has("list")) {
      out.println("Benchmarks:");
      find(patterns).stream().map(BenchmarkListEntry::getUsername).distinct().forEach(out::println);
      return 0;
    }
    ChainedOptionsBuilder options = new OptionsBuilder();
    patterns.forEach(options::include);
    Path dir = OutputPaths.parse("bench", "out", cl.string("out", "bench-results"));
    OutputPaths.checkFolder("bench", dir);
    OutputPaths.createFolder("bench", dir);
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    if (Runtime.version().feature() >= 23) {
      // JMH reads fields through sun.misc.Unsafe, which JDK 23+ warns about in every forked JVM.
      options.jvmArgsPrepend("--sun-misc-unsafe-memory-access=allow");
    }
    if (cl.has("quick")) {
      options.warmupIterations(1).measurementIterations(2)
          .warmupTime(TimeValue.milliseconds(500)).measurementTime(TimeValue.milliseconds(500));
    }
    // both files are written under temporary names and renamed when complete: a failed or
    // interrupted run leaves neither an empty JSON nor a partial table behind
    try (PendingFile jsonFile = PendingFile.beside(dir.resolve("jmh-" + stamp + ".json"));
        PendingFile tableFile = PendingFile.beside(dir.resolve("jmh-" + stamp + ".txt"))) {
      options.resultFormat(ResultFormatType.JSON).result(jsonFile.temporary().toString());
      out.println("benchmarks run on " + System.getProperty("java.vm.name") + " " + Runtime.version()
          + " (" + System.getProperty("java.home") + "); set JAVA_HOME to measure on another JDK");
      Collection<RunResult> results;
      try {
        results = new Runner(options.build()).run();
      } catch (RunnerException e) {
        throw new IllegalStateException("JMH failed: " + e.getMessage(), e);
      }
      String summary = table(results);
      out.println();
      out.print(summary);
      try (Writer w = Files.newBufferedWriter(tableFile.temporary(), StandardCharsets.UTF_8)) {
        w.write(summary);
      } catch (IOException e) {
        throw OutputPaths.cannotWrite("bench", tableFile.target(), OutputPaths.reason(e));
      }
      commit(jsonFile);
      commit(tableFile);
      out.println("results: " + jsonFile.target().toAbsolutePath());
      out.println("table:   " + tableFile.target().toAbsolutePath());
    }
    return 0;
  }

  private static void commit(PendingFile file) {
    try {
      file.commit();
    } catch (IOException e) {
      throw OutputPaths.cannotWrite("bench", file.target(), OutputPaths.reason(e));
    }
  }

  /**
   * Checks that every pattern is a regular expression and matches at least one benchmark, the way
   * JMH will match it (a {@link java.util.regex.Matcher#find()} in the benchmark's full name), so
   * that a typo stops the command before anything runs or is written.
   */
  static void checkPatterns(List<String> patterns) {
    for (String p : patterns) {
      try {
        Pattern.compile(p);
      } catch (PatternSyntaxException e) {
        throw new UsageException("bench: the pattern '" + p + "' is not a regular expression: "
            + e.getDescription() + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
      }
      if (find(List.of(p)).isEmpty()) {
        throw new UsageException("bench: no benchmark matches '" + p + "' (see 'bench --list')");
      }
    }
  }

  /** The benchmarks (one entry per mode) that JMH would run for these patterns. */
  private static SortedSet<BenchmarkListEntry> find(List<String> patterns) {
    OutputFormat silent = OutputFormatFactory.createFormatInstance(
        new PrintStream(OutputStream.nullOutputStream()), VerboseMode.SILENT);
    return BenchmarkList.defaultList().find(silent, patterns, List.of());
  }

  /** One line per benchmark and parameter set, with its secondary metrics (rates, counters). */
  static String table(Collection<RunResult> results) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-62s %-22s %14s %s%n", "benchmark", "parameters", "score", "unit"));
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark().replace("io.github.hypergrad4j.bench.", "");
      StringBuilder params = new StringBuilder();
      for (String key : r.getParams().getParamsKeys()) {
        params.append(params.length() == 0 ? "" : " ").append(key).append('=').append(r.getParams().getParam(key));
      }
      Result<?> primary = r.getPrimaryResult();
      sb.append(String.format(Locale.ROOT, "%-62s %-22s %14.4g %s%n", name, params, primary.getScore(),
          primary.getScoreUnit()));
      for (String key : r.getSecondaryResults().keySet()) {
        Result<?> secondary = r.getSecondaryResults().get(key); // JMH's map holds raw Results
        double v = secondary.getScore();
        if (v != 0) {
          sb.append(String.format(Locale.ROOT, "%-62s %-22s %14.4g %s%n", "  :" + key, "", v,
              secondary.getScoreUnit()));
        }
      }
    }
    return sb.toString();
  }
}
