package io.github.hypergrad4j.bench.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.autodiff.Derivatives;
import io.github.hypergrad4j.autodiff.Shape;
import io.github.hypergrad4j.autodiff.TensorFunction;
import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.HypergradientResult;
import io.github.hypergrad4j.ihvp.IhvpResult;
import io.github.hypergrad4j.linalg.factor.CholeskyFactorization;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The hypergradient with respect to the synthetic pixels against central differences of the
 * outer loss through re-solved inner problems: 2 classes, 4 pixels, k = 1 and 2. Each inner
 * problem is solved by L-BFGS and then polished by Newton's method on the dense 10 × 10 Hessian
 * (built column by column from Hessian-vector products, solved by Cholesky), so that θ*(λ ± h·e_i) is exact to
 * rounding and the differences measure the hypergradient, not the inner tolerance.
 */
class DistillationHypergradientTest {

  private static final int PIXELS = 4;
  private static final int CLASSES = 2;

  /** 24 real images of two overlapping Gaussian classes. */
  private static Dataset realImages() {
    SplittableRandom r = new SplittableRandom(3);
    int n = 24;
    double[] x = new double[n * PIXELS];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      for (int j = 0; j < PIXELS; j++) {
        x[i * PIXELS + j] = 0.5 + (y[i] == 1 ? 0.3 : -0.3) * (j % 2 == 0 ? 1 : -0.5) + 0.4 * r.nextGaussian();
      }
    }
    return new Dataset("toy", x, n, PIXELS, y, null, CLASSES);
  }

  @Test
  void matchesCentralDifferencesThroughReSolvedInnerProblems() {
    for (int k : new int[] {1, 2}) {
      check(k);
    }
  }

  private static void check(int k) {
    Dataset train = realImages();
    SoftmaxRegression model = new SoftmaxRegression(PIXELS, CLASSES, SoftmaxRegression.DEFAULT_L2);
    int[] labels = Distillation.labels(CLASSES, k);
    SplittableRandom r = new SplittableRandom(11 + k);
    double[] images = new double[CLASSES * k * PIXELS];
    for (int i = 0; i < images.length; i++) {
      images[i] = r.nextDouble();
    }
    double[] theta = solve(model, images, labels, new double[model.parameters()]);
    BilevelProblem problem = Distillation.problem(model, train, labels, images);
    HypergradientResult h = Distillation.hypergradient(Distillation.Solver.CG).compute(problem, theta, images);
    assertEquals(IhvpResult.Status.CONVERGED, h.solve().status());
    double step = 1e-4;
    double[] fd = new double[images.length];
    double largest = 0;
    for (int i = 0; i < images.length; i++) {
      double[] plus = images.clone();
      double[] minus = images.clone();
      plus[i] += step;
      minus[i] -= step;
      double gPlus = model.meanLoss(solve(model, plus, labels, theta), train);
      double gMinus = model.meanLoss(solve(model, minus, labels, theta), train);
      fd[i] = (gPlus - gMinus) / (2 * step);
      largest = Math.max(largest, Math.abs(fd[i]));
    }
    assertTrue(largest > 1e-3, "a hypergradient worth testing: " + largest);
    for (int i = 0; i < images.length; i++) {
      assertEquals(fd[i], h.hypergradient()[i], 1e-5 * largest, "k = " + k + ", pixel " + i);
    }
  }

  /** θ*(images): L-BFGS from θ₀, then Newton steps on the dense Hessian until the gradient stops shrinking. */
  private static double[] solve(SoftmaxRegression model, double[] images, int[] labels, double[] theta0) {
    double[] theta = model.fit(images, labels, theta0).theta();
    int n = theta.length;
    TensorFunction f = in -> model.objective(in[0], in[0].tape().constant(images, Shape.matrix(labels.length,
        PIXELS)), labels);
    for (int it = 0; it < 5; it++) {
      double[] g = Derivatives.valueAndGradient(f, new double[][] {theta}, 0).gradient();
      double[] hessian = new double[n * n];
      for (int j = 0; j < n; j++) {
        double[] e = new double[n];
        e[j] = 1;
        double[] column = Derivatives.hvp(f, new double[][] {theta}, 0, e);
        for (int i = 0; i < n; i++) {
          hessian[i * n + j] = column[i];
        }
      }
      CholeskyFactorization cholesky = CholeskyFactorization.factor(hessian, n);
      assertTrue(cholesky.isOk(), "the Hessian is positive definite");
      double[] step = cholesky.solve(g);
      for (int i = 0; i < n; i++) {
        theta[i] -= step[i];
      }
    }
    return theta;
  }
}
