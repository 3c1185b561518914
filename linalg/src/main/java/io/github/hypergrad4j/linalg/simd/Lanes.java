package io.github.hypergrad4j.linalg.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sum of a vector's lanes in a fixed order, lane 0 first. {@code reduceLanes(ADD)} is free to
 * add the lanes in any order, and the JIT-compiled and interpreted forms of it do differ (JDK 25:
 * a different result after a few thousand calls of the same dot product), which would make the
 * kernels' results depend on how warm the JVM is. This keeps them bit-identical for the same
 * inputs, at the cost of L scalar additions per reduction.
 */
final class Lanes {

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private Lanes() {}

  /** ((v₀ + v₁) + v₂) + … in lane order. */
  static double sum(DoubleVector v) {
    double[] lanes = new double[L];
    v.intoArray(lanes, 0);
    double s = 0.0;
    for (int i = 0; i < L; i++) {
      s += lanes[i];
    }
    return s;
  }
}
