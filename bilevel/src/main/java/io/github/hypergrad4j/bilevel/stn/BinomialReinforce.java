package io.github.hypergrad4j.bilevel.stn;

import java.util.SplittableRandom;

/**
 * A discrete hyperparameter k ∈ {0, …, K} drawn from Binomial(K, p), p = σ(u), and the
 * score-function (REINFORCE) estimate of the gradient of an expected loss in u (Williams 1992;
 * MacKay et al. 2019, §4.3, for discrete hyperparameters).
 *
 * <p><b>Score.</b> log P(k) = log C(K, k) + k log p + (K − k) log(1 − p), and dp/du = p(1 − p),
 * so
 *
 * <pre>
 *   ∂ log P(k) / ∂u = k(1 − p) − (K − k) p = k − K p
 * </pre>
 *
 * <p><b>Estimator.</b> ∇_u E_k[L(k)] = Σ_k L(k) ∇_u P(k) = E_k[L(k) ∇_u log P(k)], and since
 * E_k[∇_u log P(k)] = ∇_u Σ_k P(k) = 0, any baseline b that does not depend on k may be
 * subtracted without bias. From B independent draws k_i with losses L_i and baselines b_i (each
 * independent of its own k_i):
 *
 * <pre>
 *   ĝ = (1/B) Σ_i (L_i − b_i)(k_i − K p)
 * </pre>
 *
 * A good baseline is close to L_i but blind to k_i: the Self-Tuning Network uses the loss of the
 * same example at the mean hyperparameters (the hypernetwork fed E[k]/K = p), which also removes
 * the spread between easy and hard examples; {@link #leaveOneOutBaselines} gives b_i = mean_{j≠i}
 * L_j when the losses differ only through k (Kool et al. 2019).
 *
 * <p>Cost: O(K) per sample, O(B) per estimate.
 *
 * <p>References: R. J. Williams, "Simple statistical gradient-following algorithms for
 * connectionist reinforcement learning", Machine Learning 8, 1992; W. Kool, H. van Hoof, M.
 * Welling, "Buy 4 REINFORCE samples, get a baseline for free!", ICLR workshop 2019.
 */
public final class BinomialReinforce {

  private BinomialReinforce() {}

  /** A draw of Binomial(K, p): the number of successes of K Bernoulli(p) trials. */
  public static int sample(int maxValue, double p, SplittableRandom random) {
    int k = 0;
    for (int t = 0; t < maxValue; t++) {
      if (random.nextDouble() < p) {
        k++;
      }
    }
    return k;
  }

  /** ∂ log P(k) / ∂u = k − K p. */
  public static double score(int k, int maxValue, double p) {
    return k - maxValue * p;
  }

  /**
   * ĝ = (1/B) Σ_i (L_i − b_i)(k_i − K p) (see the class comment).
   *
   * @throws IllegalArgumentException if the three arrays differ in length or are empty
   */
  public static double gradient(double[] losses, double[] baselines, int[] draws, int maxValue, double p) {
    if (losses.length == 0 || losses.length != baselines.length || losses.length != draws.length) {
      throw new IllegalArgumentException("BinomialReinforce: losses, baselines and draws must have one equal,"
          + " non-zero length, got " + losses.length + ", " + baselines.length + " and " + draws.length);
    }
    double g = 0;
    for (int i = 0; i < losses.length; i++) {
      g += (losses[i] - baselines[i]) * score(draws[i], maxValue, p);
    }
    return g / losses.length;
  }

  /**
   * b_i = mean of the other losses, (Σ_j L_j − L_i) / (B − 1): independent of draw i when the
   * draws are independent.
   *
   * @throws IllegalArgumentException for fewer than two losses
   */
  public static double[] leaveOneOutBaselines(double[] losses) {
    if (losses.length < 2) {
      throw new IllegalArgumentException("BinomialReinforce: a leave-one-out baseline needs >= 2 losses, got "
          + losses.length);
    }
    double total = 0;
    for (double l : losses) {
      total += l;
    }
    double[] b = new double[losses.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (total - losses[i]) / (losses.length - 1);
    }
    return b;
  }
}
