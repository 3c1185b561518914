package io.github.hypergrad4j.bench.cli;

import java.io.IOException;
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
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code bench}: runs the JMH suites (all, or those matching the given patterns), writes JMH's
 * JSON and a short table of scores and rates beside it, and says where they went.
 */
final class BenchCommand {

  static final String HELP = """
      usage: hypergrad4j bench [options] [PATTERN...]

      Runs the JMH benchmarks whose names match the regular expressions given (all when none),
      each in its own JVM, one after the other: run it alone on the machine. Results go to
      DIR/jmh-<time>.json (JMH's JSON) and DIR/jmh-<time>.txt (a table).

      suites: bench.linalg (kernels, ~7 min), bench.autodiff (loss/gradient/HVP, ~9 min),
              bench.ihvp (solvers, ~8 min); all of them take about 21 minutes.
      The benchmarks run on the JDK that runs this command (JAVA_HOME, else java on the PATH).

      options:
        --out DIR    where the results go (default: bench-results)
        --quick      1 warm-up and 2 measured iterations of 0.5 s each (a smoke run; noisy)
        --list       list the benchmarks and stop
        --help       this text
      """;

  private BenchCommand() {}

  static int run(String[] args, PrintStream out) {
    CommandLine cl = new CommandLine("bench", args, Set.of("out"), Set.of("quick", "list", "help"));
    if (cl.has("help")) {
      out.print(HELP);
      return 0;
    }
    ChainedOptionsBuilder options = new OptionsBuilder();
    List<String> patterns = cl.positional();
    if (patterns.isEmpty()) {
      options.include("io.github.hypergrad4j.bench.");
    }
    for (String p : patterns) {
      options.include(p);
    }
    if (cl.has("list")) {
      try {
        new Runner(options.build()).list();
      } catch (RuntimeException e) {
        throw new UsageException("bench: " + e.getMessage());
      }
      return 0;
    }
    Path dir = Path.of(cl.string("out", "bench-results"));
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path json = dir.resolve("jmh-" + stamp + ".json");
    Path table = dir.resolve("jmh-" + stamp + ".txt");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UsageException("bench: cannot create " + dir + ": " + e.getMessage());
    }
    options.resultFormat(ResultFormatType.JSON).result(json.toString());
    if (Runtime.version().feature() >= 23) {
      // JMH reads fields through sun.misc.Unsafe, which JDK 23+ warns about in every forked JVM.
      options.jvmArgsPrepend("--sun-misc-unsafe-memory-access=allow");
    }
    if (cl.has("quick")) {
      options.warmupIterations(1).measurementIterations(2)
          .warmupTime(TimeValue.milliseconds(500)).measurementTime(TimeValue.milliseconds(500));
    }
    out.println("benchmarks run on " + System.getProperty("java.vm.name") + " " + Runtime.version()
        + " (" + System.getProperty("java.home") + "); set JAVA_HOME to measure on another JDK");
    Collection<RunResult> results;
    try {
      results = new Runner(options.build()).run();
    } catch (RunnerException e) {
      throw new UsageException("bench: JMH failed: " + e.getMessage());
    }
    if (results.isEmpty()) {
      throw new UsageException("bench: no benchmark matches " + patterns + " (try 'bench --list')");
    }
    try (Writer w = Files.newBufferedWriter(table, StandardCharsets.UTF_8)) {
      w.write(table(results));
    } catch (IOException e) {
      throw new UsageException("bench: cannot write " + table + ": " + e.getMessage());
    }
    out.println();
    out.print(table(results));
    out.println("results: " + json.toAbsolutePath());
    out.println("table:   " + table.toAbsolutePath());
    return 0;
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
      for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
        double v = e.getValue().getScore();
        if (v != 0) {
          sb.append(String.format(Locale.ROOT, "%-62s %-22s %14.4g %s%n", "  :" + e.getKey(), "", v,
              e.getValue().getScoreUnit()));
        }
      }
    }
    return sb.toString();
  }
}
