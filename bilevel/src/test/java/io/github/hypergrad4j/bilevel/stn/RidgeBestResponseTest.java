package io.github.hypergrad4j.bilevel.stn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bilevel.StepRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Against a problem with a known best response: ridge regression with one penalty λ (40 training
 * rows, 10 features, 200 validation rows, synthetic with a seed), f = mean(r²) + ½λ‖θ‖², whose
 * θ*(λ) = (2XᵀX/n + λI)⁻¹ 2Xᵀy/n and validation loss G(λ) = g(θ*(λ)) the bilevel tests' {@code
 * RidgeClosedForm} gives by Cholesky. The network is one {@link HyperLinear} layer from 10 inputs
 * to 1 output, the hyperparameter the L2 penalty of that layer, u = log λ.
 */
class RidgeBestResponseTest {

  private final Fixtures.Ridge ridge = Fixtures.Ridge.synthetic(3, 40, 200, 10, 2.0);

  private static double relativeError(double[] actual, double[] expected) {
    double num = 0;
    double den = 0;
    for (int j = 0; j < expected.length; j++) {
      num += (actual[j] - expected[j]) * (actual[j] - expected[j]);
      den += expected[j] * expected[j];
    }
    return Math.sqrt(num / den);
  }

  @Test
  void plainLayerUnderAFixedPenaltyReachesTheClosedForm() {
    HyperMlp plain = HyperMlp.builder(10, 0).outputs(1);
    HyperparameterSet set = HyperparameterSet.of(plain, Hyperparameter.l2(0, 0.3));
    StnOptions options = StnOptions.builder().trainBatchSize(40).parameterStep(StepRule.gradientDescent(0.1))
        .trainStepsPerCycle(1000).build();
    StnResult r = new ScheduledTraining(plain, set, options).run(ridge.train, ridge.validation,
        HyperSchedule.constant(0.3), 5000, null);
    double[] w = plain.layer(0).weights(r.parameters(), null);
    assertTrue(relativeError(w, ridge.thetaStar(0.3)) < 1e-9, "theta vs closed form: " + relativeError(w,
        ridge.thetaStar(0.3)));
    assertEquals(0, plain.layer(0).bias(r.parameters(), null)[0], 1e-9, "the unpenalised bias of centred data");
    assertEquals(ridge.validationLossAt(0.3), r.finalValidation().loss(), 1e-9 * ridge.validationLossAt(0.3));
  }

  /**
   * With λ fixed at λ₀ = 0.3 and the perturbation σ = 0.3 on u, the training steps fit ŵ(u) = a +
   * (u − u₀)·s around u₀; the slope s = dŴ/du must be λ₀·dθ* / dλ (central differences of the closed
   * form) up to the O(σ²) bias of a linear fit over a Gaussian neighbourhood and the noise of the
   * per-example perturbations: a relative error of at most 5 % (2.2 % with this seed, 2–4 % over
   * seeds 1–4), and Ŵ(u₀) within 1 % of θ*(λ₀) (0.5–0.7 %).
   */
  @Test
  void learnedLocalBestResponseMatchesTheTrueDerivative() {
    double lambda0 = 0.3;
    HyperMlp stn = HyperMlp.builder(10, 1).outputs(1);
    HyperparameterSet set = HyperparameterSet.of(stn, Hyperparameter.l2(0, lambda0));
    StnOptions options = StnOptions.builder().trainBatchSize(40).parameterStep(StepRule.adam(2e-4))
        .warmupSteps(150_000).trainStepsPerCycle(150_000).cycles(0).initialSigma(0.3).seed(1).build();
    StnResult r = new StnTrainer(stn, set, options).run(ridge.train, ridge.validation);
    assertSame(StnResult.StopReason.COMPLETED, r.stopReason());
    double u = Math.log(lambda0);
    double[] at = stn.layer(0).weights(r.parameters(), new double[] {u});
    double[] next = stn.layer(0).weights(r.parameters(), new double[] {u + 1});
    double[] slope = new double[10];
    double h = 1e-4;
    double[] plus = ridge.thetaStar(Math.exp(u + h));
    double[] minus = ridge.thetaStar(Math.exp(u - h));
    double[] trueSlope = new double[10];
    for (int j = 0; j < 10; j++) {
      slope[j] = next[j] - at[j]; // Ŵ is affine in u
      trueSlope[j] = (plus[j] - minus[j]) / (2 * h);
    }
    assertTrue(relativeError(slope, trueSlope) < 0.05, "dW/du vs lambda dtheta*/dlambda: relative error "
        + relativeError(slope, trueSlope));
    assertTrue(relativeError(at, ridge.thetaStar(lambda0)) < 0.01, "W(u0) vs theta*(lambda0): relative error "
        + relativeError(at, ridge.thetaStar(lambda0)));
  }

  /**
   * Algorithm 1 from λ₀ = 0.05 (G 44 % above its minimum) reaches the closed-form optimum λ* ≈
   * 0.62 (golden-section search on G): the geometric mean of λ over the last fifth of the cycles
   * within 10 % of λ* (0.8–2 % over seeds 1–4), its G within 0.1 % of the minimum. τ = 0.05
   * keeps σ near √(τ / G''(u)) ≈ 0.16, wide enough for the training steps to keep learning the
   * slope of ŵ (with τ = 10⁻³, σ falls to 0.02, the slope stops being learned and λ stalls near
   * 0.45).
   */
  @Test
  void outerLoopConvergesToTheClosedFormOptimum() {
    double best = ridge.optimalLambda(1e-6, 1e3);
    assertTrue(ridge.validationLossAt(0.05) > 1.4 * ridge.validationLossAt(best), "a start far from the optimum");
    assertEquals(0, ridge.hypergradient(best), 1e-6, "dG/dlambda vanishes at the optimum");
    HyperMlp stn = HyperMlp.builder(10, 1).outputs(1);
    HyperparameterSet set = HyperparameterSet.of(stn, Hyperparameter.l2(0, 0.05));
    StnOptions options = StnOptions.builder().trainBatchSize(40).validationBatchSize(0)
        .parameterStep(StepRule.adam(1e-3)).hyperStep(StepRule.adam(1e-2)).warmupSteps(2000).cycles(5000)
        .trainStepsPerCycle(5).initialSigma(0.3).entropyWeight(0.05).seed(1).build();
    StnResult r = new StnTrainer(stn, set, options).run(ridge.train, ridge.validation);
    assertSame(StnResult.StopReason.COMPLETED, r.stopReason());
    List<StnEvent> events = r.history().events();
    double logSum = 0;
    int count = 0;
    for (int k = events.size() * 4 / 5; k < events.size(); k++) {
      logSum += Math.log(events.get(k).lambda()[0]);
      count++;
    }
    double lambda = Math.exp(logSum / count);
    assertEquals(best, lambda, 0.1 * best, "lambda vs the closed-form optimum");
    assertTrue(ridge.validationLossAt(lambda) < 1.001 * ridge.validationLossAt(best),
        "G(lambda) " + ridge.validationLossAt(lambda) + " vs min G " + ridge.validationLossAt(best));
  }
}
