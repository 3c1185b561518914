package io.github.hypergrad4j.bilevel;

import io.github.hypergrad4j.autodiff.Shape;
import io.github.hypergrad4j.autodiff.Tensor;

/**
 * Test-only: ridge regression solved in closed form, the outside truth the library is checked
 * against. Plain loops and a {@link Cholesky} solve written for the tests, sharing no code with
 * the library.
 *
 * <p>Inner objective, with a loss weight c (c = ½ for {@code ½·mean(r²)}, c = 1 for {@link
 * io.github.hypergrad4j.autodiff.OutputLoss#meanSquaredError}, which has no ½):
 *
 * <pre>
 *   f(θ, λ) = c·(1/n)·‖Xθ − y‖² + ½·Σ_j λ_j θ_j²        (λ of length 1 means λ·I)
 *   ∇_θ f = A θ − b,   A = (2c/n)·XᵀX + diag(λ),   b = (2c/n)·Xᵀy   ⇒   θ*(λ) = A⁻¹b
 * </pre>
 *
 * Outer objective g(θ) = (1/m)·‖Vθ − v‖² on the validation rows, ∇_θ g = (2/m)·Vᵀ(Vθ − v), no
 * direct dependence on λ. Differentiating A θ* = b in λ_j: A·∂θ* / ∂λ_j + e_j θ*_j = 0, so
 * ∂θ* / ∂λ_j = −A⁻¹e_j θ*_j and, with q = A⁻¹∇_θ g (A is symmetric),
 *
 * <pre>
 *   dg/dλ_j = ∇_θ gᵀ ∂θ* / ∂λ_j = −θ*_j·q_j        (per-feature penalties)
 *   dg/dλ   = Σ_j −θ*_j q_j = −θ*ᵀq               (one penalty λ·I)
 * </pre>
 */
final class RidgeClosedForm {

  private final TestData.Split data;
  private final double c;
  private final double[] gram; // (2c/n)·XᵀX, d × d
  private final double[] rhs; // (2c/n)·Xᵀy

  RidgeClosedForm(TestData.Split data, double lossWeight) {
    this.data = data;
    this.c = lossWeight;
    int n = data.nTrain();
    int d = data.d();
    gram = new double[d * d];
    rhs = new double[d];
    double s = 2 * c / n;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double xij = data.xTrain()[i * d + j];
        rhs[j] += s * xij * data.yTrain()[i];
        for (int k = 0; k < d; k++) {
          gram[j * d + k] += s * xij * data.xTrain()[i * d + k];
        }
      }
    }
  }

  /** A(λ) = (2c/n)·XᵀX + diag(λ), row-major. */
  double[] hessian(double[] lambda) {
    int d = data.d();
    double[] a = gram.clone();
    for (int j = 0; j < d; j++) {
      a[j * d + j] += lambda.length == 1 ? lambda[0] : lambda[j];
    }
    return a;
  }

  /** θ*(λ) = A⁻¹b. */
  double[] thetaStar(double[] lambda) {
    return Cholesky.solve(hessian(lambda), rhs, data.d());
  }

  /** g(θ) = mean((Vθ − v)²). */
  double validationLoss(double[] theta) {
    double[] r = validationResidual(theta);
    double s = 0;
    for (double v : r) {
      s += v * v;
    }
    return s / r.length;
  }

  /** G(λ) = g(θ*(λ)). */
  double validationLossAt(double[] lambda) {
    return validationLoss(thetaStar(lambda));
  }

  /** ∇_θ g(θ) = (2/m)·Vᵀ(Vθ − v). */
  double[] validationGradient(double[] theta) {
    int d = data.d();
    double[] r = validationResidual(theta);
    int m = r.length;
    double[] gTheta = new double[d];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < d; j++) {
        gTheta[j] += 2.0 / m * data.xVal()[i * d + j] * r[i];
      }
    }
    return gTheta;
  }

  /** The largest eigenvalue of g's Hessian (2/m)·VᵀV is at most this (its trace). */
  double validationCurvatureBound() {
    double s = 0;
    for (double v : data.xVal()) {
      s += v * v;
    }
    return 2.0 * s / data.nVal();
  }

  /** dG/dλ in closed form (see the class comment), of λ's length. */
  double[] hypergradient(double[] lambda) {
    int d = data.d();
    double[] theta = thetaStar(lambda);
    double[] gTheta = validationGradient(theta);
    double[] q = Cholesky.solve(hessian(lambda), gTheta, d);
    if (lambda.length == 1) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s -= theta[j] * q[j];
      }
      return new double[] {s};
    }
    double[] h = new double[d];
    for (int j = 0; j < d; j++) {
      h[j] = -theta[j] * q[j];
    }
    return h;
  }

  /** The library's form of f: c·meanSquaredError(Xθ, y) + ½·Σ λ_j θ_j² over the training rows. */
  Objective inner() {
    double[] x = data.xTrain();
    double[] y = data.yTrain();
    int n = data.nTrain();
    int d = data.d();
    return (theta, lambda, batch) -> {
      Tensor features = theta.tape().constant(x, Shape.matrix(n, d));
      double[] targets = y;
      if (batch != null) {
        features = features.gatherRows(batch);
        targets = new double[batch.length];
        for (int i = 0; i < batch.length; i++) {
          targets[i] = y[batch[i]];
        }
      }
      return features.matmul(theta).meanSquaredError(targets).scale(c)
          .add(lambda.mul(theta.square()).sum().scale(0.5));
    };
  }

  /** The library's form of g: meanSquaredError(Vθ, v) over the validation rows. */
  Objective outer() {
    double[] v = data.xVal();
    double[] t = data.yVal();
    int m = data.nVal();
    int d = data.d();
    return (theta, lambda, batch) -> theta.tape().constant(v, Shape.matrix(m, d)).matmul(theta).meanSquaredError(t);
  }

  private double[] validationResidual(double[] theta) {
    int m = data.nVal();
    int d = data.d();
    double[] r = new double[m];
    for (int i = 0; i < m; i++) {
      double s = -data.yVal()[i];
      for (int j = 0; j < d; j++) {
        s += data.xVal()[i * d + j] * theta[j];
      }
      r[i] = s;
    }
    return r;
  }
}
