package io.github.hypergrad4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The matrix product at sizes where the kernels pack (above 32³ multiply-adds, more than four
 * columns), so that the value and its tangent, and each adjoint and one term of its tangent, run as
 * paired products ({@code PairedProducts.gemmPair}). The generic gradchecks use small shapes, which take
 * the unpacked path; here f(A, B) = Σ W ⊙ tanh(op(A)·op(B)) is checked to second order against
 * central differences of the gradient, with the tangent on A, on B and on both (the symmetry
 * check), for the three forms.
 */
class PackedMatMulTest {

  private static final int M = 37;
  private static final int K = 41;
  private static final int N = 45;

  private static TensorFunction product(MatMul.Form form, double[] weights) {
    return in -> {
      Tensor c = switch (form) {
        case AB -> in[0].reshape(M, K).matmul(in[1].reshape(K, N));
        case ATB -> in[0].reshape(K, M).transposeMatmul(in[1].reshape(K, N));
        case ABT -> in[0].reshape(M, K).matmulTranspose(in[1].reshape(N, K));
      };
      return c.tanh().mul(in[0].tape().constant(weights, c.shape())).sum();
    };
  }

  @ParameterizedTest
  @EnumSource(MatMul.Form.class)
  void pairedProductsGiveExactSecondDerivatives(MatMul.Form form) {
    Random r = new Random(form.ordinal() + 17);
    double[] weights = Models.gaussian(r, M * N, 1.0);
    double[][] point = {Models.gaussian(r, M * K, 0.2), Models.gaussian(r, K * N, 0.2)};
    TensorFunction f = product(form, weights);
    GradCheckReport report = GradCheck.secondOrder(f, point, 5);
    assertTrue(report.passed(1e-6), () -> form + ": " + report);
    // the gradient part of a sweep is the plain gradient, bit for bit, whatever the pairing
    double[][] v = {Models.gaussian(r, M * K, 1.0), Models.gaussian(r, K * N, 1.0)};
    SecondOrderSweep sweep = Derivatives.secondOrder(f, point, v);
    double[][] g = Derivatives.gradient(f, point);
    assertArrayEquals(g[0], sweep.gradients()[0], 0.0);
    assertArrayEquals(g[1], sweep.gradients()[1], 0.0);
  }
}
