package io.github.hypergrad4j.bench.ihvp;

import io.github.hypergrad4j.ihvp.IhvpResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Relative error ‖x − x*‖/‖x*‖ against the number of products with A, for every solver of
 * {@link BudgetedSolver} at budgets 1, 2, 5, 10, 20, 50, 100 and condition numbers κ = 12, 58,
 * 311, on the n = 500 {@link KnownSpectrumProblem} (eigenvalues spread geometrically from 1 to
 * κ). The primary score is the time per solve; the error and the products actually spent are
 * secondary metrics ({@link AccuracyCounters}: {@code relativeError}, {@code applications}), and
 * each trial also appends one line to a CSV file — {@code ihvp-error-vs-applications.csv} in the
 * working directory, or the path in the system property {@code hypergrad4j.bench.csv} of the
 * forked JVM ({@code -jvmArgsAppend -Dhypergrad4j.bench.csv=…}) — with columns kappa, budget,
 * solver, applications, relative_error, status. (The same table, without
 * timings, comes in a second from {@link ErrorVersusApplicationsTable}.)
 *
 * <p>The target on κ = 12 and κ = 58: CG reaches relative error ≤ 10⁻² within 10 and 20
 * products respectively.
 *
 * <p>147 configurations (3 κ × 7 budgets × 7 solvers), each one fork with 1 warm-up and 2
 * measurement iterations of 200 ms: about 4–5 minutes in all.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 2, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ErrorVersusApplicationsBenchmark {

  /** System property naming the CSV file the trials append to. */
  public static final String CSV_PROPERTY = "hypergrad4j.bench.csv";

  static final int N = 500;

  @Param({"12", "58", "311"})
  public double kappa;

  @Param({"1", "2", "5", "10", "20", "50", "100"})
  public int budget;

  @Param
  public BudgetedSolver solver;

  private KnownSpectrumProblem problem;
  private IhvpResult first;

  @Setup(Level.Trial)
  public void setUp() {
    problem = new KnownSpectrumProblem(N, kappa, 1);
    first = solver.solve(problem, budget);
  }

  @Benchmark
  public IhvpResult solve(AccuracyCounters counters) {
    IhvpResult result = solver.solve(problem, budget);
    counters.record(problem.relativeError(result.x()), result.operatorApplications());
    return result;
  }

  /** Appends this trial's line (the solves are deterministic: every invocation gives it). */
  @TearDown(Level.Trial)
  public void appendCsv() {
    Path path = Path.of(System.getProperty(CSV_PROPERTY, "ihvp-error-vs-applications.csv"));
    try {
      if (!Files.exists(path)) {
        Files.writeString(path, ErrorVersusApplicationsTable.HEADER + "\n", StandardCharsets.UTF_8);
      }
      Files.writeString(path, ErrorVersusApplicationsTable.line(kappa, budget, solver, first,
          problem.relativeError(first.x())) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + path.toAbsolutePath(), e);
    }
  }

  static String format(double value) {
    return String.format(Locale.ROOT, "%.6e", value);
  }
}
