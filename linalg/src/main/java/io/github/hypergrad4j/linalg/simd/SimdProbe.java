package io.github.hypergrad4j.linalg.simd;

import jdk.incubator.vector.DoubleVector;

/**
 * Reports the width of the preferred {@code DoubleVector} species. Kept apart from {@link
 * SimdBackend} so that asking costs nothing more than loading the Vector API.
 */
public final class SimdProbe {

  private SimdProbe() {}

  /** Bits in the JVM's preferred double vector on this CPU (e.g. 256 for AVX2, 512 for AVX-512). */
  public static int preferredVectorBits() {
    return DoubleVector.SPECIES_PREFERRED.vectorBitSize();
  }
}
