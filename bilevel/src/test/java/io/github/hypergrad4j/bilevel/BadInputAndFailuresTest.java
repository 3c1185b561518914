package io.github.hypergrad4j.bilevel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.autodiff.Tensor;
import io.github.hypergrad4j.ihvp.ExactSolver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bad input is refused with a message that says what is wrong, and failures during a run end it
 * cleanly with a status, keeping what was learned up to that point.
 *
 * <p>The runs use a toy problem whose every quantity is known in closed form: θ ∈ ℝ³, a = (1, −2,
 * 3), f(θ, λ) = ½‖θ − a‖² + ½λ‖θ‖², so θ*(λ) = a/(1 + λ) and ∇²_θθ f = (1 + λ)I; the outer
 * objective g = ½‖θ‖² gives G(λ) = ½‖a‖²/(1 + λ)², which falls as λ grows, so the outer loop
 * pushes λ up. Gradient descent with step 0.5 on f contracts by |1 − 0.5(1 + λ)| per step: it
 * converges while λ &lt; 3 and diverges beyond.
 */
class BadInputAndFailuresTest {

  static final double[] A = {1, -2, 3};
  static final double A2 = 14; // ‖a‖²

  static Tensor toyInner(Tensor theta, Tensor lambda) {
    Tensor a = theta.tape().constant(A.clone(), theta.shape());
    return theta.sub(a).squaredNorm().scale(0.5).add(lambda.mul(theta.squaredNorm()).sum().scale(0.5));
  }

  static BilevelProblem.Builder toy() {
    return BilevelProblem.builder()
        .inner((theta, lambda, batch) -> toyInner(theta, lambda))
        .outer((theta, lambda, batch) -> theta.squaredNorm().scale(0.5))
        .initialTheta(new double[3])
        .initialLambda(new double[] {0.5})
        .parametrization(Parametrization.exp());
  }

  // ----------------------------------------------------------------------- bad input

