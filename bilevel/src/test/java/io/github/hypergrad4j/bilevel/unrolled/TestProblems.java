package io.github.hypergrad4j.bilevel.unrolled;

import io.github.hypergrad4j.autodiff.Shape;
import io.github.hypergrad4j.autodiff.Tensor;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.Objective;
import java.util.Random;

/**
 * Test-only: the problems the unrolled tests train on, and a plain re-run of training for finite
 * differences.
 *
 * <ul>
 *   <li>Logistic regression on breast cancer (340 training rows, 229 validation rows, split seed
 *       3): θ = (w, b), 31 parameters; λ = one L2 penalty per weight (30); the intercept carries a
 *       fixed penalty 10⁻⁴. f = mean BCE + ½Σλ_j w_j² + ½·10⁻⁴·b², g = mean validation BCE. The
 *       training rows can be batched.
 *   <li>A 2-8-1 tanh network on 64 synthetic points (y = sin(2x₁)·x₂ + noise): 33 parameters, one
 *       global L2 penalty λ; g is the MSE on 64 other points. Non-convex.
 *   <li>Least squares with {@code d} features on 64 rows of Gaussian data, one global penalty: a
 *       cheap problem of any width.
 * </ul>
 */
final class TestProblems {

  static final double BIAS_PENALTY = 1e-4;

  private static SharedTestData.Split cancer;

  private TestProblems() {}

  static synchronized SharedTestData.Split cancer() {
    if (cancer == null) {
      cancer = SharedTestData.breastCancer(3, 340);
    }
    return cancer;
  }

  /** The logistic problem at θ₀ = 0 with penalties log-uniform in [10⁻³, 10⁻¹] (seed 11). */
  static BilevelProblem logistic() {
    SharedTestData.Split s = cancer();
    int d = s.d();
    Random r = new Random(11);
    double[] lambda = new double[d];
    for (int j = 0; j < d; j++) {
      lambda[j] = Math.pow(10, -3 + 2 * r.nextDouble());
    }
    double[] theta0 = new double[d + 1];
    for (int j = 0; j <= d; j++) {
      theta0[j] = 0.1 * r.nextGaussian();
    }
    Objective inner = (theta, lam, batch) -> {
      double[] y = s.yTrain();
      Tensor x = theta.tape().constant(s.xTrain(), Shape.matrix(s.nTrain(), d));
      if (batch != null) {
        x = x.gatherRows(batch);
        double[] yb = new double[batch.length];
        for (int i = 0; i < batch.length; i++) {
          yb[i] = y[batch[i]];
        }
        y = yb;
      }
      Tensor w = theta.slice(0, d);
      return x.matmul(w).add(theta.slice(d, d + 1)).binaryCrossEntropyWithLogits(y)
          .add(lam.mul(w.square()).sum().scale(0.5))
          .add(theta.slice(d, d + 1).square().sum().scale(0.5 * BIAS_PENALTY));
    };
    Objective outer = (theta, lam, batch) -> theta.tape().constant(s.xVal(), Shape.matrix(s.nVal(), d))
        .matmul(theta.slice(0, d)).add(theta.slice(d, d + 1)).binaryCrossEntropyWithLogits(s.yVal());
    return BilevelProblem.builder().inner(inner).outer(outer).initialTheta(theta0).initialLambda(lambda)
        .trainingExamples(s.nTrain()).build();
  }

  static final int HIDDEN = 8;
  /** 2·8 weights, 8 biases, 8 output weights, 1 output bias. */
  static final int MLP_SIZE = 2 * HIDDEN + HIDDEN + HIDDEN + 1;

