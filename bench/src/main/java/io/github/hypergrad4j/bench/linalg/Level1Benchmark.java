package io.github.hypergrad4j.bench.linalg;

import io.github.hypergrad4j.linalg.Kernels;
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
 * The vector kernels other than dot (axpy, nrm2, sum, Hadamard product) at n = 10⁴, arrays in
 * L2. This class runs the facade on the Vector API; {@link Level1ScalarBenchmark} runs the same
 * calls in a JVM forced to plain Java, so the two tables side by side give the SIMD speed-up of
 * each kernel. The axpy keeps its operand bounded by alternating the sign of a.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class Level1Benchmark {

  @Param({"10000"})
  public int n;

  private double[] x;
  private double[] y;
  private double[] out;
  private double a = 1e-3;

  @Setup
  public void setUp() {
    Random r = new Random(3);
    x = new double[n];
    y = new double[n];
    out = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextGaussian();
      y[i] = r.nextGaussian();
    }
  }

  @Benchmark
  public double[] axpy(WorkCounters work) {
    a = -a;
    Kernels.axpy(a, x, y);
    work.flops += 2L * n;
    return y;
  }

  @Benchmark
  public double nrm2(WorkCounters work) {
    work.flops += 2L * n;
    return Kernels.nrm2(x);
  }

  @Benchmark
  public double sum(WorkCounters work) {
    work.flops += n;
    return Kernels.sum(x);
  }

  @Benchmark
  public double[] hadamard(WorkCounters work) {
    Kernels.hadamard(x, y, out);
    work.flops += n;
    return out;
  }
}
