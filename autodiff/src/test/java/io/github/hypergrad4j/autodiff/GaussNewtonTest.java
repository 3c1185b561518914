package io.github.hypergrad4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Gauss-Newton product: equal to the Hessian-vector product when the model is linear (so the
 * dropped curvature term vanishes), positive semidefinite for a nonlinear model, and equal to an
 * explicitly assembled Jᵀ·H_ℓ·J with J from central differences of the model.
 */
class GaussNewtonTest {

  @Test
  void linearModelsGiveTheHessianForEveryLoss() {
    Random r = new Random(5);
    int n = 20, d = 4, c = 3;
    double[] x = Models.gaussian(r, n * d, 1.0);
    double[] wide = Models.gaussian(r, n * d * c, 1.0);
    double[] y = Models.gaussian(r, n, 1.0);
    double[] bin = new double[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      bin[i] = r.nextInt(2);
      labels[i] = r.nextInt(c);
    }
    TensorFunction linear = in -> in[0].tape().constant(x, Shape.matrix(n, d)).matmul(in[0]);
    TensorFunction multi = in -> in[0].tape().constant(wide, Shape.matrix(n, d * c)).matmul(in[0].reshape(d * c, c));
    check(linear, OutputLoss.meanSquaredError(y), new double[][] {Models.gaussian(r, d, 1)}, r);
    check(linear, OutputLoss.binaryCrossEntropyWithLogits(bin), new double[][] {Models.gaussian(r, d, 1)}, r);
    check(multi, OutputLoss.softmaxCrossEntropy(labels), new double[][] {Models.gaussian(r, d * c * c, 0.3)}, r);
  }

  private static void check(TensorFunction model, OutputLoss loss, double[][] point, Random r) {
    GaussNewtonProduct gn = new GaussNewtonProduct(model, loss, point, 0);
    TensorFunction composed = in -> loss.apply(model.apply(in));
    int p = point[0].length;
    for (int trial = 0; trial < 3; trial++) {
      double[] v = Models.gaussian(r, p, 1.0);
      double[] gv = new double[p];
      gn.apply(v, gv);
      double[] hv = Derivatives.hvp(composed, point, 0, v);
      for (int i = 0; i < p; i++) {
        assertEquals(hv[i], gv[i], 1e-12 * (1 + Math.abs(hv[i])));
      }
    }
    assertEquals(3, gn.applications());
    assertEquals(Derivatives.value(composed, point), gn.loss(), 0.0);
  }

  @Test
  void nonlinearModelGivesPositiveSemidefiniteProductsEqualToExplicitJtHJ() {
    int n = 8, d = 3, hidden = 4, c = 3;
    Random r = new Random(6);
    double[] features = Models.gaussian(r, n * d, 1.0);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = r.nextInt(c);
    }
    TensorFunction model = in -> {
      Tensor theta = in[0];
      Tensor x = theta.tape().constant(features, Shape.matrix(n, d));
      Tensor w1 = theta.slice(0, d * hidden).reshape(d, hidden);
      Tensor w2 = theta.slice(d * hidden, d * hidden + hidden * c).reshape(hidden, c);
      return x.matmul(w1).tanh().matmul(w2);
    };
    int p = d * hidden + hidden * c;
    double[][] point = {Models.gaussian(r, p, 0.8)};
    OutputLoss loss = OutputLoss.softmaxCrossEntropy(labels);
    GaussNewtonProduct gn = new GaussNewtonProduct(model, loss, point, 0);
    // explicit J (n·c × p) by central differences of the model
    int outputs = n * c;
    double[][] jac = new double[outputs][p];
    double h = 1e-6;
    for (int k = 0; k < p; k++) {
      double[] plus = point[0].clone();
      double[] minus = point[0].clone();
      plus[k] += h;
      minus[k] -= h;
      double[] zp = Derivatives.jvp(model, new double[][] {plus}, new double[1][]).value();
      double[] zm = Derivatives.jvp(model, new double[][] {minus}, new double[1][]).value();
      for (int o = 0; o < outputs; o++) {
        jac[o][k] = (zp[o] - zm[o]) / (2 * h);
      }
    }
    double[] z = Derivatives.jvp(model, point, new double[1][]).value();
    for (int trial = 0; trial < 5; trial++) {
      double[] v = Models.gaussian(r, p, 1.0);
      double[] gv = new double[p];
      gn.apply(v, gv);
      double vGv = 0;
      for (int k = 0; k < p; k++) {
        vGv += v[k] * gv[k];
      }
      assertTrue(vGv >= 0, "v·Gv = " + vGv);
      double[] jv = new double[outputs];
      for (int o = 0; o < outputs; o++) {
        for (int k = 0; k < p; k++) {
          jv[o] += jac[o][k] * v[k];
        }
      }
      double[] hjv = new double[outputs];
      loss.hessianTimes(z, Shape.matrix(n, c), jv, hjv);
      for (int k = 0; k < p; k++) {
        double expected = 0;
        for (int o = 0; o < outputs; o++) {
          expected += jac[o][k] * hjv[o];
        }
        assertEquals(expected, gv[k], 1e-7 * (1 + Math.abs(expected)));
      }
    }
  }
}
