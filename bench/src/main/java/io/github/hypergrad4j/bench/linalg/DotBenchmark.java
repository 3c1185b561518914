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
 * The dot product against the memory system: {@code dot} (the facade on the Vector API), {@code
 * dotScalar} (the same facade forced to plain Java in its own JVM) and {@code arrayCopy}
 * ({@code System.arraycopy} of the same length, the bandwidth yardstick). Both dot and copy move
 * 16n bytes per call (dot reads two arrays; copy reads one and writes one), so at n = 10⁷ — 160
 * MB, far beyond the caches — their {@code bytes} rates compare directly; {@code sumOfBoth} reads
 * the same bytes as dot with no multiplication, the ceiling for a kernel that only reads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class DotBenchmark {

  @Param({"1000", "10000", "100000", "10000000"})
  public int n;

  private double[] x;
  private double[] y;
  private double[] dst;

  @Setup
  public void setUp() {
    Random r = new Random(42);
    x = new double[n];
    y = new double[n];
    dst = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextDouble();
      y[i] = r.nextDouble();
    }
  }

  @Benchmark
  public double dot(WorkCounters work) {
    work.flops += 2L * n;
    work.bytes += 16L * n;
    return Kernels.dot(x, y);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dhypergrad4j.linalg.scalar=true"})
  public double dotScalar(WorkCounters work) {
    work.flops += 2L * n;
    work.bytes += 16L * n;
    return Kernels.dot(x, y);
  }

  /**
   * The read ceiling: the same 16n bytes as dot, read by two sums and no multiplication. Where
   * this is no faster than dot, dot runs at the memory's read bandwidth.
   */
  @Benchmark
  public double sumOfBoth(WorkCounters work) {
    work.bytes += 16L * n;
    return Kernels.sum(x) + Kernels.sum(y);
  }

  @Benchmark
  public double[] arrayCopy(WorkCounters work) {
    work.bytes += 16L * n;
    System.arraycopy(x, 0, dst, 0, n);
    return dst;
  }
}
