package io.github.hypergrad4j.linalg.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sum of a vector's lanes in a fixed order, lane 0 first. {@code reduceLanes(ADD)} is free to
 * add the lanes in any order, and the JIT-compiled and interpreted forms of it do differ (JDK 25:
 * a different result after a few thousand calls of the same dot product), which would make the
 * kernels' results depend on how warm the JVM is. This keeps them bit-identical for the same
 * inputs, at the cost of L dependent scalar additions per reduction.
 *
 * <p>For the usual lane counts the lanes are read with {@code lane(k)} (register extracts) rather
 * than stored to an array and loaded back: same additions in the same order, so the same bits, but
 * no round trip through memory (a vector store read back as scalars waits for the store). That
 * round trip at the end of every row cost the matrix-vector products about 15 % of their time with
 * an 8 MB matrix in L3 (gemv 2000×500: 99 → 85 µs, JDK 25, one thread).
 */
final class Lanes {

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private Lanes() {}

  /** (((0 + v₀) + v₁) + v₂) + … in lane order. */
  static double sum(DoubleVector v) {
    if (L == 8) {
      return (((((((0.0 + v.lane(0)) + v.lane(1)) + v.lane(2)) + v.lane(3)) + v.lane(4)) + v.lane(5))
          + v.lane(6)) + v.lane(7);
    }
    if (L == 4) {
      return (((0.0 + v.lane(0)) + v.lane(1)) + v.lane(2)) + v.lane(3);
    }
    if (L == 2) {
      return (0.0 + v.lane(0)) + v.lane(1);
    }
    double[] lanes = new double[L];
    v.intoArray(lanes, 0);
    double s = 0.0;
    for (int i = 0; i < L; i++) {
      s += lanes[i];
    }
    return s;
  }
}
