package io.github.hypergrad4j.bench.accuracy;

import io.github.hypergrad4j.autodiff.Shape;
import io.github.hypergrad4j.autodiff.Tensor;
import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bench.data.DatasetReader;
import io.github.hypergrad4j.bench.data.Splits;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.Objective;
import io.github.hypergrad4j.bilevel.Parametrization;
import io.github.hypergrad4j.linalg.Kernels;
import io.github.hypergrad4j.linalg.factor.CholeskyFactorization;
import java.util.Arrays;

/**
 * Ridge regression with one penalty per feature, the study's closed-form anchor (the DESIGN's
 * "ridge regression, whose hypergradient is known exactly").
 *
 * <p><b>Problem.</b> X (n×d) the standardised training features, y the training targets centred
 * and scaled by their training mean and standard deviation (so no intercept is needed: with
 * centred columns it decouples from the weights exactly); X_v, y_v the validation part treated
 * the same way.
 *
 * <pre>
 *   f(θ, λ) = (1/2n)·‖Xθ − y‖² + ½·Σ_j λ_j θ_j²         g(θ) = (1/2n_v)·‖X_vθ − y_v‖²
 * </pre>
 *
 * <p><b>Closed form.</b> With A(λ) = XᵀX/n + diag(λ) (= ∇²_θθ f, positive definite for λ &gt; 0):
 * θ*(λ) = A⁻¹Xᵀy/n; differentiating A·θ* = Xᵀy/n in λ_j gives ∂(θ*)/∂λ_j = −A⁻¹e_jθ*_j, so with
 * ∇g = X_vᵀ(X_vθ* − y_v)/n_v (and ∇_λ g = 0)
 *
 * <pre>   dg/dλ = −θ* ⊙ (A⁻¹∇g).</pre>
 *
 * Both solves use one Cholesky factorisation of the d×d matrix A (d³/3 flops, EJML through
 * {@link CholeskyFactorization}); forming XᵀX costs n·d² flops. No autodiff is involved, so the
 * closed form checks the autodiff-based hypergradients independently. (Bengio, "Gradient-based
 * optimization of hyperparameters", Neural Computation 12(8), 2000, §4, derives the same
 * formula.)
 */
public final class RidgeProblem {

  private final double[] x;
  private final double[] y;
  private final double[] xv;
  private final double[] yv;
  private final int n;
  private final int nv;
  private final int d;

  /**
   * Diabetes (442 × 10), split 60/20/20 with {@code seed} and standardised by {@link Splits}.
   */
  public static RidgeProblem diabetes(long seed) {
    Splits.TrainValidationTest parts = Splits.split(DatasetReader.diabetes(), 0.6, 0.2, seed);
    return new RidgeProblem(parts.train(), parts.validation());
  }

  /** Ridge on these regression sets (same features); the targets are centred and scaled here. */
  public RidgeProblem(Dataset train, Dataset validation) {
    if (train.targets() == null || validation.targets() == null || train.cols() != validation.cols()) {
      throw new IllegalArgumentException("RidgeProblem: needs two regression sets with the same features, got "
          + train.cols() + " and " + validation.cols() + " columns");
    }
    this.n = train.rows();
    this.nv = validation.rows();
    this.d = train.cols();
    this.x = train.features().clone();
    this.xv = validation.features().clone();
    double mean = Arrays.stream(train.targets()).average().orElse(0);
    double variance = Arrays.stream(train.targets()).map(t -> (t - mean) * (t - mean)).sum() / n;
    double scale = variance > 0 ? Math.sqrt(variance) : 1;
    this.y = Arrays.stream(train.targets()).map(t -> (t - mean) / scale).toArray();
    this.yv = Arrays.stream(validation.targets()).map(t -> (t - mean) / scale).toArray();
  }

  /** Number of features d (= parameters = hyperparameters). */
  public int features() {
    return d;
  }

  /** Training examples n. */
  public int trainingRows() {
    return n;
  }

  /** Validation examples n_v. */
  public int validationRows() {
    return nv;
  }

