package io.github.hypergrad4j.bilevel.stn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.hypergrad4j.bilevel.StepRule;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The score-function estimator of {@link BinomialReinforce} on a discrete toy problem with a known
 * optimum: k ∈ {0, …, 10} drawn from Binomial(10, σ(u)), loss L(k) = (k − 7)². The expected loss
 * E_p[L] = Σ_k P(k) L(k) is computed exactly by enumeration, so both its gradient in u and its
 * minimiser p* are known without the estimator (for this L, p* = 13/18, whose Binomial mode is
 * k = 7, the minimiser of L).
 */
class ReinforceTest {

  private static final int K = 10;
  private static final IntToDoubleFunction LOSS = k -> (k - 7.0) * (k - 7.0);

  /** E_p[L] = Σ_k C(K, k) p^k (1 − p)^{K−k} L(k). */
  private static double expectedLoss(double p) {
    double e = 0;
    double binomial = 1;
    for (int k = 0; k <= K; k++) {
      e += binomial * Math.pow(p, k) * Math.pow(1 - p, K - k) * LOSS.applyAsDouble(k);
      binomial = binomial * (K - k) / (k + 1);
    }
    return e;
  }

  private static double sigmoid(double u) {
    return 1 / (1 + Math.exp(-u));
  }

  private static double estimate(double u, int b, SplittableRandom random) {
    double p = sigmoid(u);
    int[] draws = new int[b];
    double[] losses = new double[b];
    for (int i = 0; i < b; i++) {
      draws[i] = BinomialReinforce.sample(K, p, random);
      losses[i] = LOSS.applyAsDouble(draws[i]);
    }
    return BinomialReinforce.gradient(losses, BinomialReinforce.leaveOneOutBaselines(losses), draws, K, p);
  }

  @Test
  void theEstimateIsUnbiased() {
    double u = -0.4;
    double h = 1e-5;
    double exact = (expectedLoss(sigmoid(u + h)) - expectedLoss(sigmoid(u - h))) / (2 * h);
    SplittableRandom random = new SplittableRandom(3);
    int batches = 20_000;
    double sum = 0;
    double sumSquares = 0;
    for (int t = 0; t < batches; t++) {
      double g = estimate(u, 8, random);
      sum += g;
      sumSquares += g * g;
    }
    double mean = sum / batches;
    double standardError = Math.sqrt((sumSquares / batches - mean * mean) / batches);
    assertEquals(exact, mean, 4 * standardError, "mean of the estimates vs d/du of the enumerated expectation");
  }

  @Test
  void findsTheOptimumOfTheDiscreteToyProblem() {
    double[] u = {Transform.LOGIT.free(0.2)};
    StepRule.Stepper adam = StepRule.adam(0.02).start(1);
    SplittableRandom random = new SplittableRandom(11);
    double average = 0;
    int steps = 3000;
    int tail = 500;
    for (int t = 0; t < steps; t++) {
      adam.step(u, new double[] {estimate(u[0], 32, random)});
      if (t >= steps - tail) {
        average += sigmoid(u[0]) / tail;
      }
    }
    // p* by golden-section search on the enumerated expectation
    double lo = 0.01;
    double hi = 0.99;
    double r = (Math.sqrt(5) - 1) / 2;
    while (hi - lo > 1e-12) {
      double a = hi - r * (hi - lo);
      double b = lo + r * (hi - lo);
      if (expectedLoss(a) < expectedLoss(b)) {
        hi = b;
      } else {
        lo = a;
      }
    }
    double best = (lo + hi) / 2;
    assertEquals(13.0 / 18, best, 1e-9, "the enumeration's optimum and the closed form agree");
    assertEquals(best, average, 0.02, "p after REINFORCE, averaged over the last " + tail + " steps");
    int mode = (int) Math.floor((K + 1) * average);
    assertEquals(7, mode, "the most likely k is the minimiser of L");
  }
}
