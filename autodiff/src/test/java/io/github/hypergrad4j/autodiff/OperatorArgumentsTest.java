package io.github.hypergrad4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.linalg.LinearOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link HessianVectorProduct} and {@link GaussNewtonProduct} check their point and the arrays
 * of {@code apply} alike, each naming itself, and keep a copy of the point; the {@link OutputLoss}
 * factories name themselves when their targets are missing.
 */
class OperatorArgumentsTest {

  /**
   * The two operators at a point, θ = input {@code wrt}, both depending on θ: f(θ) = Σ θ⁴ with H =
   * diag(12θ²), and the model tanh(θ) under mean squared error with G = diag((1 − tanh²θ)²)·2/3.
   */
  private interface Factory {
    LinearOperator at(double[][] point, int wrt);
  }

  private static final Factory HESSIAN = (point, wrt) ->
      new HessianVectorProduct(in -> in[0].square().square().sum(), point, wrt);

  private static final Factory GAUSS_NEWTON = (point, wrt) ->
      new GaussNewtonProduct(in -> in[0].tanh(), OutputLoss.meanSquaredError(new double[3]), point, wrt);

  private static void assertBad(String prefix, Executable call, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().startsWith(prefix), () -> "'" + e.getMessage() + "' lacks '" + prefix + "'");
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), () -> "'" + e.getMessage() + "' lacks '" + p + "'");
    }
  }

  private static void checkBoth(String name, Factory factory) {
    double[] theta = {1, 2, 3};
    double[][] point = {theta, {0.5}};
    assertBad(name + ": ", () -> factory.at(null, 0), "point is null");
    assertBad(name + ": ", () -> factory.at(new double[][] {theta, null}, 0), "point[1] is null");
    assertBad(name + ": ", () -> factory.at(point, 2), "wrt = 2", "2 inputs");
    assertBad(name + ": ", () -> factory.at(point, -1), "wrt = -1");
    LinearOperator op = factory.at(point, 0);
    double[] out = new double[3];
    assertBad(name + ".apply: ", () -> op.apply(null, out), "3x3", "null");
    assertBad(name + ".apply: ", () -> op.apply(new double[2], out), "3x3", "got 2 and 3");
    assertBad(name + ".apply: ", () -> op.apply(out, out), "distinct");
  }

  @Test
  void bothOperatorsCheckTheirArgumentsAlike() {
    checkBoth("HessianVectorProduct", HESSIAN);
    checkBoth("GaussNewtonProduct", GAUSS_NEWTON);
    assertBad("HessianVectorProduct: ", () -> new HessianVectorProduct(null, new double[][] {{1}}, 0), "function");
    assertBad("GaussNewtonProduct: ", () -> new GaussNewtonProduct(null, null, new double[][] {{1}}, 0), "model");
  }

  @Test
  void outputLossesRejectMissingTargetsWithTheirNames() {
    assertBad("OutputLoss.softmaxCrossEntropy: ", () -> OutputLoss.softmaxCrossEntropy(null), "labels is null");
    assertBad("OutputLoss.binaryCrossEntropyWithLogits: ", () -> OutputLoss.binaryCrossEntropyWithLogits(null),
        "targets is null");
    assertBad("OutputLoss.meanSquaredError: ", () -> OutputLoss.meanSquaredError(null), "targets is null");
  }

  @Test
  void bothOperatorsKeepACopyOfThePoint() {
    for (Factory factory : new Factory[] {HESSIAN, GAUSS_NEWTON}) {
      double[] theta = {1, 2, 3};
      LinearOperator op = factory.at(new double[][] {theta}, 0);
      double[] v = {0.5, -1, 2};
      double[] before = new double[3];
      op.apply(v, before);
      theta[0] = 100; // must not reach the operator
      double[] after = new double[3];
      op.apply(v, after);
      assertArrayEquals(before, after, 0.0);
      double[][] moved = {{100, 2, 3}};
      double[] elsewhere = new double[3];
      factory.at(moved, 0).apply(v, elsewhere);
      assertTrue(elsewhere[0] != before[0], "the product depends on the point");
    }
  }
}
