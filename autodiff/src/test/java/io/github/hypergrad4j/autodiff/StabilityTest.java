package io.github.hypergrad4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Logits far beyond where exp overflows (|x| ≈ 10³; exp overflows above 709.8): the row-wise
 * functions and losses stay finite and exact, checked through identities that need no
 * differences: shift invariance (softmax(x + c) = softmax(x), lse(x + c) = lse(x) + c) and the
 * limits of the cross-entropies.
 */
class StabilityTest {

  @Test
  void rowFunctionsAreShiftInvariantFarBeyondOverflow() {
    double[] x = {0.5, -1.25, 2.0, 0.0};
    double[] shifted = new double[4];
    for (int i = 0; i < 4; i++) {
      shifted[i] = x[i] + 1000.0;
    }
    Tape t = new Tape();
    double lse = t.constant(x).logSumExpRows().item();
    double lseShifted = t.constant(shifted).logSumExpRows().item();
    assertEquals(lse + 1000.0, lseShifted, 1e-12 * 1000);
    assertArrayEquals(t.constant(x).softmaxRows().value(), t.constant(shifted).softmaxRows().value(), 1e-15);
    // gradients through the shifted version equal the softmax
    Tape g = new Tape();
    Tensor v = g.variable(shifted);
    g.backward(v.logSumExpRows());
    assertArrayEquals(t.constant(x).softmaxRows().value(), v.grad(), 1e-15);
  }

  @Test
  void crossEntropiesSaturateToTheirLimits() {
    Tape t = new Tape();
    // the right class leads by 1000: loss ≈ e^-1000 ≈ 0, not NaN; wrong class: loss = 1000
    Tensor logits = t.variable(new double[] {1000, 0, 0, 1000}, Shape.matrix(2, 2));
    Tensor perRow = logits.softmaxCrossEntropyPerRow(new int[] {0, 0});
    double[] l = perRow.value();
    assertEquals(0.0, l[0], 1e-300);
    assertEquals(1000.0, l[1], 1e-12);
    t.backward(perRow.sum());
    assertArrayEquals(new double[] {0, 0, -1, 1}, logits.grad(), 1e-300);
    Tape b = new Tape();
    Tensor z = b.variable(-800, 800, 800);
    double[] bce = z.binaryCrossEntropyWithLogitsPerElement(new double[] {0, 1, 0}).value();
    assertEquals(0.0, bce[0], 1e-300);
    assertEquals(0.0, bce[1], 1e-300);
    assertEquals(800.0, bce[2], 1e-12);
    for (double v : b.variable(-800, 800).sigmoid().value()) {
      assertTrue(Double.isFinite(v));
    }
  }
}
