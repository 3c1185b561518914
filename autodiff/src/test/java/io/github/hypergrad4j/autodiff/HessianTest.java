package io.github.hypergrad4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hessian-vector products against dense Hessians: built column by column from central differences
 * of the gradient (independent of the second-order rules), and for logistic regression also
 * against the closed form Xᵀ·diag(σ(1−σ))·X/n + diag(λ). The mixed term ∇²_λθ f·v is checked
 * against central differences of ∇_λ f along v and, for logistic regression, its closed form w⊙v.
 */
class HessianTest {

  private static double[][] denseHessianByDifferences(TensorFunction f, double[][] point, int wrt) {
    int n = point[wrt].length;
    double[][] h = new double[n][];
    double step = 1e-5;
    for (int k = 0; k < n; k++) {
      double[][] plus = point.clone();
      double[][] minus = point.clone();
      plus[wrt] = point[wrt].clone();
      minus[wrt] = point[wrt].clone();
      plus[wrt][k] += step;
      minus[wrt][k] -= step;
      double[] gp = Derivatives.gradient(f, plus)[wrt];
      double[] gm = Derivatives.gradient(f, minus)[wrt];
      h[k] = new double[n];
      for (int i = 0; i < n; i++) {
        h[k][i] = (gp[i] - gm[i]) / (2 * step); // column k
      }
    }
    return h;
  }

  private static double maxAbs(double[][] m) {
    double s = 0;
    for (double[] row : m) {
      for (double v : row) {
        s = Math.max(s, Math.abs(v));
      }
    }
    return s;
  }

  private static void assertHvpColumnsMatch(TensorFunction f, double[][] point, double[][] reference, double tol) {
    int n = point[0].length;
    double scale = maxAbs(reference);
    HessianVectorProduct op = new HessianVectorProduct(f, point, 0);
    for (int k = 0; k < n; k++) {
      double[] e = new double[n];
      e[k] = 1.0;
      double[] col = new double[n];
      op.apply(e, col);
      for (int i = 0; i < n; i++) {
        assertEquals(reference[k][i], col[i], tol * scale, "H[" + i + "][" + k + "]");
      }
    }
    assertEquals(n, op.applications());
  }

