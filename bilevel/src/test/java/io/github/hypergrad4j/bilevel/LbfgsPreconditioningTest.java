package io.github.hypergrad4j.bilevel;

import static io.github.hypergrad4j.bilevel.InnerOptimizerTest.distance;
import static io.github.hypergrad4j.bilevel.InnerOptimizerTest.norm;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.autodiff.Shape;
import io.github.hypergrad4j.autodiff.Tensor;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * L-BFGS with a diagonal preconditioner (H₀ = γ·diag(1/c), {@link Lbfgs}) on penalised logistic
 * regressions whose L2 penalties spread over 10⁻⁸ … 10, the case of the issue: random Gaussian
 * features with column scales over a decade, labels drawn from a logistic model (not separable,
 * so even the nearly unpenalised weights have a finite minimiser), an unpenalised bias, and
 *
 * <pre>   f(θ) = mean_r [softplus(x_rᵀw + b) − y_r·(x_rᵀw + b)] + ½ Σ_j λ_j w_j²,
 *   c_j = ¼·mean_r(x_rj²) + λ_j (weights),   c_b = ¼ (bias)</pre>
 *
 * (¼·mean x² is the data term's exact curvature at θ = 0). f, ∇f and the Hessian are written
 * here in plain loops. <b>The outside truth</b> for the minimiser is Newton's method on that
 * Hessian ({@link Cholesky}), polished from the unpreconditioned solution until ‖∇f‖ ≤ 1e-13.
 */
class LbfgsPreconditioningTest {

  /** The problem of one seed: n rows, d features. */
  static final class PenalisedLogistic implements DifferentiableFunction {
    final int n;
    final int d;
    final double[] x;
    final double[] y;
    final double[] lambda;
    final double[] curvature; // c, or null for none

    PenalisedLogistic(long seed, int n, int d) {
      this.n = n;
      this.d = d;
      Random r = new Random(seed);
      double[] columnScale = new double[d];
      double[] w = new double[d];
      lambda = new double[d];
      for (int j = 0; j < d; j++) {
        columnScale[j] = Math.pow(10, r.nextDouble() - 0.5);
        w[j] = r.nextGaussian() / Math.sqrt(d) / columnScale[j];
        lambda[j] = Math.pow(10, -8 + 9 * r.nextDouble()); // 1e-8 … 10
      }
      lambda[0] = 1e-8; // both ends present
      lambda[1] = 10;
      x = new double[n * d];
      y = new double[n];
      for (int i = 0; i < n; i++) {
        double z = 0.3;
        for (int j = 0; j < d; j++) {
          x[i * d + j] = columnScale[j] * r.nextGaussian();
          z += x[i * d + j] * w[j];
        }
        y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
      }
      curvature = new double[d + 1];
      for (int j = 0; j < d; j++) {
        double m = 0;
        for (int i = 0; i < n; i++) {
          m += x[i * d + j] * x[i * d + j];
        }
        curvature[j] = 0.25 * m / n + lambda[j];
      }
      curvature[d] = 0.25;
    }

    private PenalisedLogistic(PenalisedLogistic p, double[] curvature) {
      this.n = p.n;
      this.d = p.d;
      this.x = p.x;
      this.y = p.y;
      this.lambda = p.lambda;
      this.curvature = curvature;
    }

    /** The same function with another hint (null: none). */
    PenalisedLogistic withCurvature(double[] c) {
      return new PenalisedLogistic(this, c);
    }

    @Override
    public double valueAndGradient(double[] theta, double[] g) {
      java.util.Arrays.fill(g, 0);
      double v = 0;
      for (int i = 0; i < n; i++) {
        double z = theta[d];
        for (int j = 0; j < d; j++) {
          z += x[i * d + j] * theta[j];
        }
        v += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i] * z;
        double e = sigmoid(z) - y[i];
        for (int j = 0; j < d; j++) {
          g[j] += e * x[i * d + j] / n;
        }
        g[d] += e / n;
      }
      v /= n;
      for (int j = 0; j < d; j++) {
        v += 0.5 * lambda[j] * theta[j] * theta[j];
        g[j] += lambda[j] * theta[j];
      }
      return v;
    }

    @Override
    public Optional<double[]> diagonalCurvature() {
      return curvature == null ? Optional.empty() : Optional.of(curvature.clone());
    }

    /** ∇²f, (d + 1)², row-major. */
    double[] hessian(double[] theta) {
      int p = d + 1;
      double[] h = new double[p * p];
      double[] row = new double[p];
      for (int i = 0; i < n; i++) {
        double z = theta[d];
        for (int j = 0; j < d; j++) {
          z += x[i * d + j] * theta[j];
        }
        double s = sigmoid(z) * (1 - sigmoid(z)) / n;
        System.arraycopy(x, i * d, row, 0, d);
        row[d] = 1;
        for (int a = 0; a < p; a++) {
          for (int b = 0; b < p; b++) {
            h[a * p + b] += s * row[a] * row[b];
          }
        }
      }
      for (int j = 0; j < d; j++) {
        h[j * p + j] += lambda[j];
      }
      return h;
    }

    /** The minimiser by Newton's method from θ, until ‖∇f‖ ≤ 1e-13 (or 50 steps). */
    double[] newton(double[] start) {
      double[] theta = start.clone();
      double[] g = new double[d + 1];
      for (int it = 0; it < 50; it++) {
        valueAndGradient(theta, g);
        if (norm(g) <= 1e-13) {
          return theta;
        }
        double[] step = Cholesky.solve(hessian(theta), g, d + 1);
        for (int j = 0; j <= d; j++) {
          theta[j] -= step[j];
        }
      }
      valueAndGradient(theta, g);
      assertTrue(norm(g) <= 1e-12, "Newton did not converge: |grad| = " + norm(g));
      return theta;
    }
  }

  static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }


  static final InnerStopping STOP = new InnerStopping(1e-8, 20_000);

  /**
   * Same minimiser, far fewer iterations. Measured over these five seeds (n = 400, d = 40, ‖∇f‖ ≤
   * 1e-8 from θ = 0): without the preconditioner 146 to 180 iterations (160 to 205 gradients),
   * with it 14 (15 or 16 gradients). The test asks for at most a quarter, a margin of 2.5 on the
   * worst seed. The distance to Newton's minimiser is bounded by twice the Newton step from the
   * solution, ‖H⁻¹∇f(θ)‖, its second-order estimate (measured: 1e-8 to 3.5e-8, half the bound).
   */
  @Test
  void theDiagonalPreconditionerReachesTheSameMinimiserInAQuarterOfTheIterations() {
    for (long seed = 1; seed <= 5; seed++) {
      PenalisedLogistic hinted = new PenalisedLogistic(seed, 400, 40);
      PenalisedLogistic plain = hinted.withCurvature(null);
      double[] start = new double[41];
      InnerResult without = InnerOptimizer.lbfgs().minimize(plain, start, STOP);
      InnerResult with = InnerOptimizer.lbfgs().minimize(hinted, start, STOP);
      assertEquals(InnerResult.Status.CONVERGED, without.status(), without.toString());
      assertEquals(InnerResult.Status.CONVERGED, with.status(), with.toString());
      double[] reference = plain.newton(without.theta());
      double[] g = new double[41];
      plain.valueAndGradient(with.theta(), g);
      double bound = 2 * norm(Cholesky.solve(plain.hessian(reference), g, 41));
      assertTrue(distance(with.theta(), reference) <= bound,
          "seed " + seed + ": distance " + distance(with.theta(), reference) + ", bound " + bound);
      assertTrue(4 * with.iterations() <= without.iterations(),
          "seed " + seed + ": " + with.iterations() + " iterations with, " + without.iterations() + " without");
    }
  }

  /** A hint of all ones (D = I) is bit-identical to no hint: the hint is the only new input. */
  @Test
  void aHintOfOnesChangesNothing() {
    PenalisedLogistic plain = new PenalisedLogistic(9, 200, 20).withCurvature(null);
    double[] ones = new double[21];
    java.util.Arrays.fill(ones, 1.0);
    double[] start = new double[21];
    InnerResult without = InnerOptimizer.lbfgs().minimize(plain, start, STOP);
    InnerResult identity = InnerOptimizer.lbfgs().minimize(plain.withCurvature(ones), start, STOP);
    assertArrayEquals(without.theta(), identity.theta(), 0.0);
    assertEquals(without.iterations(), identity.iterations());
    assertEquals(without.gradientEvaluations(), identity.gradientEvaluations());
  }

  @Test
  void aBadHintIsRefused() {
    PenalisedLogistic p = new PenalisedLogistic(2, 50, 4);
    double[] start = new double[5];
    for (double[] bad : new double[][] {{1, 1, 1, 1}, {1, 1, 0, 1, 1}, {1, 1, Double.NaN, 1, 1},
        {1, 1, Double.POSITIVE_INFINITY, 1, 1}, {1, -1, 1, 1, 1}}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> InnerOptimizer.lbfgs().minimize(p.withCurvature(bad), start, STOP));
      assertTrue(e.getMessage().startsWith("Lbfgs: the diagonal curvature of f"), e.getMessage());
    }
  }

  /**
   * The wiring: a {@link BilevelProblem} with a {@link DiagonalCurvature} hands c(λ) to its inner
   * function at λ, and a wrong one is refused at build time and at λ.
   */
  @Test
  void aBilevelProblemPassesItsDiagonalCurvatureAtLambda() {
    PenalisedLogistic data = new PenalisedLogistic(4, 100, 5);
    Objective loss = (theta, lambda, batch) -> {
      Tensor xs = theta.tape().constant(data.x, Shape.matrix(data.n, data.d));
      Tensor z = xs.matmul(theta.slice(0, data.d).reshape(data.d, 1)).add(theta.slice(data.d, data.d + 1)).flatten();
      return z.binaryCrossEntropyWithLogits(data.y).add(lambda.mul(theta.slice(0, data.d).square()).sum().scale(0.5));
    };
    DiagonalCurvature c = lambda -> {
      double[] out = new double[data.d + 1];
      for (int j = 0; j < data.d; j++) {
        out[j] = 0.25 + lambda[j];
      }
      out[data.d] = 0.25;
      return out;
    };
    BilevelProblem.Builder b = BilevelProblem.builder().inner(loss).outer(loss).initialTheta(new double[data.d + 1])
        .initialLambda(data.lambda);
    assertTrue(b.build().innerFunctionAt(data.lambda).diagonalCurvature().isEmpty());
    BilevelProblem p = b.diagonalCurvature(c).build();
    double[] at = {1, 2, 3, 4, 5};
    assertArrayEquals(c.at(at), p.innerFunctionAt(at).diagonalCurvature().orElseThrow(), 0.0);
    // the same minimiser with and without, through the tape
    InnerResult hinted = InnerOptimizer.lbfgs().minimize(p.innerFunctionAt(data.lambda), p.initialTheta(), STOP);
    double[] reference = data.withCurvature(null).newton(hinted.theta());
    assertTrue(distance(hinted.theta(), reference) <= 1e-6, "distance " + distance(hinted.theta(), reference));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> b.diagonalCurvature(lambda -> new double[3]).build());
    assertTrue(e.getMessage().startsWith("BilevelProblem: the diagonal curvature has length 3 but theta has 6"),
        e.getMessage());
    BilevelProblem q = b.diagonalCurvature(lambda -> {
      double[] out = c.at(lambda);
      out[0] = lambda[0] > 100 ? 0 : out[0];
      return out;
    }).build();
    e = assertThrows(IllegalArgumentException.class, () -> q.innerFunctionAt(new double[] {200, 1, 1, 1, 1}));
    assertTrue(e.getMessage().startsWith("BilevelProblem.innerFunctionAt: the diagonal curvature[0] = 0.0"),
        e.getMessage());
  }
}