  /** The tanh network, θ₀ ~ N(0, 0.5²) (seed 5), λ = 10⁻³. */
  static BilevelProblem mlp() {
    Random r = new Random(5);
    double[][] train = points(r, 64);
    double[][] val = points(r, 64);
    double[] theta0 = new double[MLP_SIZE];
    for (int i = 0; i < MLP_SIZE; i++) {
      theta0[i] = 0.5 * r.nextGaussian();
    }
    Objective inner = (theta, lam, batch) -> network(theta, train[0]).meanSquaredError(train[1])
        .add(lam.mul(theta.square().sum()).sum().scale(0.5));
    Objective outer = (theta, lam, batch) -> network(theta, val[0]).meanSquaredError(val[1]);
    return BilevelProblem.builder().inner(inner).outer(outer).initialTheta(theta0)
        .initialLambda(new double[] {1e-3}).build();
  }

  private static Tensor network(Tensor theta, double[] x) {
    int n = x.length / 2;
    Tensor in = theta.tape().constant(x, Shape.matrix(n, 2));
    Tensor w1 = theta.slice(0, 2 * HIDDEN).reshape(2, HIDDEN);
    Tensor b1 = theta.slice(2 * HIDDEN, 3 * HIDDEN).reshape(1, HIDDEN);
    Tensor w2 = theta.slice(3 * HIDDEN, 4 * HIDDEN);
    Tensor b2 = theta.slice(4 * HIDDEN, MLP_SIZE);
    return in.matmul(w1).add(b1).tanh().matmul(w2).add(b2);
  }

  private static double[][] points(Random r, int n) {
    double[] x = new double[2 * n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = 2 * r.nextDouble() - 1;
      x[2 * i + 1] = 2 * r.nextDouble() - 1;
      y[i] = Math.sin(2 * x[2 * i]) * x[2 * i + 1] + 0.05 * r.nextGaussian();
    }
    return new double[][] {x, y};
  }

  /** Least squares on 64 rows with d Gaussian features (seed 9), one global penalty 10⁻². */
  static BilevelProblem leastSquares(int d) {
    Random r = new Random(9);
    int n = 64;
    double[] x = new double[n * d];
    double[] xv = new double[n * d];
    double[] truth = new double[d];
    for (int j = 0; j < d; j++) {
      truth[j] = r.nextGaussian() / Math.sqrt(d);
    }
    double[] y = new double[n];
    double[] yv = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i * d + j] = r.nextGaussian();
        xv[i * d + j] = r.nextGaussian();
        y[i] += x[i * d + j] * truth[j];
        yv[i] += xv[i * d + j] * truth[j];
      }
      y[i] += 0.1 * r.nextGaussian();
      yv[i] += 0.1 * r.nextGaussian();
    }
    Objective inner = (theta, lam, batch) -> theta.tape().constant(x, Shape.matrix(n, d)).matmul(theta)
        .meanSquaredError(y).add(lam.mul(theta.square().sum()).sum().scale(0.5));
    Objective outer = (theta, lam, batch) -> theta.tape().constant(xv, Shape.matrix(n, d)).matmul(theta)
        .meanSquaredError(yv);
    return BilevelProblem.builder().inner(inner).outer(outer).initialTheta(new double[d])
        .initialLambda(new double[] {1e-2}).build();
  }

  /**
   * L = g(θ_T, λ) after training from θ₀: the forward run alone, as a finite difference needs
   * it. Fails the test if the run does not complete.
   */
  static double validationLoss(BilevelProblem problem, UnrolledOptimizer optimizer, double[] theta0,
      double[] lambda, MiniBatches batches) {
    TrainingRun run = new TrainingRun("test", problem, lambda, optimizer, batches);
    TrainingRun.Outcome outcome = run.forward(theta0, null, null);
    if (outcome.status() != UnrolledResult.Status.OK) {
      throw new AssertionError("the re-run ended " + outcome.status() + ": " + outcome.detail());
    }
    return run.evaluate(outcome.state()[0]).validationLoss();
  }

  /** ‖a − b‖₂ / ‖b‖₂. */
  static double relativeError(double[] a, double[] b) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < b.length; i++) {
      num += (a[i] - b[i]) * (a[i] - b[i]);
      den += b[i] * b[i];
    }
    return Math.sqrt(num / den);
  }
}
