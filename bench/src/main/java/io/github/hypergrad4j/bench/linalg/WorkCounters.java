package io.github.hypergrad4j.bench.linalg;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Work done per benchmark call, reported by JMH as rates beside the primary score: with the
 * throughput mode and seconds as the unit, {@code flops} reads as FLOP/s and {@code bytes} as
 * bytes/s (nominal traffic: each array element read or written once).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class WorkCounters {

  /** Floating-point operations (a fused multiply-add counts 2). */
  public long flops;

  /** Bytes read plus bytes written by the kernel, counting each element once. */
  public long bytes;

  /** Cleared before each iteration so that the rates are per iteration. */
  @Setup(Level.Iteration)
  public void clear() {
    flops = 0;
    bytes = 0;
  }
}
