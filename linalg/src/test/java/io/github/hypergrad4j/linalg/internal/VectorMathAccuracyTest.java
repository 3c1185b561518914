package io.github.hypergrad4j.linalg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.linalg.simd.SimdBackend;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SIMD path's own exp, tanh and σ against {@link Math} on 2·10⁵ points in each of several
 * ranges (the small-argument branch of tanh, the reduction boundaries of exp, the ranges where
 * results overflow, underflow or saturate): exp within 1 ulp of Math, tanh within 2 (1 − 2/(e + 1)
 * rounds twice), σ within 4 ulps of the same formula evaluated with Math.exp (its roundings
 * compound).
 */
class VectorMathAccuracyTest {

  private static double ulps(double got, double reference) {
    if (reference == 0.0 || Double.isInfinite(reference) || Double.isNaN(reference)) {
      return Double.compare(got, reference) == 0 || got == reference ? 0.0 : Double.POSITIVE_INFINITY;
    }
    return Math.abs(got - reference) / Math.ulp(reference);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.001, 0.7, 1.5, 5, 25, 60, 720, 760})
  void withinAFewUlpsOfMath(double range) {
    Backend simd = new SimdBackend();
    Random r = new Random(Double.doubleToLongBits(range));
    int n = 200_003;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = (2 * r.nextDouble() - 1) * range;
    }
    x[0] = -0.0;
    x[1] = 0.0;
    double[][] out = new double[3][n];
    simd.map(ElementwiseFunction.EXP, n, x, 0, out[0], 0);
    simd.map(ElementwiseFunction.TANH, n, x, 0, out[1], 0);
    simd.map(ElementwiseFunction.SIGMOID, n, x, 0, out[2], 0);
    double worstExp = 0;
    double worstTanh = 0;
    double worstSigmoid = 0;
    for (int i = 0; i < n; i++) {
      worstExp = Math.max(worstExp, ulps(out[0][i], Math.exp(x[i])));
      worstTanh = Math.max(worstTanh, ulps(out[1][i], Math.tanh(x[i])));
      worstSigmoid = Math.max(worstSigmoid, ulps(out[2][i], ElementwiseFunction.SIGMOID.apply(x[i])));
    }
    assertTrue(worstExp <= 1, "exp: " + worstExp + " ulps in range " + range);
    assertTrue(worstTanh <= 2, "tanh: " + worstTanh + " ulps in range " + range);
    assertTrue(worstSigmoid <= 4, "sigmoid: " + worstSigmoid + " ulps in range " + range);
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(out[1][0]), "tanh(-0) = -0");
  }
}
