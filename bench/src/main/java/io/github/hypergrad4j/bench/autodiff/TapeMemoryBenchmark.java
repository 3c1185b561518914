package io.github.hypergrad4j.bench.autodiff;

import io.github.hypergrad4j.autodiff.Tape;
import io.github.hypergrad4j.autodiff.Tensor;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Memory the tape retains per recorded node: a chain of 200,000 operations on scalars is recorded
 * (forward only, so adjoints are not counted), and the heap in use after full collections is
 * compared before and after. The secondary metrics are bytes per node in all, and bytes per node
 * beyond the values themselves (8 bytes of data per scalar result): that is the price of the
 * node, its output tensor object and the array header. The timing score is irrelevant here.
 */
@BenchmarkMode(Mode.SingleShotTime)
@Warmup(iterations = 1)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class TapeMemoryBenchmark {

  static final int NODES = 200_000;

  /**
   * Reported as plain numbers (not rates). JMH sums event counters over the measured iterations,
   * so there is exactly one.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Retained {
    public long bytesPerNode;
    public long bytesPerNodeBeyondValues;
  }

  @Benchmark
  public Object recordChain(Retained retained) {
    long before = usedAfterCollection();
    Tape tape = new Tape();
    Tensor x = tape.variable(0.5);
    Tensor c = tape.constant(0.1);
    Tensor y = x;
    for (int i = 0; i < NODES; i++) {
      y = (i & 1) == 0 ? y.mul(x) : y.add(c);
    }
    long after = usedAfterCollection();
    long perNode = (after - before) / NODES;
    retained.bytesPerNode = perNode;
    retained.bytesPerNodeBeyondValues = perNode - Double.BYTES;
    return new Object[] {tape, y};
  }

  private static long usedAfterCollection() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
