package io.github.hypergrad4j.bilevel.stn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.autodiff.Shape;
import io.github.hypergrad4j.autodiff.Tape;
import io.github.hypergrad4j.autodiff.Tensor;
import io.github.hypergrad4j.bilevel.StepRule;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The entropy term of the validation objective J = E_ε[L(u + σε)] − τ·H(σ), with σ alone
 * learned. For L = ½a(λ − c)², E[L] = ½a((u − c)² + σ²), so ∂J/∂log σ = aσ² − τ and J is
 * minimal at σ* = √(τ/a): starting from σ₀ = 0.1, σ must grow on a flat loss (a = 0.01, σ* = 1)
 * and shrink on a sharp one (a = 100, σ* = 0.01), each to its σ*. The entropy formula itself is
 * checked against a Monte Carlo estimate of −E[log p(ε)].
 */
class EntropyTest {

  private static final double TAU = 0.01;

  /** log σ after {@code steps} Adam steps on J, u = c fixed, one sample per example of 256. */
  private static double learnedSigma(double curvature, double sigma0, int steps) {
    double[] mask = {1};
    double[] logSigma = {Math.log(sigma0)};
    StepRule.Stepper adam = StepRule.adam(0.02).start(1);
    SplittableRandom random = new SplittableRandom(17);
    int b = 256;
    double c = 0.3;
    for (int t = 0; t < steps; t++) {
      Tape tape = new Tape();
      Tensor u = tape.constant(new double[] {c}, Shape.matrix(1, 1));
      Tensor s = tape.variable(logSigma.clone(), Shape.matrix(1, 1));
      double[] eps = GaussianPerturbation.standardNormals(random, b, mask);
      Tensor lambda = GaussianPerturbation.perturbed(u, s, eps, mask, new double[b]);
      Tensor losses = lambda.add(-c).square().scale(0.5 * curvature).flatten();
      tape.backward(GaussianPerturbation.objective(losses, s, mask, TAU));
      adam.step(logSigma, s.grad());
    }
    return Math.exp(logSigma[0]);
  }

  @Test
  void sigmaGrowsOnAFlatLossToItsOptimum() {
    double sigma = learnedSigma(0.01, 0.1, 3000);
    double expected = Math.sqrt(TAU / 0.01);
    assertTrue(sigma > 0.5, "sigma should grow from 0.1 on a flat loss, got " + sigma);
    assertEquals(expected, sigma, 0.1 * expected, "sigma* = sqrt(tau / a)");
  }

  @Test
  void sigmaShrinksOnASharpLossToItsOptimum() {
    double sigma = learnedSigma(100, 0.1, 3000);
    double expected = Math.sqrt(TAU / 100);
    assertTrue(sigma < 0.02, "sigma should shrink from 0.1 on a sharp loss, got " + sigma);
    assertEquals(expected, sigma, 0.1 * expected, "sigma* = sqrt(tau / a)");
  }

  @Test
  void entropyFormulaMatchesMonteCarlo() {
    double[] sigma = {0.3, 2.0, 1.1};
    SplittableRandom random = new SplittableRandom(5);
    int samples = 400_000;
    double sum = 0;
    double sumSquares = 0;
    for (int k = 0; k < samples; k++) {
      double logp = 0;
      for (double s : sigma) {
        double e = s * random.nextGaussian();
        logp += -0.5 * Math.log(2 * Math.PI * s * s) - e * e / (2 * s * s);
      }
      sum -= logp;
      sumSquares += logp * logp;
    }
    double mean = sum / samples;
    double standardError = Math.sqrt((sumSquares / samples - mean * mean) / samples);
    assertEquals(mean, GaussianPerturbation.entropy(sigma), 5 * standardError);
  }
}
