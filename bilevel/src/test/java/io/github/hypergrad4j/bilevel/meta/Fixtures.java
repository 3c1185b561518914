package io.github.hypergrad4j.bilevel.meta;

import io.github.hypergrad4j.autodiff.Shape;
import io.github.hypergrad4j.autodiff.Tensor;
import io.github.hypergrad4j.autodiff.TensorFunction;
import java.util.SplittableRandom;

/** Small tasks for the meta-learning tests: a tanh network 1–3–1 and quadratics. */
final class Fixtures {

  static final int HIDDEN = 3;
  /** W1 (1×3), b1 (3), W2 (3×1), b2 (1). */
  static final int NET_SIZE = 3 * HIDDEN + 1;

  private Fixtures() {}

  /** The mean squared error of the tanh network θ on (x, y). */
  static TensorFunction netLoss(double[] x, double[] y) {
    return in -> {
      Tensor theta = in[0];
      Tensor input = theta.tape().constant(x, Shape.matrix(x.length, 1));
      Tensor w1 = theta.slice(0, HIDDEN).reshape(1, HIDDEN);
      Tensor b1 = theta.slice(HIDDEN, 2 * HIDDEN);
      Tensor w2 = theta.slice(2 * HIDDEN, 3 * HIDDEN).reshape(HIDDEN, 1);
      Tensor b2 = theta.slice(3 * HIDDEN, NET_SIZE);
      Tensor out = input.matmul(w1).add(b1).tanh().matmul(w2).add(b2);
      return out.meanSquaredError(y);
    };
  }

  /** A sine-wave task for the tanh network: n training and n test points. */
  static MetaTask netTask(SplittableRandom random, int n) {
    double amplitude = 0.5 + random.nextDouble();
    double phase = random.nextDouble() * Math.PI;
    double[][] train = points(random, n, amplitude, phase);
    double[][] test = points(random, n, amplitude, phase);
    return new MetaTask(netLoss(train[0], train[1]), netLoss(test[0], test[1]));
  }

  private static double[][] points(SplittableRandom random, int n, double amplitude, double phase) {
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = -2 + 4 * random.nextDouble();
      y[i] = amplitude * Math.sin(x[i] + phase);
    }
    return new double[][] {x, y};
  }

  static double[] randomVector(SplittableRandom random, int n, double scale) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = scale * (2 * random.nextDouble() - 1);
    }
    return v;
  }

  /**
   * A quadratic task L_train = ½‖R(θ − a)‖², L_test = ½‖S(θ − c)‖² (R, S m×d) with a point φ,
   * all drawn from the seed; {@code trainHessian} = RᵀR, {@code testHessian} = SᵀS.
   */
  record QuadraticCase(MetaTask task, double[] a, double[] c, double[] phi, double[][] trainHessian,
      double[][] testHessian) {

    static QuadraticCase draw(long seed, int d, int m) {
      SplittableRandom random = new SplittableRandom(seed);
      double[] r = randomVector(random, m * d, 1.0);
      double[] s = randomVector(random, m * d, 1.0);
      double[] a = randomVector(random, d, 2.0);
      double[] c = randomVector(random, d, 2.0);
      double[] phi = randomVector(random, d, 2.0);
      return new QuadraticCase(new MetaTask(quadratic(r, m, a), quadratic(s, m, c)), a, c, phi, gram(r, m, d),
          gram(s, m, d));
    }
  }

  /** ½‖R(θ − a)‖² with R (m×d, row-major): Hessian RᵀR. */
  static TensorFunction quadratic(double[] r, int m, double[] a) {
    int d = a.length;
    return in -> {
      Tensor theta = in[0];
      Tensor rm = theta.tape().constant(r, Shape.matrix(m, d));
      Tensor shift = theta.sub(theta.tape().constant(a, Shape.vector(d))).reshape(d, 1);
      return rm.matmul(shift).squaredNorm().scale(0.5);
    };
  }

  /** RᵀR for R (m×d, row-major). */
  static double[][] gram(double[] r, int m, int d) {
    double[][] a = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        for (int k = 0; k < m; k++) {
          a[i][j] += r[k * d + i] * r[k * d + j];
        }
      }
    }
    return a;
  }

  static double[] multiply(double[][] a, double[] x) {
    double[] y = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < x.length; j++) {
        y[i] += a[i][j] * x[j];
      }
    }
    return y;
  }

  /** x with A x = b by Gaussian elimination with partial pivoting (a dense reference). */
  static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) {
      m[i] = java.util.Arrays.copyOf(a[i], n + 1);
      m[i][n] = b[i];
    }
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int i = c + 1; i < n; i++) {
        if (Math.abs(m[i][c]) > Math.abs(m[p][c])) {
          p = i;
        }
      }
      double[] t = m[c];
      m[c] = m[p];
      m[p] = t;
      for (int i = c + 1; i < n; i++) {
        double f = m[i][c] / m[c][c];
        for (int j = c; j <= n; j++) {
          m[i][j] -= f * m[c][j];
        }
      }
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = m[i][n];
      for (int j = i + 1; j < n; j++) {
        s -= m[i][j] * x[j];
      }
      x[i] = s / m[i][i];
    }
    return x;
  }

  /** (f(φ + h e_i) − f(φ − h e_i)) / 2h for every i. */
  static double[] centralDifferences(java.util.function.ToDoubleFunction<double[]> f, double[] phi, double h) {
    double[] fd = new double[phi.length];
    for (int i = 0; i < phi.length; i++) {
      double[] plus = phi.clone();
      double[] minus = phi.clone();
      plus[i] += h;
      minus[i] -= h;
      fd[i] = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * h);
    }
    return fd;
  }

  static double relativeError(double[] got, double[] want) {
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < want.length; i++) {
      diff += (got[i] - want[i]) * (got[i] - want[i]);
      norm += want[i] * want[i];
    }
    return Math.sqrt(diff / norm);
  }
}
