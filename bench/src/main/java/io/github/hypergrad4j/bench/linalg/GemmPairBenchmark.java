package io.github.hypergrad4j.bench.linalg;

import io.github.hypergrad4j.linalg.Kernels;
import io.github.hypergrad4j.linalg.PairedProducts;
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
 * X·W and X·Ẇ, the two products of a Hessian-vector product's first layer (X n×n, W and Ẇ n×n),
 * as one {@code PairedProducts.gemmPair} ({@code pair}) and as two {@code gemm} calls ({@code
 * separate}), one thread, in the same JVM; the results are bit-identical. n = 30 and 1000 are
 * the widths of {@code MlpBenchmark}'s smallest and largest network (n = 30 with 1000 rows).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dhypergrad4j.linalg.threads=1"})
public class GemmPairBenchmark {

  @Param({"30", "1000"})
  public int width;

  private final int rows = 1000;
  private double[] x;
  private double[] w;
  private double[] wDot;
  private double[] c;
  private double[] cDot;

  @Setup
  public void setUp() {
    Random r = new Random(3);
    x = gaussian(r, rows * width);
    w = gaussian(r, width * width);
    wDot = gaussian(r, width * width);
    c = new double[rows * width];
    cDot = new double[rows * width];
  }

  private static double[] gaussian(Random r, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextGaussian();
    }
    return v;
  }

  @Benchmark
  public double[] pair() {
    PairedProducts.gemmPair(rows, width, width, 1.0, x, w, wDot, 0.0, c, cDot);
    return cDot;
  }

  @Benchmark
  public double[] separate() {
    Kernels.gemm(rows, width, width, 1.0, x, w, 0.0, c);
    Kernels.gemm(rows, width, width, 1.0, x, wDot, 0.0, cDot);
    return cDot;
  }
}