  @Test
  void lambdaOfTheWrongLengthIsRejectedNamingBothLengths() {
    RidgeClosedForm ridge = RidgeHypergradientTest.HALF;
    double[] lambda = new double[10];
    java.util.Arrays.fill(lambda, 0.1);
    BilevelProblem problem = RidgeHypergradientTest.problem(lambda);
    ImplicitHypergradient h = ImplicitHypergradient.builder(new ExactSolver()).build();
    double[] theta = ridge.thetaStar(lambda);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> h.compute(problem, theta, new double[] {0.1, 0.2, 0.3}));
    assertTrue(e.getMessage().contains("lambda") && e.getMessage().contains("length 3")
        && e.getMessage().contains("10"), e.getMessage());
    IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
        () -> h.compute(problem, new double[9], lambda));
    assertTrue(t.getMessage().contains("theta") && t.getMessage().contains("length 9")
        && t.getMessage().contains("10"), t.getMessage());
    double[] nan = theta.clone();
    nan[4] = Double.NaN;
    IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> h.compute(problem, nan, lambda));
    assertTrue(n.getMessage().contains("theta[4]"), n.getMessage());
  }

  @Test
  void anOuterObjectiveThatDoesNotDependOnThetaIsRejectedAtBuild() {
    IllegalArgumentException onlyLambda = assertThrows(IllegalArgumentException.class,
        () -> toy().outer((theta, lambda, batch) -> lambda.square().sum()).build());
    assertTrue(onlyLambda.getMessage().contains("does not depend on theta"), onlyLambda.getMessage());
    IllegalArgumentException constant = assertThrows(IllegalArgumentException.class,
        () -> toy().outer((theta, lambda, batch) -> theta.tape().scalar(1.0)).build());
    assertTrue(constant.getMessage().contains("does not depend on theta"), constant.getMessage());
  }

  @Test
  void otherMalformedProblemsAreRejectedAtBuild() {
    assertThrows(IllegalArgumentException.class, () -> toy().inner((Objective) null).build());
    assertThrows(IllegalArgumentException.class, () -> toy().outer(null).build());
    assertThrows(IllegalArgumentException.class, () -> toy().initialTheta(new double[0]).build());
    assertThrows(IllegalArgumentException.class, () -> toy().initialLambda(null).build());
    assertThrows(IllegalArgumentException.class, () -> toy().parametrization(null).build());
    IllegalArgumentException vector = assertThrows(IllegalArgumentException.class,
        () -> toy().outer((theta, lambda, batch) -> theta.square()).build());
    assertTrue(vector.getMessage().contains("scalar"), vector.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> toy().inner((theta, lambda, batch) -> theta.sum().log()).build()); // log(0)
    assertTrue(nan.getMessage().contains("inner"), nan.getMessage());
    assertThrows(IllegalArgumentException.class, () -> BilevelProblem.builder().trainingExamples(-1));
  }

  @Test
  void gaussNewtonCurvatureOnAProblemWithoutTheFormIsRejected() {
    BilevelProblem problem = toy().build();
    ImplicitHypergradient gn = ImplicitHypergradient.builder(new ExactSolver()).curvature(Curvature.GAUSS_NEWTON).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> gn.compute(problem, new double[] {0.5, -1, 1.5}, new double[] {1}));
    assertTrue(e.getMessage().contains("GaussNewtonForm"), e.getMessage());
  }

  @Test
  void stochasticModeOnAProblemWithoutTrainingExamplesIsRejected() {
    BilevelProblem problem = toy().build();
    ImplicitHypergradient s = ImplicitHypergradient.builder(new ExactSolver()).stochastic(2, 1).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> s.compute(problem, new double[] {0.5, -1, 1.5}, new double[] {1}));
    assertTrue(e.getMessage().contains("trainingExamples"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ImplicitHypergradient.builder(new ExactSolver()).stochastic(-1, 1));
    assertThrows(IllegalArgumentException.class, () -> ImplicitHypergradient.builder(null));
  }

  @Test
  void badSettingsOfTheOptimizersAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new InnerStopping(-1, 10));
    assertThrows(IllegalArgumentException.class, () -> new InnerStopping(Double.NaN, 10));
    assertThrows(IllegalArgumentException.class, () -> new InnerStopping(1e-6, -1));
    assertThrows(IllegalArgumentException.class, () -> InnerOptimizer.gradientDescent(0));
    assertThrows(IllegalArgumentException.class, () -> InnerOptimizer.heavyBall(0.1, 1));
    assertThrows(IllegalArgumentException.class, () -> InnerOptimizer.adam(Double.POSITIVE_INFINITY));
    HyperOptimizer.Builder b = HyperOptimizer.builder(ImplicitHypergradient.builder(new ExactSolver()).build());
    assertThrows(IllegalArgumentException.class, () -> b.maxSteps(0));
    assertThrows(IllegalArgumentException.class, () -> b.plateau(-1, 0.1));
    assertThrows(IllegalArgumentException.class, () -> b.innerOptimizer(null));
    assertThrows(IllegalArgumentException.class, () -> HyperOptimizer.builder(null));
  }

  // ----------------------------------------------------------------- failures in a run

  /**
   * λ goes 0.5 → ≈1.4 → ≈2.9 → ≈4.1 under SGD with step 0.5 on u = log λ (dG/du = −λ‖a‖²/(1 + λ)³);
   * at λ &gt; 3 gradient descent with step 0.5 diverges. The run must end with INNER_DIVERGED,
   * keep the events of the steps before, and keep the best λ (the last finite step's, as G falls
   * with λ). Each kept event is also checked against the closed form.
   */
  @Test
  void anInnerOptimizerThatDivergesEndsTheRunKeepingTheHistory() {
    List<ProgressEvent> seen = new ArrayList<>();
    HyperOptimizationResult r = HyperOptimizer.builder(ImplicitHypergradient.builder(new ExactSolver()).build())
        .innerOptimizer(InnerOptimizer.gradientDescent(0.5))
        .innerStopping(new InnerStopping(1e-10, 10000))
        .outerRule(StepRule.gradientDescent(0.5))
        .maxSteps(20)
        .listener(seen::add)
        .build()
        .run(toy().build());
    assertEquals(HyperOptimizationResult.StopReason.INNER_DIVERGED, r.stopReason(), r.message());
    List<ProgressEvent> events = r.history().events();
    assertEquals(3, events.size(), r.message());
    assertTrue(r.message().startsWith("step 4: ") && r.message().contains("diverged"), r.message()); // counted from 1
    assertListenerSawTheHistory(seen, events);
    for (ProgressEvent e : events) {
      double lambda = e.lambda()[0];
      assertTrue(lambda < 3);
      assertEquals(0.5 * A2 / Math.pow(1 + lambda, 2), e.outerValue(), 1e-9 * e.outerValue());
      assertEquals(A2 / Math.pow(1 + lambda, 3), e.hypergradientNorm(), 1e-8 * e.hypergradientNorm());
      assertEquals(InnerResult.Status.CONVERGED, e.innerStatus());
    }
    assertEquals(2, r.bestStep());
    assertArrayEquals(events.get(2).lambda(), r.bestLambda(), 0.0);
    assertEquals(events.get(2).outerValue(), r.bestOuterValue(), 0.0);
    double shrink = 1 / (1 + r.bestLambda()[0]);
    assertArrayEquals(new double[] {A[0] * shrink, A[1] * shrink, A[2] * shrink}, r.bestTheta(), 1e-9);
  }

  /**
   * The outer objective g = ½‖θ‖² + 10⁻³·log(3 − λ) is NaN once λ passes 3 (the same path of λ
   * as above, now with L-BFGS inside, which converges for every λ): the run ends with NON_FINITE,
   * the offending event is in the history, and the best λ is a finite step's.
   */
  @Test
  void aNaNInTheOuterValueEndsTheRunKeepingTheBestLambda() {
    BilevelProblem problem = toy()
        .outer((theta, lambda, batch) -> theta.squaredNorm().scale(0.5)
            .add(lambda.neg().add(3.0).log().sum().scale(1e-3)))
        .build();
    List<ProgressEvent> seen = new ArrayList<>();
    HyperOptimizationResult r = HyperOptimizer.builder(ImplicitHypergradient.builder(new ExactSolver()).build())
        .innerStopping(new InnerStopping(1e-10, 1000))
        .outerRule(StepRule.gradientDescent(0.5))
        .maxSteps(20)
        .listener(seen::add)
        .build()
        .run(problem);
    assertEquals(HyperOptimizationResult.StopReason.NON_FINITE, r.stopReason(), r.message());
    List<ProgressEvent> events = r.history().events();
    assertListenerSawTheHistory(seen, events);
    ProgressEvent last = events.get(events.size() - 1);
    assertTrue(Double.isNaN(last.outerValue()) && last.lambda()[0] > 3, "last event " + last);
    assertTrue(events.size() >= 2);
    int best = -1;
    for (int k = 0; k < events.size() - 1; k++) {
      assertTrue(Double.isFinite(events.get(k).outerValue()));
      if (best < 0 || events.get(k).outerValue() < events.get(best).outerValue()) {
        best = k;
      }
    }
    assertEquals(best, r.bestStep());
    assertTrue(Double.isFinite(r.bestOuterValue()));
    assertArrayEquals(events.get(best).lambda(), r.bestLambda(), 0.0);
    assertTrue(r.bestLambda()[0] < 3);
    assertNotNull(r.message());
  }

  /**
   * Adam with η = 10⁶ moves u = log λ by 10⁶ on its first step (Adam's first step is η·sign): λ =
   * e^(10⁶) overflows. The run must end NON_FINITE with the first step kept as the best, not throw
   * from the inner objective.
   */
  @Test
  void lambdaOverflowingAfterAStepEndsTheRunWithNonFinite() {
    HyperOptimizationResult r = HyperOptimizer.builder(ImplicitHypergradient.builder(new ExactSolver()).build())
        .outerRule(StepRule.adam(1e6))
        .maxSteps(5)
        .build()
        .run(toy().build());
    assertEquals(HyperOptimizationResult.StopReason.NON_FINITE, r.stopReason(), r.message());
    assertEquals(1, r.history().size());
    assertTrue(r.message().startsWith("after step 1 ") && r.message().contains("lambda[0] = Infinity"), r.message());
    assertEquals(0, r.bestStep());
    assertArrayEquals(r.history().events().get(0).lambda(), r.bestLambda(), 0.0);
    assertEquals(0.5, r.bestLambda()[0], 1e-15);
  }

  /** With λ = u and a step of 10³⁰⁸, u itself overflows. */
  @Test
  void freeVariablesOverflowingAfterAStepEndTheRunWithNonFinite() {
    HyperOptimizationResult r = HyperOptimizer.builder(ImplicitHypergradient.builder(new ExactSolver()).build())
        .outerRule(StepRule.gradientDescent(1e308))
        .maxSteps(5)
        .build()
        .run(toy().parametrization(Parametrization.identity()).build());
    assertEquals(HyperOptimizationResult.StopReason.NON_FINITE, r.stopReason(), r.message());
    assertTrue(r.message().contains("u[0] = Infinity"), r.message());
    assertEquals(1, r.history().size());
    assertEquals(0, r.bestStep());
  }

  /**
   * g = ½‖θ‖² + √|λ − ½| is finite at λ = ½ but its derivative is not: the step is marked
   * unreliable, the run ends NON_FINITE, and its finite outer value still counts as the best.
   */
  @Test
  void aNonFiniteHypergradientWithAFiniteOuterValueEndsTheRun() {
    List<ProgressEvent> seen = new ArrayList<>();
    HyperOptimizationResult r = HyperOptimizer.builder(ImplicitHypergradient.builder(new ExactSolver()).build())
        .listener(seen::add)
        .build()
        .run(toy().parametrization(Parametrization.identity())
            .outer((theta, lambda, batch) -> theta.squaredNorm().scale(0.5).add(lambda.add(-0.5).abs().sqrt().sum()))
            .build());
    assertEquals(HyperOptimizationResult.StopReason.NON_FINITE, r.stopReason(), r.message());
    ProgressEvent e = r.history().events().get(0);
    assertTrue(Double.isFinite(e.outerValue()) && !Double.isFinite(e.hypergradientNorm()), e.toString());
    assertFalse(e.reliable());
    assertTrue(e.warning().startsWith("step 1: the outer value is "), e.warning());
    assertEquals(1, seen.size());
    assertEquals(0, r.bestStep());
    assertEquals(e.outerValue(), r.bestOuterValue(), 0.0);
  }

  /**
   * g = ½‖θ‖² + 10¹⁵⁵·λ has dg/dλ = 10¹⁵⁵ − ‖a‖²/(1 + λ)³, finite, but its square is not: the
   * norm must be taken without overflow, and the run must not stop as if it were infinite.
   */
  @Test
  void aHugeButFiniteHypergradientDoesNotEndTheRun() {
    HyperOptimizationResult r = HyperOptimizer.builder(ImplicitHypergradient.builder(new ExactSolver()).build())
        .outerRule(StepRule.gradientDescent(1e-157))
        .maxSteps(3)
        .build()
        .run(toy().parametrization(Parametrization.identity())
            .outer((theta, lambda, batch) -> theta.squaredNorm().scale(0.5).add(lambda.scale(1e155).sum()))
            .build());
    assertEquals(HyperOptimizationResult.StopReason.BUDGET, r.stopReason(), r.message());
    for (ProgressEvent e : r.history().events()) {
      assertEquals(1e155, e.hypergradientNorm(), 1e-15 * 1e155);
      assertTrue(e.reliable());
    }
  }

  @Test
  void stepRulesRejectBadLearningRatesNamingTheRoutine() {
    for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertMessage("StepRule.adam: learningRate must be > 0 and finite, got " + bad, () -> StepRule.adam(bad));
      assertMessage("StepRule.gradientDescent: learningRate must be > 0 and finite, got " + bad,
          () -> StepRule.gradientDescent(bad));
      assertMessage("StepRule.heavyBall: learningRate must be > 0 and finite, got " + bad,
          () -> StepRule.heavyBall(bad, 0.5));
      assertMessage("InnerOptimizer.adam: learningRate must be > 0 and finite, got " + bad,
          () -> InnerOptimizer.adam(bad));
      assertMessage("InnerOptimizer.gradientDescent: learningRate must be > 0 and finite, got " + bad,
          () -> InnerOptimizer.gradientDescent(bad));
    }
    assertMessage("StepRule.heavyBall: momentum must be in [0, 1), got 1.0", () -> StepRule.heavyBall(0.1, 1));
    assertMessage("InnerOptimizer.heavyBall: momentum must be in [0, 1), got -0.5",
        () -> InnerOptimizer.heavyBall(0.1, -0.5));
    assertMessage("InnerOptimizer.lbfgs: memory must be >= 1, got 0", () -> InnerOptimizer.lbfgs(0));
  }

  /** Every message of the package starts with the class or routine name and a colon. */
  @Test
  void messagesNameTheirClassOrRoutine() {
    BilevelProblem problem = toy().build();
    double[] theta = {0.5, -1, 1.5};
    double[] lambda = {1};
    assertPrefix("ImplicitHypergradient: Gauss-Newton curvature needs",
        () -> ImplicitHypergradient.builder(new ExactSolver()).curvature(Curvature.GAUSS_NEWTON).build()
            .compute(problem, theta, lambda));
    assertPrefix("ImplicitHypergradient: stochastic mode (batch size 2) needs a problem that declares its"
        + " trainingExamples", () -> ImplicitHypergradient.builder(new ExactSolver()).stochastic(2, 1).build()
            .compute(problem, theta, lambda));
    assertPrefix("ImplicitHypergradient: batchSize must be >= 0, got -1",
        () -> ImplicitHypergradient.builder(new ExactSolver()).stochastic(-1, 1));
    assertPrefix("ImplicitHypergradient: the solver is null", () -> ImplicitHypergradient.builder(null));
    assertPrefix("ImplicitHypergradient: theta has length 2 but the problem has 3",
        () -> ImplicitHypergradient.builder(new ExactSolver()).build().compute(problem, new double[2], lambda));
    assertPrefix("ImplicitHypergradient.Session.compute: lambda[0] = NaN is not finite",
        () -> ImplicitHypergradient.builder(new ExactSolver()).build().session(true)
            .compute(problem, theta, new double[] {Double.NaN}));
    assertPrefix("ImplicitHypergradient.Session.retryWithDamping: damping must be >= 0 and finite, got -1.0",
        () -> ImplicitHypergradient.builder(new ExactSolver()).build().session(true)
            .retryWithDamping(problem, theta, lambda, -1));
    assertPrefix("BilevelProblem.innerFunctionAt: lambda has length 2 but the problem has 1",
        () -> problem.innerFunctionAt(new double[2]));
    assertPrefix("BilevelProblem.outerValue: theta[1] = Infinity is not finite",
        () -> problem.outerValue(new double[] {0, Double.POSITIVE_INFINITY, 0}, lambda));
    assertPrefix("BilevelProblem: initialTheta is empty", () -> toy().initialTheta(new double[0]).build());
    assertPrefix("BilevelProblem: the outer objective is null", () -> toy().outer(null).build());
    assertPrefix("Parametrization.exp: lambda[0] = -1.0 must be > 0 and finite",
        () -> toy().initialLambda(new double[] {-1}).build());
    assertPrefix("Parametrization.box: lambda[0] = 2.0 must lie strictly inside (0.0, 1.0)",
        () -> toy().initialLambda(new double[] {2}).parametrization(Parametrization.box(0, 1)).build());
    assertPrefix("Parametrization.box: needs finite lo < hi, got lo = 1.0, hi = 0.0", () -> Parametrization.box(1, 0));
    assertPrefix("GaussNewtonForm: loss is null", () -> new GaussNewtonForm(t -> t, null, (t, l) -> t.sum()));
    assertPrefix("InnerStopping: gradientTolerance must be >= 0 and finite, got NaN",
        () -> new InnerStopping(Double.NaN, 10));
    assertPrefix("InnerOptimizer.minimize: theta0[1] = NaN is not finite",
        () -> InnerOptimizer.lbfgs().minimize(problem.innerFunctionAt(lambda), new double[] {0, Double.NaN, 0},
            InnerStopping.defaults()));
    assertPrefix("InnerOptimizer.minimize: stopping is null",
        () -> InnerOptimizer.adam(0.1).minimize(problem.innerFunctionAt(lambda), theta, null));
    assertPrefix("HyperOptimizer.plateau: minImprovement must be >= 0 and finite, got NaN",
        () -> HyperOptimizer.builder(ImplicitHypergradient.builder(new ExactSolver()).build()).plateau(2, Double.NaN));
    assertPrefix("HyperOptimizer.run: problem is null",
        () -> HyperOptimizer.builder(ImplicitHypergradient.builder(new ExactSolver()).build()).build().run(null));
    assertPrefix("UnreliableStepPolicy.skip: maxConsecutive must be >= 1, got 0", () -> UnreliableStepPolicy.skip(0));
    assertPrefix("UnreliableStepPolicy.raiseDamping: maxDamping must be >= initialDamping, got 0.1 < 1.0",
        () -> UnreliableStepPolicy.raiseDamping(1, 0.1));
    assertPrefix("UnreliableStepPolicy.raiseDamping: initialDamping must be > 0 and finite, got 0.0",
        () -> UnreliableStepPolicy.raiseDamping(0, 1));
  }

  static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  static void assertPrefix(String expected, org.junit.jupiter.api.function.Executable call) {
    String message = assertThrows(IllegalArgumentException.class, call).getMessage();
    assertTrue(message.startsWith(expected), "expected «" + expected + "…», got «" + message + "»");
  }

  static void assertListenerSawTheHistory(List<ProgressEvent> seen, List<ProgressEvent> history) {
    assertEquals(history.size(), seen.size());
    for (int k = 0; k < history.size(); k++) {
      assertSame(history.get(k), seen.get(k), "event " + k);
      assertEquals(k, history.get(k).step());
    }
  }
}
