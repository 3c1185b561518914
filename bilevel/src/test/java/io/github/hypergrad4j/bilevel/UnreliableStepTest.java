package io.github.hypergrad4j.bilevel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.autodiff.Tensor;
import io.github.hypergrad4j.bilevel.HyperOptimizationResult.StopReason;
import io.github.hypergrad4j.ihvp.ConjugateGradient;
import io.github.hypergrad4j.ihvp.ExactSolver;
import io.github.hypergrad4j.ihvp.IhvpResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The outer loop's judgement of each step (the rule of {@link UnreliableStepPolicy}) and its three
 * policies, on problems where everything the rule looks at is known in closed form.
 *
 * <ul>
 *   <li>The toy of {@link BadInputAndFailuresTest}, f = ½‖θ − a‖² + ½λ‖θ‖², minimised by gradient
 *       descent with step ½ from θ₀ = 0: the error θ − θ* contracts by c = |1 − ½(1 + λ)| per
 *       iteration, so after k iterations ‖∇_θ f‖ = cᵏ·‖a‖ exactly (up to rounding), ‖a‖ = √14.
 *   <li>A flat inner loss f = ¼λ·Σθᵢ⁴ at θ = 0: stationary for every λ with ∇²_θθ f = 0, so CG
 *       has nothing to invert and returns p = 0 (relative residual 1), and the hypergradient is 0
 *       whatever g says — the meaningless hypergradient the policy must catch.
 *   <li>A saddle f = ½(θ₁² − θ₂²) + λθ₁, stationary at θ* = (−λ, 0) with ∇²_θθ f = diag(1, −1) and
 *       ∇²_λθ f = (1, 0); with g = ½‖θ − c‖², c = θ* − (1, 2), b = ∇_θ g = (1, 2). CG meets the
 *       negative curvature bᵀ(H + ρI)b = 5ρ − 3 &lt; 0 at once while ρ &lt; 0.6; from ρ &gt; 1 the
 *       damped system is positive definite and dg/dλ = −b₁/(1 + ρ).
 * </ul>
 */
class UnreliableStepTest {

  static final double NORM_A = Math.sqrt(BadInputAndFailuresTest.A2);

  /** ‖∇f‖ after k gradient-descent iterations on the toy at λ from θ₀ = 0. */
  static double toyGradientNorm(double lambda, int k) {
    return Math.pow(Math.abs(1 - 0.5 * (1 + lambda)), k) * NORM_A;
  }

  static HyperOptimizer.Builder toyLoop(double tolerance, int iterations) {
    return HyperOptimizer.builder(ImplicitHypergradient.builder(new ExactSolver()).build())
        .innerOptimizer(InnerOptimizer.gradientDescent(0.5))
        .innerStopping(new InnerStopping(tolerance, iterations))
        .outerRule(StepRule.gradientDescent(0.5));
  }

  static BilevelProblem toy() {
    return BadInputAndFailuresTest.toy().parametrization(Parametrization.identity()).build();
  }

  // ------------------------------------------------------------ the inner solve

