package io.github.hypergrad4j.bench.perf;

/**
 * Numbers that the Java side and the PyTorch side of the comparison ({@code bench/perf/}) both
 * compute bit for bit, so that the two can be checked to solve the same problem: element k of
 * stream s (k &lt; 2⁴⁰) is u = (z &gt;&gt;&gt; 11)·2⁻⁵³ for z the SplitMix64 output (Steele, Lea and
 * Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014) of the state (s·2⁴⁰ + k +
 * 1)·γ (γ = 0x9E3779B97F4A7C15, mod 2⁶⁴; distinct counters give distinct states, γ being odd): a
 * double in [0, 1) with 53 random bits, computed with 64-bit integer arithmetic only; {@code
 * bench/perf/torch_side.py} computes the same with numpy's uint64.
 */
final class SharedData {

  private static final long GAMMA = 0x9E3779B97F4A7C15L;

  private SharedData() {}

  /** Element {@code k} of stream {@code stream}: a double in [0, 1). */
  static double uniform(long stream, long k) {
    long z = ((stream << 40) + k + 1) * GAMMA;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53;
  }

  /** {@code length} elements of the stream mapped to lo + (hi − lo)·u (exact for the maps used here). */
  static double[] uniform(long stream, int length, double lo, double hi) {
    double[] v = new double[length];
    for (int k = 0; k < length; k++) {
      v[k] = lo + (hi - lo) * uniform(stream, k);
    }
    return v;
  }

  /** {@code length} labels in {0, 1}: 1 where the stream's u &lt; 1/2. */
  static double[] labels(long stream, int length) {
    double[] y = new double[length];
    for (int k = 0; k < length; k++) {
      y[k] = uniform(stream, k) < 0.5 ? 1 : 0;
    }
    return y;
  }
}
