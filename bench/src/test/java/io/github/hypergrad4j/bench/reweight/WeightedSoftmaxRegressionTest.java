package io.github.hypergrad4j.bench.reweight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.DifferentiableFunction;
import io.github.hypergrad4j.bilevel.HypergradientResult;
import io.github.hypergrad4j.bilevel.ImplicitHypergradient;
import io.github.hypergrad4j.bilevel.InnerResult;
import io.github.hypergrad4j.bilevel.InnerStopping;
import io.github.hypergrad4j.bilevel.Parametrization;
import io.github.hypergrad4j.ihvp.ConjugateGradient;
import io.github.hypergrad4j.ihvp.SolverOptions;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link WeightedSoftmaxRegression}: equal weights give the unweighted problem (against loops
 * written here), and the implicit hypergradient with respect to each example weight matches
 * central differences through re-solved inner problems.
 */
class WeightedSoftmaxRegressionTest {

  private static final double MU = 0.05;

  /** The unweighted (1/n) Σ CE_i + (μ/2)‖θ‖² and its gradient, by plain loops. */
  private static double unweighted(Dataset s, double[] theta, double[] gradient) {
    int d = s.cols();
    int k = s.classes();
    Arrays.fill(gradient, 0);
    double value = 0;
    for (int i = 0; i < s.rows(); i++) {
      double[] z = new double[k];
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        z[c] = theta[d * k + c];
        for (int j = 0; j < d; j++) {
          z[c] += s.features()[i * d + j] * theta[j * k + c];
        }
        max = Math.max(max, z[c]);
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        sum += Math.exp(z[c] - max);
      }
      value += (max + Math.log(sum) - z[s.labels()[i]]) / s.rows();
      for (int c = 0; c < k; c++) {
        double r = (Math.exp(z[c] - max) / sum - (c == s.labels()[i] ? 1 : 0)) / s.rows();
        gradient[d * k + c] += r;
        for (int j = 0; j < d; j++) {
          gradient[j * k + c] += r * s.features()[i * d + j];
        }
      }
    }
    for (int p = 0; p < theta.length; p++) {
      value += MU / 2 * theta[p] * theta[p];
      gradient[p] += MU * theta[p];
    }
    return value;
  }

  @Test
  void withAllWeightsOneTheInnerProblemIsTheUnweightedOne() {
    Dataset train = ToyData.blobs(23, 4, 3, 1.5, 1);
    WeightedSoftmaxRegression model = new WeightedSoftmaxRegression(train, ToyData.blobs(9, 4, 3, 1.5, 2), MU);
    SplittableRandom random = new SplittableRandom(3);
    double[] ones = new double[23];
    Arrays.fill(ones, 1.0);
    for (int trial = 0; trial < 3; trial++) {
      double[] theta = random.doubles(model.parameters(), -1, 1).toArray();
      BilevelProblem p = model.problem(theta, ones, Parametrization.identity());
      DifferentiableFunction f = p.innerFunctionAt(ones);
      double[] g = new double[theta.length];
      double[] expected = new double[theta.length];
      double value = f.valueAndGradient(theta, g);
      double reference = unweighted(train, theta, expected);
      assertEquals(reference, value, 1e-13 * Math.abs(reference));
      for (int i = 0; i < g.length; i++) {
        assertEquals(expected[i], g[i], 1e-13 * (1 + Math.abs(expected[i])), "gradient " + i);
      }
    }
  }

  @Test
  void theOracleWeightsEqualTheUnweightedProblemOnTheKeptExamples() {
    Dataset train = ToyData.blobs(12, 3, 3, 1.5, 4);
    WeightedSoftmaxRegression model = new WeightedSoftmaxRegression(train, ToyData.blobs(6, 3, 3, 1.5, 5), MU);
    int[] kept = {0, 2, 3, 5, 7, 8, 11};
    double[] w = new double[12];
    for (int i : kept) {
      w[i] = 12.0 / kept.length;
    }
    double[] theta = new SplittableRandom(6).doubles(model.parameters(), -1, 1).toArray();
    double[] g = new double[theta.length];
    double[] expected = new double[theta.length];
    double value = model.problem(theta, w, Parametrization.identity()).innerFunctionAt(w).valueAndGradient(theta, g);
    double reference = unweighted(train.rows(kept, "kept"), theta, expected);
    assertEquals(reference, value, 1e-13 * Math.abs(reference));
    for (int i = 0; i < g.length; i++) {
      assertEquals(expected[i], g[i], 1e-13 * (1 + Math.abs(expected[i])), "gradient " + i);
    }
  }

  @Test
  void theHypergradientForEachExampleWeightMatchesCentralDifferencesThroughReSolvedInnerProblems() {
    int n = 8;
    Dataset train = ToyData.blobs(n, 2, 3, 1.0, 7);
    Dataset validation = ToyData.blobs(6, 2, 3, 1.0, 8);
    WeightedSoftmaxRegression model = new WeightedSoftmaxRegression(train, validation, MU);
    double[] w = new SplittableRandom(9).doubles(n, 0.2, 0.9).toArray();
    InnerStopping tight = new InnerStopping(1e-13, 10_000);
    InnerResult solved = model.fit(w, new double[model.parameters()], tight);
    assertTrue(solved.gradientNorm() < 1e-12, "inner stationarity " + solved.gradientNorm());
    BilevelProblem problem = model.problem(solved.theta(), w, Parametrization.box(0, 1));
    HypergradientResult h = ImplicitHypergradient.builder(new ConjugateGradient())
        .solverOptions(SolverOptions.defaults().withTolerance(1e-13)).build().compute(problem, solved.theta(), w);
    double step = 1e-4;
    for (int i = 0; i < n; i++) {
      double[] plus = w.clone();
      double[] minus = w.clone();
      plus[i] += step;
      minus[i] -= step;
      double gPlus = model.meanLoss(model.fit(plus, solved.theta(), tight).theta(), validation);
      double gMinus = model.meanLoss(model.fit(minus, solved.theta(), tight).theta(), validation);
      double fd = (gPlus - gMinus) / (2 * step);
      assertEquals(fd, h.hypergradient()[i], 1e-5 * Math.abs(fd), "weight " + i + ": implicit "
          + h.hypergradient()[i] + ", central difference " + fd);
    }
  }

  @Test
  void badInputIsRefused() {
    Dataset a = ToyData.blobs(6, 2, 3, 1, 1);
    IllegalArgumentException mu = assertThrows(IllegalArgumentException.class,
        () -> new WeightedSoftmaxRegression(a, a, 0));
    assertTrue(mu.getMessage().startsWith("WeightedSoftmaxRegression: mu") && mu.getMessage().contains("0.0"));
    IllegalArgumentException shapes = assertThrows(IllegalArgumentException.class,
        () -> new WeightedSoftmaxRegression(a, ToyData.blobs(6, 3, 3, 1, 1), 1));
    assertTrue(shapes.getMessage().contains("6x2") && shapes.getMessage().contains("6x3"), shapes.getMessage());
    WeightedSoftmaxRegression m = new WeightedSoftmaxRegression(a, a, 1);
    double[] w = {1, 1, -1, 1, 1, 1};
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> m.fit(w, new double[m.parameters()], InnerStopping.defaults()));
    assertTrue(negative.getMessage().contains("weight 2 is -1.0"), negative.getMessage());
    IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
        () -> m.problem(new double[m.parameters()], new double[5], Parametrization.identity()));
    assertTrue(length.getMessage().contains("weights0 of length 6") && length.getMessage().contains("and 5"),
        length.getMessage());
  }
}
