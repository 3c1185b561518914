package io.github.hypergrad4j.bench.ihvp;

import io.github.hypergrad4j.ihvp.ExactSolver;
import io.github.hypergrad4j.ihvp.IhvpResult;
import io.github.hypergrad4j.ihvp.SolverOptions;
import io.github.hypergrad4j.linalg.DenseMatrixOperator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of the exact solver on the operator of {@link SolveTimeBenchmark}: n products to
 * materialise A, then EJML's Cholesky (n³/3 flops). Only n = 100 and 1000: at n = 4000 the n
 * products alone take tens of seconds and the default size limit (2000) refuses the problem.
 * About 30 seconds in all (2 configurations, 1 warm-up and 3 measurement iterations of 2 s).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ExactSolveBenchmark {

  @Param({"100", "1000"})
  public int n;

  private DenseMatrixOperator operator;
  private double[] b;

  @Setup
  public void setUp() {
    Random random = new Random(11);
    operator = SolveTimeBenchmark.shiftedWigner(n, random);
    b = new double[n];
    for (int i = 0; i < n; i++) {
      b[i] = random.nextGaussian();
    }
  }

  @Benchmark
  public IhvpResult exact(SolveCounters counters) {
    return counters.record(new ExactSolver().solve(operator, b, SolverOptions.defaults()));
  }
}
