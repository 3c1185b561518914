package io.github.hypergrad4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Element-wise operations, bias broadcasts and slices on tensors large enough for the kernels to
 * split them over threads (above 2·2¹⁶ elements), against closed forms evaluated here with plain
 * loops: for f(A, b, θ) = Σ_ij W_ij·tanh(A_ij + b_j) + Σ θ[from..to)², with A (rows × cols) and b
 * seeded with tangents, ∂f/∂A = W⊙(1 − y²), ∂f/∂b = its column sums, ∂f/∂θ = 2θ on the slice,
 * and the Hessian-vector products d/dt of those, with ẏ = (1 − y²)⊙(Ȧ + ḃ): ∂²f/∂A·v = −2W⊙y⊙ẏ,
 * ∂²f/∂b·v its column sums, ∂²f/∂θ·v = 2θ̇ on the slice.
 */
class LargeTensorTest {

  @Test
  void largeElementwiseBroadcastAndSliceDerivativesMatchClosedForms() {
    int rows = 700;
    int cols = 300; // 210 000 elements
    int size = 150_000;
    int from = 1000;
    int to = 141_000;
    Random r = new Random(21);
    double[] w = Models.gaussian(r, rows * cols, 1.0);
    double[] a = Models.gaussian(r, rows * cols, 1.0);
    double[] b = Models.gaussian(r, cols, 1.0);
    double[] theta = Models.gaussian(r, size, 1.0);
    double[] aDot = Models.gaussian(r, rows * cols, 1.0);
    double[] bDot = Models.gaussian(r, cols, 1.0);
    double[] thetaDot = Models.gaussian(r, size, 1.0);
    TensorFunction f = in -> {
      Tensor am = in[0].reshape(rows, cols);
      Tensor weights = am.tape().constant(w, Shape.matrix(rows, cols));
      Tensor slice = in[2].slice(from, to);
      return am.add(in[1]).tanh().mul(weights).sum().add(slice.mul(slice).sum());
    };
    SecondOrderSweep s = Derivatives.secondOrder(f, new double[][] {a, b, theta}, new double[][] {aDot, bDot, thetaDot});
    double[] gb = new double[cols];
    double[] hb = new double[cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        int ij = i * cols + j;
        double y = Math.tanh(a[ij] + b[j]);
        double d1 = 1 - y * y;
        double yDot = d1 * (aDot[ij] + bDot[j]);
        double gA = w[ij] * d1;
        double hA = -2 * w[ij] * y * yDot;
        assertEquals(gA, s.gradients()[0][ij], 1e-14 * (1 + Math.abs(gA)), "dA " + ij);
        assertEquals(hA, s.hessianTangents()[0][ij], 1e-13 * (1 + Math.abs(hA)), "HA " + ij);
        gb[j] += gA;
        hb[j] += hA;
      }
    }
    for (int j = 0; j < cols; j++) {
      assertEquals(gb[j], s.gradients()[1][j], 1e-11 * (1 + Math.abs(gb[j])), "db " + j);
      assertEquals(hb[j], s.hessianTangents()[1][j], 1e-11 * (1 + Math.abs(hb[j])), "Hb " + j);
    }
    for (int k = 0; k < size; k++) {
      boolean in = k >= from && k < to;
      assertEquals(in ? 2 * theta[k] : 0.0, s.gradients()[2][k], 1e-15 * Math.abs(theta[k]), "dtheta " + k);
      assertEquals(in ? 2 * thetaDot[k] : 0.0, s.hessianTangents()[2][k], 1e-15 * Math.abs(thetaDot[k]), "Htheta " + k);
    }
  }
}
