package io.github.hypergrad4j.bench.autodiff;

import io.github.hypergrad4j.autodiff.Tape;
import io.github.hypergrad4j.autodiff.Tensor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fixed cost of the tape: a chain of 1000 operations on tiny tensors (a scalar, or a
 * 4-vector), recorded forward and run backward; the score is the time per node (forward +
 * backward), where the arithmetic itself is negligible. The chain cycles through mul, add, tanh
 * and scale so that it stays bounded. PyTorch spends about 4.3 µs per operation on such chains.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TapeOverheadBenchmark {

  static final int NODES = 1000;

  @Param({"1", "4"})
  public int size;

  @Benchmark
  @OperationsPerInvocation(NODES)
  public double chainForwardBackward() {
    Tape tape = new Tape();
    double[] start = new double[size];
    java.util.Arrays.fill(start, 0.3);
    Tensor x = tape.variable(start);
    Tensor c = tape.constant(new double[size]);
    Tensor y = x;
    for (int i = 0; i < NODES - 1; i++) {
      y = switch (i & 3) {
        case 0 -> y.mul(x);
        case 1 -> y.add(c);
        case 2 -> y.tanh();
        default -> y.scale(0.9);
      };
    }
    tape.backward(y.sum());
    return x.grad()[0];
  }
}
