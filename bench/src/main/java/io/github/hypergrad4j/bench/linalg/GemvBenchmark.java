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
 * y = A·x and y = Aᵀ·x for a 1000×1000 matrix (8 MB: in L3, not L2), 2n² flops and 8n² bytes
 * of A per call, on the Vector API; {@link GemvScalarBenchmark} is the same forced to plain Java.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemvBenchmark {

  @Param({"1000"})
  public int n;

  private double[] a;
  private double[] x;
  private double[] y;

  @Setup
  public void setUp() {
    Random r = new Random(5);
    a = new double[n * n];
    x = new double[n];
    y = new double[n];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextGaussian();
    }
    for (int i = 0; i < n; i++) {
      x[i] = r.nextGaussian();
    }
  }

  @Benchmark
  public double[] gemv(WorkCounters work) {
    Kernels.gemv(n, n, 1.0, a, x, 0.0, y);
    work.flops += 2L * n * n;
    work.bytes += 8L * n * n;
    return y;
  }

  @Benchmark
  public double[] gemvTransposed(WorkCounters work) {
    Kernels.gemvTransposed(n, n, 1.0, a, x, 0.0, y);
    work.flops += 2L * n * n;
    work.bytes += 8L * n * n;
    return y;
  }
}