  /** A(λ) = XᵀX/n + diag(λ), d×d row-major. Cost n·d² flops. */
  public double[] hessian(double[] lambda) {
    checkLambda(lambda);
    double[] a = new double[d * d];
    Kernels.gemmTransposedA(d, d, n, 1.0 / n, x, x, 0.0, a);
    for (int i = 0; i < d; i++) {
      for (int j = i + 1; j < d; j++) {
        a[j * d + i] = a[i * d + j]; // exactly symmetric
      }
      a[i * d + i] += lambda[i];
    }
    return a;
  }

  /** θ*(λ) = A(λ)⁻¹Xᵀy/n by Cholesky. Cost n·d² + d³/3 flops. */
  public double[] solution(double[] lambda) {
    return factor(lambda).solve(rhs());
  }

  /** g(θ) = (1/2n_v)‖X_vθ − y_v‖². Cost 2·n_v·d flops. */
  public double validationLoss(double[] theta) {
    double[] r = new double[nv];
    Kernels.gemv(nv, d, 1.0, xv, theta, 0.0, r);
    Kernels.axpy(-1.0, yv, r);
    return Kernels.dot(r, r) / (2.0 * nv);
  }

  /**
   * The exact hypergradient dg/dλ = −θ* ⊙ A⁻¹∇g at θ*(λ), from one Cholesky factorisation and two
   * triangular solve pairs. Cost n·d² + d³/3 + 4·n_v·d flops.
   *
   * @param lambda λ, d entries, positive enough for A(λ) to be positive definite
   * @return dg/dλ, d entries
   */
  public double[] hypergradient(double[] lambda) {
    CholeskyFactorization chol = factor(lambda);
    double[] theta = chol.solve(rhs());
    double[] p = chol.solve(validationGradient(theta));
    double[] h = new double[d];
    for (int j = 0; j < d; j++) {
      h[j] = -theta[j] * p[j];
    }
    return h;
  }

  /** ∇g(θ) = X_vᵀ(X_vθ − y_v)/n_v. */
  double[] validationGradient(double[] theta) {
    double[] r = new double[nv];
    Kernels.gemv(nv, d, 1.0, xv, theta, 0.0, r);
    Kernels.axpy(-1.0, yv, r);
    double[] g = new double[d];
    Kernels.gemvTransposed(nv, d, 1.0 / nv, xv, r, 0.0, g);
    return g;
  }

  /** f as an autodiff objective (the same formula as the closed form); one evaluation costs 2·n·d flops. */
  public Objective inner() {
    return (theta, lambda, batch) -> {
      Tensor residual = theta.tape().constant(x, Shape.matrix(n, d)).matmul(theta)
          .sub(theta.tape().constant(y, Shape.vector(n)));
      return residual.squaredNorm().scale(0.5 / n).add(lambda.mul(theta.square()).sum().scale(0.5));
    };
  }

  /** g as an autodiff objective; one evaluation costs 2·n_v·d flops. */
  public Objective outer() {
    return (theta, lambda, batch) -> theta.tape().constant(xv, Shape.matrix(nv, d)).matmul(theta)
        .sub(theta.tape().constant(yv, Shape.vector(nv))).squaredNorm().scale(0.5 / nv);
  }

  /** The bilevel problem from θ = 0 at λ₀ (λ parametrised as e^u, as penalties want). */
  public BilevelProblem problem(double[] lambda0) {
    checkLambda(lambda0);
    return BilevelProblem.builder().inner(inner()).outer(outer()).initialTheta(new double[d])
        .initialLambda(lambda0).parametrization(Parametrization.exp()).build();
  }

  private double[] rhs() {
    double[] b = new double[d];
    Kernels.gemvTransposed(n, d, 1.0 / n, x, y, 0.0, b);
    return b;
  }

  private CholeskyFactorization factor(double[] lambda) {
    CholeskyFactorization chol = CholeskyFactorization.factor(hessian(lambda), d);
    if (!chol.isOk()) {
      throw new IllegalArgumentException("RidgeProblem: X^T X/n + diag(lambda) is not positive definite: "
          + chol.message());
    }
    return chol;
  }

  private void checkLambda(double[] lambda) {
    if (lambda == null || lambda.length != d) {
      throw new IllegalArgumentException("RidgeProblem: lambda needs " + d + " entries, got "
          + (lambda == null ? "null" : lambda.length));
    }
  }
}
