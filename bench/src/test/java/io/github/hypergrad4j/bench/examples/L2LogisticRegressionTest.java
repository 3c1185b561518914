package io.github.hypergrad4j.bench.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bench.data.DatasetReader;
import io.github.hypergrad4j.bench.data.Splits;
import io.github.hypergrad4j.bench.examples.L2LogisticRegression.Penalties;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.DifferentiableFunction;
import io.github.hypergrad4j.bilevel.HypergradientResult;
import io.github.hypergrad4j.bilevel.ImplicitHypergradient;
import io.github.hypergrad4j.bilevel.InnerOptimizer;
import io.github.hypergrad4j.bilevel.InnerResult;
import io.github.hypergrad4j.bilevel.InnerStopping;
import io.github.hypergrad4j.ihvp.ExactSolver;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The penalty tying of {@link L2LogisticRegression} (per weight, per feature, global) and its
 * diagonal curvature, on digits (ten classes, 64 features; 400 rows drawn with seed 3, split
 * 60/20/20) and breast cancer (two classes).
 */
class L2LogisticRegressionTest {

  static L2LogisticRegression model(Dataset data) {
    Splits.TrainValidationTest s = Splits.split(data, 0.6, 0.2, 3);
    return new L2LogisticRegression(s.train(), s.validation());
  }

  static final L2LogisticRegression DIGITS = model(DatasetReader.digits().sample(400, 3));

  /**
   * Per-feature penalties are per-weight penalties tied by λ_(j,c) = λ_j, so by the chain rule
   * dg/dλ_j = Σ_c dg/dλ_(j,c) exactly, at the same θ (the inner objectives are the same function).
   * Both hypergradients by the exact solver at one θ; they must agree to rounding (1e-12 of
   * the hypergradient's norm).
   */
  @Test
  void thePerFeatureHypergradientIsTheSumOfTheTiedPerWeightOnes() {
    int d = DIGITS.hyperparameters(Penalties.PER_FEATURE);
    int k = DIGITS.weights() / d;
    assertEquals(64, d);
    assertEquals(10, k);
    Random r = new Random(5);
    double[] perFeature = new double[d];
    for (int j = 0; j < d; j++) {
      perFeature[j] = Math.pow(10, -3 + 3 * r.nextDouble());
    }
    double[] perWeight = DIGITS.perWeight(perFeature);
    BilevelProblem tied = DIGITS.problem(1.0, Penalties.PER_FEATURE);
    BilevelProblem free = DIGITS.problem(1.0, Penalties.PER_WEIGHT);
    InnerResult solved = InnerOptimizer.lbfgs().minimize(free.innerFunctionAt(perWeight), free.initialTheta(),
        new InnerStopping(1e-10, 5000));
    double[] theta = solved.theta();
    assertEquals(free.innerValue(theta, perWeight), tied.innerValue(theta, perFeature),
        1e-15 * free.innerValue(theta, perWeight));
    ImplicitHypergradient exact = ImplicitHypergradient.builder(new ExactSolver()).build();
    HypergradientResult hw = exact.compute(free, theta, perWeight);
    HypergradientResult hf = exact.compute(tied, theta, perFeature);
    double worst = 0;
    for (int j = 0; j < d; j++) {
      double sum = 0;
      for (int c = 0; c < k; c++) {
        sum += hw.hypergradient()[j * k + c];
      }
      worst = Math.max(worst, Math.abs(sum - hf.hypergradient()[j]));
    }
    assertTrue(worst <= 1e-12 * hf.norm(), "largest difference " + worst + ", |h| " + hf.norm());
  }

  /** With two classes one penalty per feature is one per weight: the same λ, the same objective. */
  @Test
  void forTwoClassesPerFeatureIsPerWeight() {
    L2LogisticRegression m = model(DatasetReader.breastCancer());
    assertEquals(m.hyperparameters(Penalties.PER_WEIGHT), m.hyperparameters(Penalties.PER_FEATURE));
    assertEquals(1, m.hyperparameters(Penalties.GLOBAL));
    double[] lambda = new double[m.weights()];
    double[] theta = new double[m.parameters()];
    Random r = new Random(2);
    for (int i = 0; i < theta.length; i++) {
      theta[i] = r.nextGaussian();
      lambda[Math.min(i, lambda.length - 1)] = Math.exp(r.nextGaussian());
    }
    assertEquals(m.problem(1.0, Penalties.PER_WEIGHT).innerValue(theta, lambda),
        m.problem(1.0, Penalties.PER_FEATURE).innerValue(theta, lambda), 0.0);
  }

  /**
   * The diagonal curvature c(λ) minus the penalties is the data term's Hessian diagonal at θ = 0,
   * checked against central differences of the gradient (step 1e-4; the loss is smooth, the error
   * about 1e-9) on every 5th coordinate, for ten classes and for two.
   */
  @Test
  void theDiagonalCurvatureIsTheHessianDiagonalAtZero() {
    for (L2LogisticRegression m : new L2LogisticRegression[] {DIGITS, model(DatasetReader.breastCancer())}) {
      for (Penalties p : Penalties.values()) {
        double[] lambda = new double[m.hyperparameters(p)];
        java.util.Arrays.fill(lambda, 0.37);
        BilevelProblem problem = m.problem(1.0, p);
        DifferentiableFunction f = problem.innerFunctionAt(lambda);
        double[] c = f.diagonalCurvature().orElseThrow();
        int n = m.parameters();
        double[] gPlus = new double[n];
        double[] gMinus = new double[n];
        double h = 1e-4;
        for (int i = 0; i < n; i += 5) {
          double[] x = new double[n];
          x[i] = h;
          f.valueAndGradient(x, gPlus);
          x[i] = -h;
          f.valueAndGradient(x, gMinus);
          double hessian = (gPlus[i] - gMinus[i]) / (2 * h);
          double penalty = i < m.weights() ? 0.37 : 0;
          if (hessian - penalty < 1e-12) { // a pixel that is 0 in every training row: c counts it as a unit column
            assertTrue(c[i] > penalty, p + ", coordinate " + i + " of " + n + ": " + c[i]);
            continue;
          }
          assertEquals(hessian, c[i], 1e-7, p + ", coordinate " + i + " of " + n);
        }
        assertTrue(m.problem(1.0, p == Penalties.GLOBAL).diagonalCurvature().isEmpty());
      }
    }
  }
}