  /**
   * Eight iterations at λ = ½ leave ‖∇f‖ = 4⁻⁸·√14 ≈ 5.7·10⁻⁵. With the tolerance just above a
   * tenth of that the step is reliable; just below, it is not, and by default the run stops.
   */
  @Test
  void anInnerSolveStoppedBeyondTenTimesItsToleranceEndsTheRunByDefault() {
    double g8 = toyGradientNorm(0.5, 8);
    HyperOptimizationResult within = toyLoop(g8 / 9.99, 8).maxSteps(1).build().run(toy());
    ProgressEvent ok = within.history().events().get(0);
    assertEquals(InnerResult.Status.MAX_ITERATIONS, ok.innerStatus());
    assertEquals(g8, ok.innerGradientNorm(), 1e-9 * g8);
    assertTrue(ok.reliable(), ok.warning());
    assertEquals("", ok.warning());
    assertEquals(StopReason.BUDGET, within.stopReason());

    List<ProgressEvent> seen = new ArrayList<>();
    HyperOptimizationResult r = toyLoop(g8 / 10.01, 8).maxSteps(5).listener(seen::add).build().run(toy());
    assertEquals(StopReason.INNER_NOT_STATIONARY, r.stopReason(), r.message());
    assertEquals(1, r.history().size());
    ProgressEvent e = r.history().events().get(0);
    assertFalse(e.reliable());
    assertTrue(e.warning().startsWith("step 1: the inner solve ended MAX_ITERATIONS"), e.warning());
    assertTrue(e.warning().contains(String.format(java.util.Locale.ROOT, "%.3g", g8)), e.warning());
    assertEquals(e.warning(), r.message());
    assertTrue(r.message().contains("policy stop"), r.message());
    BadInputAndFailuresTest.assertListenerSawTheHistory(seen, r.history().events());
    // the step's outer value is finite, so it is the best so far, with its θ
    assertEquals(0, r.bestStep());
    assertArrayEquals(new double[] {0.5}, r.bestLambda(), 0.0);
    assertEquals(e.outerValue(), r.bestOuterValue(), 0.0);
  }

  /**
   * A tolerance of 0 cannot be reached; L-BFGS then stops at the rounding level of ∇f, which the
   * floor √ε·max(1, |f|) accepts, and the run goes on to its budget.
   */
  @Test
  void aToleranceBelowRoundingDoesNotCondemnEveryStep() {
    HyperOptimizationResult r = HyperOptimizer.builder(ImplicitHypergradient.builder(new ExactSolver()).build())
        .innerStopping(InnerStopping.defaults().withGradientTolerance(0).withMaxIterations(200))
        .outerRule(StepRule.gradientDescent(0.5)).maxSteps(3).build().run(toy());
    assertEquals(StopReason.BUDGET, r.stopReason(), r.message());
    for (ProgressEvent e : r.history().events()) {
      assertNotEquals(InnerResult.Status.CONVERGED, e.innerStatus());
      assertTrue(e.innerGradientNorm() <= StepReliability.INNER_FLOOR * Math.max(1, 0.5 * BadInputAndFailuresTest.A2));
      assertTrue(e.reliable(), e.warning());
    }
  }

  /**
   * skip(3): step 1 stops after 8 iterations (unreliable) and is skipped; step 2 is at the same λ,
   * re-solved from the θ reached, converges, and λ is stepped on its hypergradient by the chain
   * rule, checked with the closed form dG/dλ = −‖a‖²/(1 + λ)³.
   */
  @Test
  void skipDoesNotStepLambdaOnAnUnreliableHypergradient() {
    HyperOptimizationResult r = toyLoop(1e-6, 8).maxSteps(3).onUnreliableStep(UnreliableStepPolicy.skip(3)).build()
        .run(toy());
    assertEquals(StopReason.BUDGET, r.stopReason(), r.message());
    List<ProgressEvent> events = r.history().events();
    // step 3, at λ ≈ 2.6, contracts by |1 − ½·3.6| ≈ 0.79 per iteration: skipped as well
    assertFalse(events.get(2).reliable());
    assertEquals(2, r.skippedSteps());
    assertFalse(events.get(0).reliable());
    assertTrue(events.get(0).warning().contains("lambda is not stepped (skip 1 of at most 3 in a row)"),
        events.get(0).warning());
    assertArrayEquals(events.get(0).lambda(), events.get(1).lambda(), 0.0, "a skipped step leaves lambda alone");
    assertTrue(events.get(1).reliable(), events.get(1).warning());
    assertEquals(InnerResult.Status.CONVERGED, events.get(1).innerStatus());
    // λ₂ = λ₁ − ½·dG/dλ(λ₁), up to the inner solve's error: with ∇²f = (1 + λ)I, θ is within
    // δ = ‖∇f‖/(1 + λ) of θ*, and the IFT formula h(θ) = −‖θ‖²/(1 + λ) moves by at most
    // (2‖θ*‖ + δ)·δ/(1 + λ)
    double lambda = events.get(1).lambda()[0];
    double expected = lambda - 0.5 * (-BadInputAndFailuresTest.A2 / Math.pow(1 + lambda, 3));
    double delta = events.get(1).innerGradientNorm() / (1 + lambda);
    double bound = 0.5 * (2 * NORM_A / (1 + lambda) + delta) * delta / (1 + lambda);
    assertEquals(expected, events.get(2).lambda()[0], 1.01 * bound + 1e-14 * expected);
  }

