package io.github.hypergrad4j.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.hypergrad4j.linalg.internal.BackendSelector;
import io.github.hypergrad4j.linalg.internal.ScalarBackend;
import io.github.hypergrad4j.linalg.simd.SimdProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Runs with {@code --add-modules jdk.incubator.vector}: the facade must be on the SIMD path. */
class SimdSelectionTest {

  @Test
  void simdIsSelectedWhenTheVectorModuleIsResolved() {
    assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
        "surefire must start the test JVM with --add-modules jdk.incubator.vector");
    assumeTrue(SimdProbe.preferredVectorBits() >= BackendSelector.MIN_VECTOR_BITS,
        "this CPU has no 256-bit vectors");
    assertTrue(Kernels.isSimd(), Kernels.implementation());
    assertTrue(Kernels.implementation().startsWith("simd ("), Kernels.implementation());
  }

  @Test
  @ResourceLock("system-properties")
  void systemPropertyForcesScalar() {
    String key = BackendSelector.FORCE_SCALAR_PROPERTY;
    String before = System.getProperty(key);
    try {
      System.setProperty(key, "true");
      BackendSelector.Selection forced = BackendSelector.select();
      assertTrue(forced.backend() instanceof ScalarBackend);
      assertTrue(forced.reason().contains(key), forced.reason());
      System.setProperty(key, "false");
      assumeTrue(SimdProbe.preferredVectorBits() >= BackendSelector.MIN_VECTOR_BITS);
      assertFalse(BackendSelector.select().backend() instanceof ScalarBackend);
    } finally {
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
    }
    assertEquals(before, System.getProperty(key));
  }
}
