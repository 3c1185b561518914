package io.github.hypergrad4j.bench.penalties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.HypergradientResult;
import io.github.hypergrad4j.bilevel.ImplicitHypergradient;
import io.github.hypergrad4j.bilevel.InnerOptimizer;
import io.github.hypergrad4j.bilevel.InnerResult;
import io.github.hypergrad4j.bilevel.InnerStopping;
import io.github.hypergrad4j.ihvp.ConjugateGradient;
import io.github.hypergrad4j.ihvp.SolverOptions;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The per-weight-penalty MLP: its sizes, and its implicit hypergradient against central
 * differences of the validation loss through re-solved inner problems.
 */
class PenaltyMlpTest {

  /** n examples of d features in k classes, labels from a random linear rule with some noise. */
  static Dataset synthetic(int n, int d, int k, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n * d];
    int[] y = new int[n];
    double[] w = new double[d * k];
    for (int i = 0; i < w.length; i++) {
      w[i] = r.nextDouble(-1, 1);
    }
    for (int i = 0; i < n; i++) {
      int best = 0;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < d; j++) {
        x[i * d + j] = r.nextDouble(-1, 1);
      }
      for (int c = 0; c < k; c++) {
        double s = 0.5 * r.nextDouble();
        for (int j = 0; j < d; j++) {
          s += x[i * d + j] * w[j * k + c];
        }
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      y[i] = best;
    }
    return new Dataset("synthetic", x, n, d, y, null, k);
  }

  @Test
  void sizesCountOnePenaltyPerWeight() {
    PenaltyMlp m = new PenaltyMlp(synthetic(6, 5, 3, 1), synthetic(4, 5, 3, 2), 4, 2);
    assertEquals(5 * 4 + 4 + 4 * 2 + 2 + 2 * 3 + 3, m.parameters());
    assertEquals(5 * 4 + 4 * 2 + 2 * 3, m.penalties());
    assertEquals("5-4-2-3", m.architecture());
  }

  @Test
  void theDefaultNetworkOnFashionMnistSizesHasOverAMillionPenalties() {
    Dataset pixels = new Dataset("pixels", new double[10 * 784], 10, 784, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
        null, 10);
    PenaltyMlp m = new PenaltyMlp(pixels, pixels, 1000, 250);
    assertEquals(1_036_500, m.penalties());
    assertEquals(1_036_500 + 1000 + 250 + 10, m.parameters());
  }

  @Test
  void badSizesAreRefused() {
    Dataset a = synthetic(6, 5, 3, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PenaltyMlp(a, a, 4, 0));
    assertTrue(e.getMessage().startsWith("PenaltyMlp: hidden widths must be >= 1, got [4, 0]"), e.getMessage());
    Dataset other = synthetic(6, 4, 3, 1);
    e = assertThrows(IllegalArgumentException.class, () -> new PenaltyMlp(a, other, 4));
    assertTrue(e.getMessage().startsWith("PenaltyMlp: the training set has 5 features"), e.getMessage());
  }

  @Test
  void thePenaltyIsHalfTheWeightedSumOfSquaredWeightsWithoutBiases() {
    Dataset a = synthetic(6, 2, 2, 1);
    PenaltyMlp m = new PenaltyMlp(a, a, 2);
    double[] theta = new double[m.parameters()];
    for (int i = 0; i < theta.length; i++) {
      theta[i] = i + 1; // W1 = 1..4, b1 = 5, 6, W2 = 7..10, b2 = 11, 12
    }
    double[] lambda = {1, 2, 3, 4, 5, 6, 7, 8};
    BilevelProblem p = m.problem(theta, lambda);
    double expected = 0.5 * (1 * 1 + 2 * 4 + 3 * 9 + 4 * 16 + 5 * 49 + 6 * 64 + 7 * 81 + 8 * 100);
    assertEquals(m.loss(theta, a) + expected, p.innerValue(theta, lambda), 1e-9);
  }

  /**
   * dG/dλ by IFT + CG (exact solve, no damping) against central differences of G(λ) =
   * g(θ*(λ)), each θ* re-solved by L-BFGS to |∇f| ≤ 1e-11 from the solution at λ; penalties
   * (0.002–0.02) large enough that the Hessian at the solution is positive definite (CG
   * converges without damping), small enough that the weights do not collapse to the stationary
   * point θ = 0 of a tanh net. A 3-4-2-3 net (34 penalties, two hidden layers), every penalty
   * checked: relative error of the vector ≤ 1e-5.
   */
  @Test
  void hypergradientMatchesCentralDifferencesThroughResolvedInnerProblems() {
    PenaltyMlp m = new PenaltyMlp(synthetic(30, 3, 3, 11), synthetic(20, 3, 3, 12), 4, 2);
    SplittableRandom r = new SplittableRandom(5);
    double[] lambda = new double[m.penalties()];
    for (int i = 0; i < lambda.length; i++) {
      lambda[i] = 0.002 + 0.018 * r.nextDouble();
    }
    BilevelProblem p = m.problem(m.initialTheta(3), lambda);
    InnerStopping tight = new InnerStopping(1e-11, 5000);
    InnerResult solved = InnerOptimizer.lbfgs().minimize(p.innerFunctionAt(lambda), p.initialTheta(), tight);
    assertTrue(solved.gradientNorm() <= 1e-10, "inner solve: " + solved);
    double[] theta = solved.theta();
    HypergradientResult h = ImplicitHypergradient.builder(new ConjugateGradient())
        .solverOptions(SolverOptions.defaults().withTolerance(1e-13).withMaxIterations(500)).build()
        .compute(p, theta, lambda);
    assertTrue(h.solve().converged(), h.solve().detail());
    double[] fd = new double[lambda.length];
    for (int i = 0; i < lambda.length; i++) {
      double step = 1e-4 * lambda[i];
      fd[i] = (validationAt(m, p, lambda, i, step, theta, tight) - validationAt(m, p, lambda, i, -step, theta, tight))
          / (2 * step);
    }
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < fd.length; i++) {
      diff += (h.hypergradient()[i] - fd[i]) * (h.hypergradient()[i] - fd[i]);
      norm += fd[i] * fd[i];
    }
    assertTrue(norm > 1e-8, "a hypergradient that is not zero: |fd|^2 = " + norm);
    assertTrue(Math.sqrt(diff / norm) <= 1e-5, "relative error " + Math.sqrt(diff / norm) + ", |fd| " + Math.sqrt(norm));
  }

  private static double validationAt(PenaltyMlp m, BilevelProblem p, double[] lambda, int i, double step,
      double[] theta, InnerStopping stopping) {
    double[] moved = lambda.clone();
    moved[i] += step;
    InnerResult r = InnerOptimizer.lbfgs().minimize(p.innerFunctionAt(moved), theta, stopping);
    assertTrue(r.gradientNorm() <= 1e-10, "re-solve: " + r);
    return m.loss(r.theta(), m.validation());
  }

  @Test
  void initialThetaIsReproducibleAndHasZeroBiases() {
    Dataset a = synthetic(6, 5, 3, 1);
    PenaltyMlp m = new PenaltyMlp(a, a, 4);
    assertArrayEquals(m.initialTheta(7), m.initialTheta(7));
    double[] t = m.initialTheta(7);
    for (int i = 20; i < 24; i++) {
      assertEquals(0.0, t[i]);
    }
  }
}
