package io.github.hypergrad4j.linalg.internal;

import java.lang.reflect.InvocationTargetException;

/**
 * Chooses, once, the kernel implementation for this JVM.
 *
 * <p>The SIMD kernels are used when all of these hold: the system property {@value
 * #FORCE_SCALAR_PROPERTY} is not {@code true}; the module {@code jdk.incubator.vector} is resolved
 * (the JVM was started with {@code --add-modules jdk.incubator.vector}); and the preferred
 * {@code DoubleVector} species is at least {@value #MIN_VECTOR_BITS} bits wide. Otherwise the
 * plain-Java kernels run, and {@link Selection#reason()} says why.
 *
 * <p>No Vector API type is named here: the SIMD classes are reached by reflection only after the
 * module has been found, so this class (loaded by everyone) links without the incubator module.
 */
public final class BackendSelector {

  /** System property that, set to {@code true}, forces the plain-Java kernels. */
  public static final String FORCE_SCALAR_PROPERTY = "hypergrad4j.linalg.scalar";

  /** Narrowest preferred vector for which the SIMD kernels are chosen. */
  public static final int MIN_VECTOR_BITS = 256;

  private static final String VECTOR_MODULE = "jdk.incubator.vector";
  private static final String SIMD_PACKAGE = "io.github.hypergrad4j.linalg.simd.";

  /** The chosen implementation and a sentence on why it was chosen. */
  public record Selection(Backend backend, String reason) {}

  private BackendSelector() {}

  /** Applies the rules above to this JVM. */
  public static Selection select() {
    if (Boolean.getBoolean(FORCE_SCALAR_PROPERTY)) {
      return scalar("forced by -D" + FORCE_SCALAR_PROPERTY + "=true");
    }
    if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
      return scalar(VECTOR_MODULE + " is not resolved (start the JVM with --add-modules "
          + VECTOR_MODULE + " for SIMD)");
    }
    try {
      int bits = (Integer) Class.forName(SIMD_PACKAGE + "SimdProbe")
          .getMethod("preferredVectorBits").invoke(null);
      if (bits < MIN_VECTOR_BITS) {
        return scalar("the preferred vector is " + bits + " bits, below " + MIN_VECTOR_BITS);
      }
      Backend simd = (Backend) Class.forName(SIMD_PACKAGE + "SimdBackend")
          .getConstructor().newInstance();
      return new Selection(simd, "jdk.incubator.vector resolved, " + bits + "-bit vectors");
    } catch (ReflectiveOperationException | LinkageError e) {
      Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
      return scalar("the Vector API could not be used: " + cause);
    }
  }

  private static Selection scalar(String reason) {
    return new Selection(new ScalarBackend(), reason);
  }
}
