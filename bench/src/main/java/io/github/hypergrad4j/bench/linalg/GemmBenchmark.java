package io.github.hypergrad4j.bench.linalg;

import io.github.hypergrad4j.linalg.Kernels;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
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
 * C = A·B for square n×n matrices, 2n³ flops: the packed SIMD product on one thread ({@code
 * simd}) and on two ({@code simdTwoThreads}), the same packed product on the plain-Java
 * micro-kernel ({@code scalar}), and EJML's {@code CommonOps_DDRM.mult} ({@code ejml}). Each
 * variant runs in its own JVM with the system properties that select it; compare the {@code
 * flops} rates with {@link FmaPeakBenchmark} from the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dhypergrad4j.linalg.threads=1"})
public class GemmBenchmark {

  @Param({"256", "512", "1024"})
  public int n;

  private double[] a;
  private double[] b;
  private double[] c;
  private DMatrixRMaj ea;
  private DMatrixRMaj eb;
  private DMatrixRMaj ec;

  @Setup
  public void setUp() {
    Random r = new Random(7);
    a = new double[n * n];
    b = new double[n * n];
    c = new double[n * n];
    for (int i = 0; i < n * n; i++) {
      a[i] = r.nextGaussian();
      b[i] = r.nextGaussian();
    }
    ea = new DMatrixRMaj(n, n, true, a);
    eb = new DMatrixRMaj(n, n, true, b);
    ec = new DMatrixRMaj(n, n);
  }

  private long flops() {
    return 2L * n * n * n;
  }

  @Benchmark
  public double[] simd(WorkCounters work) {
    Kernels.gemm(n, n, n, 1.0, a, b, 0.0, c);
    work.flops += flops();
    return c;
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dhypergrad4j.linalg.threads=2"})
  public double[] simdTwoThreads(WorkCounters work) {
    Kernels.gemm(n, n, n, 1.0, a, b, 0.0, c);
    work.flops += flops();
    return c;
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dhypergrad4j.linalg.threads=1",
      "-Dhypergrad4j.linalg.scalar=true"})
  public double[] scalar(WorkCounters work) {
    Kernels.gemm(n, n, n, 1.0, a, b, 0.0, c);
    work.flops += flops();
    return c;
  }

  @Benchmark
  public DMatrixRMaj ejml(WorkCounters work) {
    CommonOps_DDRM.mult(ea, eb, ec);
    work.flops += flops();
    return ec;
  }
}
