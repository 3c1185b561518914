package io.github.hypergrad4j.bench.linalg;

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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The single-core FMA peak of this machine, the yardstick of the matrix product: twelve
 * independent chains of vector fused multiply-adds on the preferred species, no memory traffic.
 * Twelve chains exceed latency × throughput of the FMA units on current x86 cores (4 cycles × 2
 * units), so the loop runs at the issue rate. It measures the CPU, not hypergrad4j, which is why
 * it and {@link GemvBenchmark#streamRead} are the places outside {@code linalg}'s SIMD package
 * that name the Vector API.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dhypergrad4j.linalg.threads=1"})
public class FmaPeakBenchmark {

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int STEPS = 4096;

  public double a = 0.999999;
  public double b = 1e-9;

  @Benchmark
  public double fmaChains(WorkCounters work) {
    DoubleVector va = DoubleVector.broadcast(S, a);
    DoubleVector vb = DoubleVector.broadcast(S, b);
    DoubleVector c0 = DoubleVector.broadcast(S, 1.0);
    DoubleVector c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
    DoubleVector c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
    for (int i = 0; i < STEPS; i++) {
      c0 = c0.fma(va, vb);
      c1 = c1.fma(va, vb);
      c2 = c2.fma(va, vb);
      c3 = c3.fma(va, vb);
      c4 = c4.fma(va, vb);
      c5 = c5.fma(va, vb);
      c6 = c6.fma(va, vb);
      c7 = c7.fma(va, vb);
      c8 = c8.fma(va, vb);
      c9 = c9.fma(va, vb);
      c10 = c10.fma(va, vb);
      c11 = c11.fma(va, vb);
    }
    work.flops += 2L * 12 * S.length() * STEPS;
    return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10)
        .add(c11).reduceLanes(VectorOperators.ADD);
  }
}
