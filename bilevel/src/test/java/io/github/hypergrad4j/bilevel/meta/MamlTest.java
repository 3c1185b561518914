package io.github.hypergrad4j.bilevel.meta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.autodiff.Derivatives;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * MAML against central differences through the K inner steps; MAML, first-order MAML and Reptile
 * against their closed forms on a quadratic, where θ_K = a + (I − αH)^K (φ − a).
 */
class MamlTest {

  /**
   * The tanh network 1–3–1, K = 5, α = 0.1: every entry against (L_test(θ_K(φ + h e_i)) −
   * L_test(θ_K(φ − h e_i)))/2h with h = 1e-5 (truncation ≈ 1e-10, rounding ≈ 1e-16/h ≈ 1e-11);
   * measured: 2e-10 relative error (2-norm).
   */
  @Test
  void matchesCentralDifferencesThroughTheInnerSteps() {
    SplittableRandom random = new SplittableRandom(5);
    MetaTask task = Fixtures.netTask(random, 8);
    double[] phi = Fixtures.randomVector(random, Fixtures.NET_SIZE, 0.8);
    int steps = 5;
    double alpha = 0.1;
    TaskGradient g = new Maml(steps, alpha).compute(task, phi);
    double[] fd = Fixtures.centralDifferences(p -> adaptedTestLoss(task, p, steps, alpha), phi, 1e-5);
    assertTrue(Fixtures.relativeError(g.gradient(), fd) < 1e-6,
        "relative error " + Fixtures.relativeError(g.gradient(), fd));
    assertEquals(adaptedTestLoss(task, phi, steps, alpha), g.testLoss(), 1e-14);
    assertEquals(steps, g.hessianVectorProducts());
  }

  private static double adaptedTestLoss(MetaTask task, double[] phi, int steps, double alpha) {
    return Derivatives.value(task.testLoss(), Adaptation.adapt(task.trainLoss(), phi, steps, alpha));
  }

  /**
   * With H = RᵀR and P = I − αH: MAML's meta-gradient is P^K ∇L_test(θ_K), first-order MAML's is
   * ∇L_test(θ_K) (the same with every (I − αH) replaced by I), Reptile's direction is φ − θ_K.
   */
  @Test
  void mamlFirstOrderMamlAndReptileEqualTheirClosedFormsOnAQuadratic() {
    int d = 5;
    int m = 7;
    int steps = 4;
    double alpha = 0.05;
    Fixtures.QuadraticCase q = Fixtures.QuadraticCase.draw(19, d, m);
    MetaTask task = q.task();
    double[] a = q.a();
    double[] c = q.c();
    double[] phi = q.phi();

    double[][] hr = q.trainHessian();
    double[][] hs = q.testHessian();
    double[] shift = new double[d];
    for (int i = 0; i < d; i++) {
      shift[i] = phi[i] - a[i];
    }
    for (int k = 0; k < steps; k++) {
      shift = applyP(hr, alpha, shift);
    }
    double[] thetaK = new double[d];
    double[] residual = new double[d];
    for (int i = 0; i < d; i++) {
      thetaK[i] = a[i] + shift[i];
      residual[i] = thetaK[i] - c[i];
    }
    double[] firstOrder = Fixtures.multiply(hs, residual);
    double[] full = firstOrder.clone();
    for (int k = 0; k < steps; k++) {
      full = applyP(hr, alpha, full);
    }
    double[] reptile = new double[d];
    for (int i = 0; i < d; i++) {
      reptile[i] = phi[i] - thetaK[i];
    }

    TaskGradient maml = new Maml(steps, alpha).compute(task, phi);
    TaskGradient fomaml = new FirstOrderMaml(steps, alpha).compute(task, phi);
    TaskGradient rep = new Reptile(steps, alpha).compute(task, phi);
    assertTrue(Fixtures.relativeError(maml.gradient(), full) < 1e-12, "maml");
    assertTrue(Fixtures.relativeError(fomaml.gradient(), firstOrder) < 1e-12, "fomaml");
    assertTrue(Fixtures.relativeError(rep.gradient(), reptile) < 1e-12, "reptile");
    assertTrue(Fixtures.relativeError(full, firstOrder) > 1e-3, "the Hessian term matters here");
    assertEquals(0, fomaml.hessianVectorProducts());
    assertEquals(steps + 1L, fomaml.gradients());
    assertArrayEquals(Adaptation.adapt(task.trainLoss(), phi, steps, alpha), thetaK, 1e-12);
  }

  private static double[] applyP(double[][] h, double alpha, double[] v) {
    double[] hv = Fixtures.multiply(h, v);
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] - alpha * hv[i];
    }
    return out;
  }
}