  /** With no iterations at all θ never moves: every step is unreliable, and skip(2) gives up after two. */
  @Test
  void skipEndsTheRunAfterTheConsecutiveLimit() {
    HyperOptimizationResult r = toyLoop(1e-6, 0).maxSteps(10).onUnreliableStep(UnreliableStepPolicy.skip(2)).build()
        .run(toy());
    assertEquals(StopReason.INNER_NOT_STATIONARY, r.stopReason(), r.message());
    assertEquals(2, r.history().size());
    assertEquals(2, r.skippedSteps());
    assertTrue(r.message().startsWith("step 2: ") && r.message().contains("after 2 unreliable steps in a row"),
        r.message());
    for (ProgressEvent e : r.history().events()) {
      assertEquals(NORM_A, e.innerGradientNorm(), 1e-12 * NORM_A);
      assertArrayEquals(new double[] {0.5}, e.lambda(), 0.0);
    }
  }

  // ------------------------------------------------------------ the solve

  static BilevelProblem flat() {
    return BilevelProblem.builder()
        .inner(Objective.fullBatch((theta, lambda) -> lambda.mul(theta.square().square().sum()).sum().scale(0.25)))
        .outer(Objective.fullBatch((theta, lambda) -> theta.sub(theta.tape().constant(1, -2)).squaredNorm().scale(0.5)))
        .initialTheta(new double[2])
        .initialLambda(new double[] {1})
        .build();
  }

  @Test
  void aSolveThatBreaksDownAtOnceEndsTheRunWithSolverFailed() {
    HyperOptimizationResult r = HyperOptimizer.builder(ImplicitHypergradient.builder(new ConjugateGradient()).build())
        .maxSteps(5).build().run(flat());
    assertEquals(StopReason.SOLVER_FAILED, r.stopReason(), r.message());
    ProgressEvent e = r.history().events().get(0);
    assertEquals(InnerResult.Status.CONVERGED, e.innerStatus());
    assertNotEquals(IhvpResult.Status.CONVERGED, e.solverStatus());
    assertTrue(e.solverRelativeResidual() >= 1, "p = 0 leaves all of b: " + e.solverRelativeResidual());
    assertEquals(0.0, e.hypergradientNorm(), 0.0, "the meaningless hypergradient");
    assertFalse(e.reliable());
    assertTrue(r.message().startsWith("step 1: the inverse-HVP solve ended " + e.solverStatus()), r.message());
    assertEquals(1, r.history().size());
  }

  static final double[] B = {1, 2};

  static BilevelProblem saddle() {
    double lambda0 = 0.5;
    double[] thetaStar = {-lambda0, 0};
    return BilevelProblem.builder()
        .inner(Objective.fullBatch((theta, lambda) -> {
          Tensor t1 = theta.slice(0, 1);
          Tensor t2 = theta.slice(1, 2);
          return t1.square().sub(t2.square()).scale(0.5).add(lambda.mul(t1)).sum();
        }))
        .outer(Objective.fullBatch((theta, lambda) -> theta.sub(
            theta.tape().constant(thetaStar[0] - B[0], thetaStar[1] - B[1])).squaredNorm().scale(0.5)))
        .initialTheta(thetaStar)
        .initialLambda(new double[] {lambda0})
        .build();
  }

  static HyperOptimizer.Builder saddleLoop() {
    return HyperOptimizer.builder(ImplicitHypergradient.builder(new ConjugateGradient()).build()).maxSteps(1);
  }

