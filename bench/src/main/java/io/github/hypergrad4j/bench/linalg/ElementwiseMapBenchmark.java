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
 * The element-wise exp, tanh and σ of {@link Kernels} (on the Vector API: the deterministic
 * vector versions in {@code linalg.simd}) against a plain loop calling {@link Math} per element,
 * in the same JVM, at n = 10⁴ with arguments drawn from N(0, 3²) (the range a tanh layer or a
 * logistic loss sees). Reported as time per call; divide by n for time per element.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ElementwiseMapBenchmark {

  @Param({"10000"})
  public int n;

  private double[] x;
  private double[] out;

  @Setup
  public void setUp() {
    Random r = new Random(5);
    x = new double[n];
    out = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 3 * r.nextGaussian();
    }
  }

  @Benchmark
  public double[] expKernel() {
    Kernels.exp(x, out);
    return out;
  }

  @Benchmark
  public double[] expMathLoop() {
    for (int i = 0; i < n; i++) {
      out[i] = Math.exp(x[i]);
    }
    return out;
  }

  @Benchmark
  public double[] tanhKernel() {
    Kernels.tanh(x, out);
    return out;
  }

  @Benchmark
  public double[] tanhMathLoop() {
    for (int i = 0; i < n; i++) {
      out[i] = Math.tanh(x[i]);
    }
    return out;
  }

  @Benchmark
  public double[] sigmoidKernel() {
    Kernels.sigmoid(x, out);
    return out;
  }

  /** σ as the plain-Java path computes it: e^{−|x|} once, no overflow. */
  @Benchmark
  public double[] sigmoidMathLoop() {
    for (int i = 0; i < n; i++) {
      double e = Math.exp(-Math.abs(x[i]));
      double r = 1 / (1 + e);
      out[i] = x[i] >= 0 ? r : e * r;
    }
    return out;
  }
}
