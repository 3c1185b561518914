package io.github.hypergrad4j.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Runs in the build's second test execution, whose JVM does NOT resolve {@code
 * jdk.incubator.vector}: the facade must load, say why it fell back, and compute correctly. This
 * proves that no class loaded on the way references a Vector API type.
 */
class ScalarFallbackTest {

  @Test
  void facadeFallsBackToPlainJavaAndSaysWhy() {
    assertFalse(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
        "this test belongs to the execution without the vector module");
    assertFalse(Kernels.isSimd());
    assertTrue(Kernels.implementation().startsWith("scalar: jdk.incubator.vector is not resolved"),
        Kernels.implementation());
  }

  @Test
  void kernelsWorkWithoutTheVectorModule() {
    double[] a = new double[64 * 64];
    double[] b = new double[64 * 64];
    for (int i = 0; i < 64; i++) {
      a[i * 64 + i] = 2.0; // 2I
      for (int j = 0; j < 64; j++) {
        b[i * 64 + j] = i - j;
      }
    }
    double[] c = new double[64 * 64];
    Kernels.gemm(64, 64, 64, 1.0, a, b, 0.0, c);
    for (int i = 0; i < b.length; i++) {
      b[i] *= 2;
    }
    assertArrayEquals(b, c, 0.0);
    assertEquals(5.0, Kernels.nrm2(new double[] {3, 4}), 0.0);
  }
}
