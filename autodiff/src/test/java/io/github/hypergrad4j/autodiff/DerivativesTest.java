package io.github.hypergrad4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link Derivatives#valueAndGradients} against {@link Derivatives#value}, {@link
 * Derivatives#gradient} and a closed form; and every kind of bad input of {@link Derivatives}
 * reported with the class name first.
 */
class DerivativesTest {

  /** f(x, λ) = ½ Σ λ_i x_i² + Σ exp(x_i), so ∇_x f = λ⊙x + exp(x) and ∇_λ f = ½ x⊙x. */
  private static final TensorFunction F =
      in -> in[1].mul(in[0].square()).sum().scale(0.5).add(in[0].exp().sum());

  @Test
  void valueAndGradientsAgreesWithValueGradientAndTheClosedForm() {
    double[] x = {0.3, -1.2, 2.0};
    double[] lambda = {0.5, 2.0, 1.5};
    Derivatives.ValueAndGradients r = Derivatives.valueAndGradients(F, x, lambda);
    // the same passes as value and gradient: equal to the last bit
    assertEquals(Derivatives.value(F, x, lambda), r.value(), 0.0);
    double[][] g = Derivatives.gradient(F, x, lambda);
    assertEquals(2, r.gradients().length);
    assertArrayEquals(g[0], r.gradients()[0], 0.0);
    assertArrayEquals(g[1], r.gradients()[1], 0.0);
    // and right
    double value = 0;
    for (int i = 0; i < x.length; i++) {
      value += 0.5 * lambda[i] * x[i] * x[i] + Math.exp(x[i]);
      double gx = lambda[i] * x[i] + Math.exp(x[i]);
      assertEquals(gx, r.gradients()[0][i], 1e-15 * Math.abs(gx));
      assertEquals(0.5 * x[i] * x[i], r.gradients()[1][i], 1e-15 * x[i] * x[i]);
    }
    assertEquals(value, r.value(), 1e-15 * value);
  }

  @Test
  void valueAndGradientsIsOneFirstOrderPassOverEveryInput() {
    Random r = new Random(8);
    int n = 12, d = 3, hidden = 5, c = 3;
    double[] features = Models.gaussian(r, n * d, 1.0);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = r.nextInt(c);
    }
    TensorFunction mlp = Models.mlp(features, n, d, hidden, c, labels);
    AtomicInteger calls = new AtomicInteger();
    TensorFunction counted = in -> {
      calls.incrementAndGet();
      assertFalse(in[0].tape().hasTangents(), "no tangents are seeded");
      return mlp.apply(in);
    };
    double[] theta = Models.gaussian(r, Models.mlpParameters(d, hidden, c), 0.5);
    double[] lambda = {0.2, 0.4};
    Derivatives.ValueAndGradients vg = Derivatives.valueAndGradients(counted, theta, lambda);
    assertEquals(1, calls.get(), "one forward pass");
    assertEquals(Derivatives.value(mlp, theta, lambda), vg.value(), 0.0);
    double[][] g = Derivatives.gradient(mlp, theta, lambda);
    assertArrayEquals(g[0], vg.gradients()[0], 0.0);
    assertArrayEquals(g[1], vg.gradients()[1], 0.0);
  }

  private static void assertBad(Executable call, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().startsWith("Derivatives: "), () -> "'" + e.getMessage() + "' lacks the prefix");
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), () -> "'" + e.getMessage() + "' lacks '" + p + "'");
    }
  }

  @Test
  void badFunctionsAreReportedWithTheClassName() {
    double[] x = {1, 2};
    assertBad(() -> Derivatives.value(null, x), "the function is null");
    assertBad(() -> Derivatives.gradient(in -> null, x), "the function returned null");
    assertBad(() -> Derivatives.valueAndGradients(in -> new Tape().scalar(1), x), "another tape");
  }

  @Test
  void nonScalarResultsAreReportedWithTheClassNameTheRoutineAndTheShape() {
    double[] x = {1, 2};
    double[][] in = {x};
    TensorFunction vector = t -> t[0].square();
    assertBad(() -> Derivatives.value(vector, x), "value", "scalar", "[2]");
    assertBad(() -> Derivatives.gradient(vector, x), "gradient", "scalar", "[2]");
    assertBad(() -> Derivatives.valueAndGradients(vector, x), "valueAndGradients", "scalar", "[2]");
    assertBad(() -> Derivatives.valueAndGradient(vector, in, 0), "valueAndGradient", "scalar", "[2]");
    assertBad(() -> Derivatives.hvp(vector, in, 0, x), "hvp", "scalar", "[2]");
    assertBad(() -> Derivatives.secondOrder(vector, in, new double[1][]), "secondOrder", "scalar", "[2]");
  }

  @Test
  void badInputsIndicesTangentsAndCotangentsAreReportedWithTheClassName() {
    double[] x = {1, 2};
    double[][] in = {x, {3}};
    double[][] withNull = {x, null};
    TensorFunction scalar = t -> t[0].square().sum().add(t[1].sum());
    TensorFunction vector = t -> t[0].square();
    // inputs
    assertBad(() -> Derivatives.value(scalar, (double[][]) null), "inputs is null");
    assertBad(() -> Derivatives.gradient(scalar, x, null), "inputs[1] is null");
    assertBad(() -> Derivatives.valueAndGradients(scalar, x, null), "inputs[1] is null");
    assertBad(() -> Derivatives.valueAndGradient(scalar, withNull, 0), "inputs[1] is null");
    assertBad(() -> Derivatives.jvp(scalar, withNull, new double[2][]), "inputs[1] is null");
    assertBad(() -> Derivatives.vjp(scalar, withNull, new double[1]), "inputs[1] is null");
    assertBad(() -> Derivatives.hvp(scalar, withNull, 0, x), "inputs[1] is null");
    assertBad(() -> Derivatives.secondOrder(scalar, null, new double[2][]), "inputs is null");
    // the index of the input differentiated
    assertBad(() -> Derivatives.valueAndGradient(scalar, in, 2), "wrt = 2", "2 inputs");
    assertBad(() -> Derivatives.hvp(scalar, in, -1, x), "wrt = -1", "2 inputs");
    // tangents
    assertBad(() -> Derivatives.jvp(scalar, in, null), "tangents", "2 inputs", "null tangents");
    assertBad(() -> Derivatives.secondOrder(scalar, in, new double[3][]), "2 inputs", "3 tangents");
    assertBad(() -> Derivatives.jvp(scalar, in, new double[][] {{1, 2, 3}, null}),
        "tangents[0] has length 3", "inputs[0] has length 2");
    assertBad(() -> Derivatives.hvp(scalar, in, 0, new double[5]), "tangents[0] has length 5");
    // the cotangent of a VJP
    assertBad(() -> Derivatives.vjp(vector, in, null), "cotangent", "2 elements", "[2]", "null");
    assertBad(() -> Derivatives.vjp(vector, in, new double[3]), "cotangent", "2 elements", "[2]", "got 3");
  }
}
