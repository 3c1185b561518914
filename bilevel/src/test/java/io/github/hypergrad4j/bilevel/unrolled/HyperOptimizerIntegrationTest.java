package io.github.hypergrad4j.bilevel.unrolled;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.HyperOptimizationResult;
import io.github.hypergrad4j.bilevel.HyperOptimizer;
import io.github.hypergrad4j.bilevel.HypergradientResult;
import io.github.hypergrad4j.bilevel.InnerOptimizer;
import io.github.hypergrad4j.bilevel.InnerStopping;
import io.github.hypergrad4j.bilevel.Parametrization;
import io.github.hypergrad4j.bilevel.StepRule;
import org.junit.jupiter.api.Test;

/** Reverse mode as a {@link io.github.hypergrad4j.bilevel.Hypergradient}, inside the outer loop. */
class HyperOptimizerIntegrationTest {

  static final int STEPS = 30;

  @Test
  void computeReturnsTheRunsLambdaHypergradientAndIgnoresTheta() {
    BilevelProblem problem = TestProblems.logistic();
    ReverseModeHypergradient method = ReverseModeHypergradient.builder(Optimizers.heavyBall(STEPS))
        .wrt(HyperparameterKind.LEARNING_RATE).build();
    double[] lambda = problem.initialLambda();
    HypergradientResult h = method.compute(problem, new double[problem.thetaSize()], lambda);
    HypergradientResult again = method.compute(problem, TestProblems.logistic().initialTheta(), lambda);
    UnrolledResult r = ReverseModeHypergradient.builder(Optimizers.heavyBall(STEPS)).build().run(problem, lambda);
    assertArrayEquals(r.gradient(HyperparameterKind.LAMBDA), h.hypergradient(), 0.0);
    assertArrayEquals(h.hypergradient(), again.hypergradient(), 0.0, "theta is ignored; stateless");
    assertEquals(r.validationLoss(), h.outerValue(), 0.0);
    assertArrayEquals(r.directGradient(), h.directGradient(), 0.0);
    assertEquals(r.cost().hessianVectorProducts(), h.hessianVectorProducts());
    assertEquals(r.cost().gradients(), h.gradientEvaluations());
    assertEquals(r.finalGradientNorm(), h.innerStationarity(), 0.0);
    assertNull(h.solve());
    assertTrue(method.name().contains("heavy ball"), method.name());
  }

  @Test
  void theOuterLoopTunesThePenaltiesThroughTheUnrolledRun() {
    BilevelProblem problem = BilevelProblem.builder().inner(TestProblems.logistic().inner())
        .outer(TestProblems.logistic().outer()).initialTheta(TestProblems.logistic().initialTheta())
        .initialLambda(TestProblems.logistic().initialLambda()).parametrization(Parametrization.exp()).build();
    ReverseModeHypergradient method = ReverseModeHypergradient.builder(Optimizers.sgd(STEPS))
        .wrt(HyperparameterKind.LAMBDA).build();
    double start = method.run(problem, problem.initialLambda()).validationLoss();
    HyperOptimizationResult result = HyperOptimizer.builder(method)
        .innerOptimizer(InnerOptimizer.gradientDescent(0.1)).innerStopping(new InnerStopping(1e-3, 5))
        .outerRule(StepRule.adam(0.3)).maxSteps(8).build().run(problem);
    assertEquals(HyperOptimizationResult.StopReason.BUDGET, result.stopReason(), result.message());
    assertEquals(start, result.history().events().get(0).outerValue(), 0.0);
    assertTrue(result.bestOuterValue() < start - 1e-3, "tuned " + start + " -> " + result.bestOuterValue());
    assertEquals(result.bestOuterValue(), method.run(problem, result.bestLambda()).validationLoss(), 0.0);
  }

  @Test
  void aDivergedRunStopsTheOuterLoopAsNonFinite() {
    BilevelProblem problem = TestProblems.leastSquares(20);
    ReverseModeHypergradient method = ReverseModeHypergradient.builder(Sgd.of(Schedule.constant(400, 5.0))).build();
    HypergradientResult h = method.compute(problem, problem.initialTheta(), problem.initialLambda());
    assertTrue(Double.isNaN(h.outerValue()) && Double.isNaN(h.norm()));
    HyperOptimizationResult result = HyperOptimizer.builder(method).maxSteps(3).build().run(problem);
    assertEquals(HyperOptimizationResult.StopReason.NON_FINITE, result.stopReason(), result.message());
    assertEquals(1, result.history().events().size());
  }
}
