package io.github.hypergrad4j.bench.linalg;

import io.github.hypergrad4j.linalg.Kernels;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
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
 * y = A·x and y = Aᵀ·x for an m×n row-major matrix, 2mn flops and 8mn bytes of A per call, on the
 * Vector API; {@link GemvScalarBenchmark} is the same forced to plain Java. The shapes: 1000×1000
 * and 2000×500 (8 MB: in L3, not L2 — 2000×500 is the data matrix of the d = 500 hypergradient),
 * 2000×2000 (32 MB: the size of L3). {@link #streamRead} is the yardstick: a sum over A with four
 * vector accumulators, the rate at which one core can read A from where it sits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemvBenchmark {

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

  /** Rows × columns of A. */
  @Param({"1000x1000", "2000x500", "2000x2000"})
  public String shape;

  private int m;
  private int n;
  private double[] a;
  private double[] x;
  private double[] y;
  private double[] xt;
  private double[] yt;

  @Setup
  public void setUp() {
    String[] mn = shape.split("x");
    m = Integer.parseInt(mn[0]);
    n = Integer.parseInt(mn[1]);
    Random r = new Random(5);
    a = new double[m * n];
    x = new double[n];
    y = new double[m];
    xt = new double[m];
    yt = new double[n];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextGaussian();
    }
    for (int i = 0; i < n; i++) {
      x[i] = r.nextGaussian();
    }
    for (int i = 0; i < m; i++) {
      xt[i] = r.nextGaussian();
    }
  }

  @Benchmark
  public double[] gemv(WorkCounters work) {
    Kernels.gemv(m, n, 1.0, a, x, 0.0, y);
    work.flops += 2L * m * n;
    work.bytes += 8L * m * n;
    return y;
  }

  @Benchmark
  public double[] gemvTransposed(WorkCounters work) {
    Kernels.gemvTransposed(m, n, 1.0, a, xt, 0.0, yt);
    work.flops += 2L * m * n;
    work.bytes += 8L * m * n;
    return yt;
  }

  /** Σ aᵢ over A with four independent vector accumulators: the read-bandwidth reference. */
  @Benchmark
  public double streamRead(WorkCounters work) {
    int l = S.length();
    int bound = a.length - a.length % (4 * l);
    DoubleVector s0 = DoubleVector.zero(S);
    DoubleVector s1 = s0, s2 = s0, s3 = s0;
    for (int i = 0; i < bound; i += 4 * l) {
      s0 = s0.add(DoubleVector.fromArray(S, a, i));
      s1 = s1.add(DoubleVector.fromArray(S, a, i + l));
      s2 = s2.add(DoubleVector.fromArray(S, a, i + 2 * l));
      s3 = s3.add(DoubleVector.fromArray(S, a, i + 3 * l));
    }
    double s = s0.add(s1).add(s2).add(s3).reduceLanes(VectorOperators.ADD);
    for (int i = bound; i < a.length; i++) {
      s += a[i];
    }
    work.bytes += 8L * a.length;
    return s;
  }
}
