package io.github.hypergrad4j.linalg.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.hypergrad4j.linalg.simd.SimdBackend;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The same inputs give bit-identical outputs however warm the JVM is: each kernel's first result
 * (interpreted) is compared with its results after thousands of calls (compiled by C1, then C2).
 * The Vector API's lane-wise transcendental functions and its {@code reduceLanes(ADD)} fail this
 * (their compiled forms round differently), which is why the kernels do not use them: lane sums
 * run in a fixed order, and exp, tanh and σ are the kernels' own, built from exactly rounded
 * operations.
 */
class DeterminismTest {

  private static final int WARM_CALLS = 20_000;

  private static void assertStable(String name, Supplier<double[]> kernel) {
    double[] first = kernel.get();
    for (int i = 0; i < WARM_CALLS; i++) {
      double[] again = kernel.get();
      if (i % 997 == 0 || i == WARM_CALLS - 1) {
        assertArrayEquals(first, again, 0.0, name + " changed after " + i + " calls");
      }
    }
    assertArrayEquals(first, kernel.get(), 0.0, name + " changed once warm");
  }

  @Test
  void simdKernelsAreBitIdenticalAcrossCompilation() {
    Backend simd = new SimdBackend();
    Random r = new Random(9);
    int n = 1003;
    double[] x = new double[n];
    double[] y = new double[n];
    double[] a = new double[7 * n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextGaussian();
      y[i] = 3 * r.nextGaussian();
    }
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextGaussian();
    }
    assertStable("dot", () -> new double[] {simd.dot(n, x, 0, y, 0)});
    assertStable("sum", () -> new double[] {simd.sum(n, y, 0)});
    assertStable("sumOfScaledSquares", () -> new double[] {simd.sumOfScaledSquares(n, x, 0, 0.5)});
    assertStable("gemv", () -> {
      double[] out = new double[7];
      simd.gemv(7, n, 1.0, a, x, 0.0, out);
      return out;
    });
    assertStable("gemvColumns", () -> {
      double[] out = new double[14];
      double[] b = new double[2 * n];
      System.arraycopy(x, 0, b, 0, n);
      System.arraycopy(y, 0, b, n, n);
      simd.gemvColumns(7, n, 2, 1.0, a, b, 0.0, out);
      return out;
    });
    for (ElementwiseFunction f : ElementwiseFunction.values()) {
      double[] in = f == ElementwiseFunction.LOG || f == ElementwiseFunction.LOG1P ? absolute(x) : y;
      assertStable(f.name(), () -> {
        double[] out = new double[n];
        simd.map(f, n, in, 0, out, 0);
        return out;
      });
    }
  }

  private static double[] absolute(double[] v) {
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = Math.abs(v[i]) + 0.1;
    }
    return r;
  }

  @Test
  void logFunctionsAreTheScalarDefinitionsOnBothPaths() {
    Backend simd = new SimdBackend();
    double[] x = {1e-300, 1e-9, 0.5, 1, 2, 40, 800, 1e300, 3};
    for (ElementwiseFunction f : new ElementwiseFunction[] {
        ElementwiseFunction.LOG, ElementwiseFunction.LOG1P, ElementwiseFunction.SOFTPLUS}) {
      double[] v = new double[x.length];
      simd.map(f, x.length, x, 0, v, 0);
      for (int i = 0; i < x.length; i++) {
        assertEquals(f.apply(x[i]), v[i], 0.0, f + " at " + x[i]);
      }
    }
  }
}