  @Test
  void logisticRegressionHessianMatchesClosedFormAndDifferences() {
    Models.Data data = Models.binaryData(40, 6, 1);
    Random r = new Random(2);
    double[] w = Models.gaussian(r, 6, 0.5);
    double[] lambda = new double[6];
    for (int j = 0; j < 6; j++) {
      lambda[j] = Math.exp(r.nextGaussian());
    }
    double[][] point = {w, lambda};
    TensorFunction f = Models.logistic(data);
    // closed form Xᵀ diag(s(1−s)) X / n + diag(λ)
    int n = data.n();
    int d = data.d();
    double[][] closed = new double[d][d];
    for (int i = 0; i < n; i++) {
      double z = 0;
      for (int j = 0; j < d; j++) {
        z += data.x()[i * d + j] * w[j];
      }
      double s = 1 / (1 + Math.exp(-z));
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          closed[a][b] += s * (1 - s) * data.x()[i * d + a] * data.x()[i * d + b] / n;
        }
      }
    }
    for (int j = 0; j < d; j++) {
      closed[j][j] += lambda[j];
    }
    assertHvpColumnsMatch(f, point, closed, 1e-13);
    assertHvpColumnsMatch(f, point, denseHessianByDifferences(f, point, 0), 1e-8);
    // mixed term: ∇_λ f = ½ w², so ∇²_λθ f · v = w ⊙ v
    double[] v = Models.gaussian(r, d, 1.0);
    SecondOrderSweep sweep = Derivatives.secondOrder(f, point, new double[][] {v, null});
    for (int j = 0; j < d; j++) {
      assertEquals(w[j] * v[j], sweep.hessianTangents()[1][j], 1e-15);
      assertEquals(0.5 * w[j] * w[j], sweep.gradients()[1][j], 1e-15);
    }
  }

  @Test
  void mlpHessianMatchesDifferencesAndIsSymmetric() {
    int n = 12, d = 4, hidden = 5, c = 3;
    Random r = new Random(3);
    double[] features = Models.gaussian(r, n * d, 1.0);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = r.nextInt(c);
    }
    TensorFunction f = Models.mlp(features, n, d, hidden, c, labels);
    double[] theta = Models.gaussian(r, Models.mlpParameters(d, hidden, c), 0.7);
    double[][] point = {theta, {0.3, 0.1}};
    double[][] reference = denseHessianByDifferences(f, point, 0);
    assertHvpColumnsMatch(f, point, reference, 1e-7);
    // symmetry of the reference itself says the differences are trustworthy
    for (int a = 0; a < theta.length; a++) {
      for (int b = 0; b < theta.length; b++) {
        assertEquals(reference[a][b], reference[b][a], 1e-7 * maxAbs(reference));
      }
    }
  }

  @Test
  void mlpMixedTermMatchesDifferencesOfTheHyperGradient() {
    int n = 10, d = 3, hidden = 4, c = 2;
    Random r = new Random(4);
    double[] features = Models.gaussian(r, n * d, 1.0);
    int[] labels = {0, 1, 1, 0, 1, 0, 0, 1, 1, 1};
    TensorFunction f = Models.mlp(features, n, d, hidden, c, labels);
    double[] theta = Models.gaussian(r, Models.mlpParameters(d, hidden, c), 0.7);
    double[] lambda = {0.2, 0.05};
    double[] v = Models.gaussian(r, theta.length, 1.0);
    SecondOrderSweep sweep = Derivatives.secondOrder(f, new double[][] {theta, lambda}, new double[][] {v, null});
    double h = 1e-5;
    double[] plus = theta.clone();
    double[] minus = theta.clone();
    for (int k = 0; k < theta.length; k++) {
      plus[k] += h * v[k];
      minus[k] -= h * v[k];
    }
    double[] gp = Derivatives.gradient(f, plus, lambda)[1];
    double[] gm = Derivatives.gradient(f, minus, lambda)[1];
    for (int j = 0; j < 2; j++) {
      double fd = (gp[j] - gm[j]) / (2 * h);
      assertEquals(fd, sweep.hessianTangents()[1][j], 1e-8 * Math.max(1, Math.abs(fd)));
      assertTrue(Math.abs(fd) > 1e-3, "the mixed term is not trivially zero");
    }
    // and the gradients of the sweep are the plain gradients, bit for bit
    double[][] g = Derivatives.gradient(f, theta, lambda);
    assertArrayEquals(g[0], sweep.gradients()[0], 0.0);
    assertArrayEquals(g[1], sweep.gradients()[1], 0.0);
  }

  @Test
  void logisticGradientMatchesTheHandWrittenFormula() {
    Models.Data data = Models.binaryData(50, 7, 9);
    Random r = new Random(10);
    double[] w = Models.gaussian(r, 7, 1.0);
    double[] lambda = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7};
    double[][] g = Derivatives.gradient(Models.logistic(data), w, lambda);
    int n = data.n();
    int d = data.d();
    double[] expected = new double[d];
    for (int i = 0; i < n; i++) {
      double z = 0;
      for (int j = 0; j < d; j++) {
        z += data.x()[i * d + j] * w[j];
      }
      double residual = 1 / (1 + Math.exp(-z)) - data.y()[i];
      for (int j = 0; j < d; j++) {
        expected[j] += data.x()[i * d + j] * residual / n;
      }
    }
    for (int j = 0; j < d; j++) {
      expected[j] += lambda[j] * w[j];
      assertEquals(expected[j], g[0][j], 1e-14 * Math.max(1, Math.abs(expected[j])));
      assertEquals(0.5 * w[j] * w[j], g[1][j], 1e-15);
    }
  }
}