  /**
   * raiseDamping(2·10⁻³, 100) tries ρ = 0.002, 0.02, 0.2 (negative curvature at once, p = 0) and 2
   * (positive definite): the step is then reliable, solved at ρ = 2, and dg/dλ = −1/(1 + 2).
   */
  @Test
  void raiseDampingRetriesUntilTheDampedSolveIsUsable() {
    HyperOptimizationResult plain = saddleLoop().build().run(saddle());
    assertEquals(StopReason.SOLVER_FAILED, plain.stopReason(), plain.message());
    assertEquals(IhvpResult.Status.NEGATIVE_CURVATURE, plain.history().events().get(0).solverStatus());

    HyperOptimizationResult r = saddleLoop().onUnreliableStep(UnreliableStepPolicy.raiseDamping(2e-3, 100)).build()
        .run(saddle());
    assertEquals(StopReason.BUDGET, r.stopReason(), r.message());
    ProgressEvent e = r.history().events().get(0);
    assertEquals(InnerResult.Status.CONVERGED, e.innerStatus());
    assertEquals(0.0, e.innerGradientNorm(), 0.0, "the saddle is exactly stationary at theta0");
    assertTrue(e.reliable(), e.warning());
    assertEquals(IhvpResult.Status.CONVERGED, e.solverStatus());
    assertEquals(2.0, e.damping(), 1e-12);
    assertEquals(-B[0] / (1 + e.damping()), e.hypergradient()[0], 1e-12);
    assertTrue(e.warning().startsWith("step 1: the inverse-HVP solve ended NEGATIVE_CURVATURE")
        && e.warning().contains("solved again with the damping raised to 2.00"), e.warning());
    // four attempts, each at least one product for the solve and one for the mixed term
    assertTrue(e.hessianVectorProducts() >= 8, "products of all attempts: " + e.hessianVectorProducts());
  }

  @Test
  void raiseDampingGivesUpAtItsCap() {
    HyperOptimizationResult r = saddleLoop().onUnreliableStep(UnreliableStepPolicy.raiseDamping(2e-3, 1)).build()
        .run(saddle());
    assertEquals(StopReason.SOLVER_FAILED, r.stopReason(), r.message());
    ProgressEvent e = r.history().events().get(0);
    assertFalse(e.reliable());
    assertEquals(0.2, e.damping(), 1e-12, "the last damping tried below the cap");
    assertTrue(r.message().contains("raising the damping up to 1.00 did not help"), r.message());
  }

  /** A method whose session cannot retry (the default session) says so and stops. */
  @Test
  void raiseDampingOnAMethodWithoutDampingStops() {
    ImplicitHypergradient implicit = ImplicitHypergradient.builder(new ConjugateGradient()).build();
    Hypergradient plain = new Hypergradient() {
      @Override
      public HypergradientResult compute(BilevelProblem problem, double[] theta, double[] lambda) {
        return implicit.compute(problem, theta, lambda);
      }

      @Override
      public String name() {
        return "plain";
      }
    };
    HyperOptimizationResult r = HyperOptimizer.builder(plain).maxSteps(3)
        .onUnreliableStep(UnreliableStepPolicy.raiseDamping(1e-3, 10)).build().run(saddle());
    assertEquals(StopReason.SOLVER_FAILED, r.stopReason());
    assertTrue(r.message().contains("plain has no damping to raise"), r.message());
  }

  @Test
  void aCsvLineCarriesTheWarningQuoted() {
    HyperOptimizationResult r = HyperOptimizer.builder(ImplicitHypergradient.builder(new ConjugateGradient()).build())
        .build().run(flat());
    StringBuilder csv = new StringBuilder();
    r.history().writeCsv(csv);
    String line = csv.toString().split("\n")[1];
    String warning = r.history().events().get(0).warning();
    assertTrue(warning.contains(","), "the test needs a warning with commas: " + warning);
    assertTrue(line.startsWith("1,") && line.endsWith(",false,\"" + warning.replace("\"", "\"\"") + "\""), line);
  }
}
