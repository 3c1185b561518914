package io.github.hypergrad4j.bilevel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.ihvp.ConjugateGradient;
import io.github.hypergrad4j.ihvp.ExactSolver;
import io.github.hypergrad4j.ihvp.SolverOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The outer loop on ridge regression with one global penalty (diabetes, the split of {@link
 * RidgeHypergradientTest}), where the validation loss along the inner solution, G(λ) =
 * g(θ*(λ)), is known in closed form ({@link RidgeClosedForm}). The optimal λ is found
 * independently by a golden-section search on that closed form over log λ.
 */
class HyperOptimizerTest {

  static final RidgeClosedForm RIDGE = RidgeHypergradientTest.HALF;
  static final double LAMBDA0 = 10;

  static BilevelProblem problem() {
    return RidgeHypergradientTest.problem(new double[] {LAMBDA0});
  }

  static HyperOptimizer.Builder loop() {
    return HyperOptimizer.builder(ImplicitHypergradient.builder(new ExactSolver()).build())
        .innerStopping(new InnerStopping(1e-6, 1000))
        .outerRule(StepRule.adam(0.2))
        .maxSteps(60);
  }

  /** argmin of the closed-form G over log λ: a grid bracket, then golden-section search. */
  static double optimalLambda() {
    double best = Double.POSITIVE_INFINITY;
    double at = 0;
    for (double t = -6; t <= 3; t += 0.05) {
      double v = RIDGE.validationLossAt(new double[] {Math.pow(10, t)});
      if (v < best) {
        best = v;
        at = t;
      }
    }
    double a = at - 0.05;
    double b = at + 0.05;
    double r = (Math.sqrt(5) - 1) / 2;
    for (int i = 0; i < 100; i++) {
      double c = b - r * (b - a);
      double d = a + r * (b - a);
      if (RIDGE.validationLossAt(new double[] {Math.pow(10, c)}) < RIDGE.validationLossAt(new double[] {Math.pow(10, d)})) {
        b = d;
      } else {
        a = c;
      }
    }
    return Math.pow(10, (a + b) / 2);
  }

  @Test
  void theLoopFindsTheClosedFormOptimalPenalty() {
    double lambdaOpt = optimalLambda();
    assertTrue(lambdaOpt > 1e-3 && lambdaOpt < 10, "the optimum should be interior: " + lambdaOpt);
    HyperOptimizationResult r = loop().build().run(problem());
    List<ProgressEvent> events = r.history().events();
    assertEquals(HyperOptimizationResult.StopReason.BUDGET, r.stopReason());
    assertEquals(60, events.size());
    double first = events.get(0).outerValue();
    assertTrue(r.bestOuterValue() < first && events.get(events.size() - 1).outerValue() < first);
    // every event is G at its λ and its hypergradient, up to the inner solve's error: with
    // A = ∇²f ⪰ λI, the distance to θ* is δ ≤ |∇f|/λ, and g moves by at most |∇g(θ*)|·δ + ½·L_g·δ²
    for (ProgressEvent e : events) {
      assertEquals(InnerResult.Status.CONVERGED, e.innerStatus(), "step " + e.step() + ": " + e);
      double delta = e.innerGradientNorm() / e.lambda()[0];
      double gradNorm = InnerOptimizerTest.norm(RIDGE.validationGradient(RIDGE.thetaStar(e.lambda())));
      double bound = gradNorm * delta + 0.5 * RIDGE.validationCurvatureBound() * delta * delta;
      double expected = RIDGE.validationLossAt(e.lambda());
      assertEquals(expected, e.outerValue(), bound + 1e-12 * expected, "step " + e.step());
      // the IFT formula h(θ) = −θᵀA⁻¹∇g(θ) has |∂h/∂θ| ≤ (|∇g| + L_g·|θ|)/λ
      double h = Math.abs(RIDGE.hypergradient(e.lambda())[0]);
      double thetaNorm = InnerOptimizerTest.norm(RIDGE.thetaStar(e.lambda()));
      double hBound = 1.01 * delta * (gradNorm + RIDGE.validationCurvatureBound() * (thetaNorm + delta)) / e.lambda()[0];
      assertEquals(h, e.hypergradientNorm(), hBound + 1e-12 * h, "step " + e.step());
    }
    double gOpt = RIDGE.validationLossAt(new double[] {lambdaOpt});
    assertTrue(r.bestOuterValue() <= gOpt * (1 + 1e-8), "best G " + r.bestOuterValue() + " vs optimum " + gOpt);
    assertTrue(Math.abs(Math.log(r.bestLambda()[0] / lambdaOpt)) <= 0.01,
        "best lambda " + r.bestLambda()[0] + " vs closed-form optimum " + lambdaOpt);
    // the best θ is the inner solution at the best λ: within |∇f|/λ ≤ 1e-6/0.2 of θ*
    assertTrue(InnerOptimizerTest.distance(RIDGE.thetaStar(r.bestLambda()), r.bestTheta()) <= 1e-6 / r.bestLambda()[0]);
  }

  /**
   * The outer step is SGD on u = log λ with the chain rule: u₁ = u₀ − η·λ₀·dG/dλ(λ₀), checked
   * with the closed-form hypergradient.
   */
  @Test
  void theOuterStepFollowsTheChainRuleOfTheParametrization() {
    double eta = 1e-4;
    HyperOptimizationResult r = loop().outerRule(StepRule.gradientDescent(eta)).maxSteps(2).build().run(problem());
    double[] l0 = r.history().events().get(0).lambda();
    double[] l1 = r.history().events().get(1).lambda();
    assertEquals(LAMBDA0, l0[0], 1e-15 * LAMBDA0); // through log and exp
    double expected = Math.exp(Math.log(LAMBDA0) - eta * LAMBDA0 * RIDGE.hypergradient(l0)[0]);
    assertEquals(expected, l1[0], 1e-9 * expected);
  }

  @Test
  void plateauStoppingTriggersAndMatchesTheHistory() {
    int patience = 3;
    double minImprovement = 1e-3;
    HyperOptimizationResult r = loop().maxSteps(500).plateau(patience, minImprovement).build().run(problem());
    assertEquals(HyperOptimizationResult.StopReason.PLATEAU, r.stopReason(), r.message());
    List<ProgressEvent> events = r.history().events();
    assertTrue(events.size() < 500);
    // replay the rule on the history: a step improves when it beats the best so far by the
    // relative amount; the first step always improves (there is nothing before it)
    double best = Double.POSITIVE_INFINITY;
    int since = 0;
    int stop = -1;
    for (ProgressEvent e : events) {
      boolean improves = e.step() == 0 || e.outerValue() < best - minImprovement * Math.abs(best);
      since = improves ? 0 : since + 1;
      best = Math.min(best, e.outerValue());
      if (since >= patience) {
        stop = e.step();
        break;
      }
    }
    assertEquals(events.size() - 1, stop, "the run stopped at step " + (events.size() - 1) + ", the rule says " + stop);
  }

  /**
   * With patience 1 the run must go on while every step improves: the first step here already
   * improves on nothing, and the second improves G by several percent (λ moves from 10 towards
   * the optimum ≈ 0.2).
   */
  @Test
  void patienceOneDoesNotStopAfterTheFirstStep() {
    HyperOptimizationResult r = loop().maxSteps(10).plateau(1, 1e-3).build().run(problem());
    List<ProgressEvent> events = r.history().events();
    assertTrue(events.size() >= 2, "stopped after " + events.size() + " step(s): " + r.message());
    assertTrue(events.get(1).outerValue() < events.get(0).outerValue() * (1 - 1e-3));
  }

  @Test
  void theHistoryIsWrittenAsCsvWithOneLinePerStep() {
    HyperOptimizationResult r = loop().maxSteps(7).build().run(problem());
    StringBuilder csv = new StringBuilder();
    r.history().writeCsv(csv);
    String[] lines = csv.toString().split("\\R", -1);
    assertEquals("", lines[lines.length - 1], "the CSV ends with a line break");
    assertEquals(History.CSV_HEADER, lines[0]);
    List<ProgressEvent> events = r.history().events();
    assertEquals(events.size() + 2, lines.length); // header + events + the empty rest after the last break
    int columns = History.CSV_HEADER.split(",").length;
    for (int k = 0; k < events.size(); k++) {
      ProgressEvent e = events.get(k);
      String[] f = lines[k + 1].split(",", -1);
      assertEquals(columns, f.length, lines[k + 1]);
      assertEquals(k + 1, Integer.parseInt(f[0]), "steps are numbered from 1 in the CSV");
      assertEquals(e.outerValue(), Double.parseDouble(f[1]), 0.0, "outer_value is written with all digits");
      assertEquals(e.hypergradientNorm(), Double.parseDouble(f[2]), 0.0);
      assertEquals(e.innerIterations(), Integer.parseInt(f[3]));
      assertEquals(e.innerStatus().name(), f[4]);
      assertEquals(e.innerGradientNorm(), Double.parseDouble(f[5]), 1e-5 * e.innerGradientNorm());
      assertEquals(e.solverStatus().name(), f[6]);
      assertEquals(e.hessianVectorProducts(), Long.parseLong(f[8]));
      assertEquals(e.elapsedMillis(), Double.parseDouble(f[9]), 1e-3);
      assertEquals(0.0, Double.parseDouble(f[10]), 0.0, "damping");
      assertEquals("true", f[11]);
      assertEquals("", f[12], "no warning");
      assertTrue(k == 0 || e.elapsedMillis() >= events.get(k - 1).elapsedMillis());
    }
    assertEquals(events.size(), r.history().size());
  }

  @Test
  void theListenerReceivesExactlyTheHistorysEvents() {
    List<ProgressEvent> seen = new ArrayList<>();
    HyperOptimizationResult r = loop().maxSteps(12).listener(seen::add).build().run(problem());
    BadInputAndFailuresTest.assertListenerSawTheHistory(seen, r.history().events());
    assertEquals(12, seen.size());
  }

  @Test
  void theSameSettingsGiveBitIdenticalHistories() {
    HyperOptimizationResult a = loop().maxSteps(25).build().run(problem());
    HyperOptimizationResult b = loop().maxSteps(25).build().run(problem());
    List<ProgressEvent> ea = a.history().events();
    List<ProgressEvent> eb = b.history().events();
    assertEquals(ea.size(), eb.size());
    for (int k = 0; k < ea.size(); k++) {
      ProgressEvent x = ea.get(k);
      ProgressEvent y = eb.get(k);
      assertEquals(Double.doubleToRawLongBits(x.outerValue()), Double.doubleToRawLongBits(y.outerValue()), "step " + k);
      assertEquals(Double.doubleToRawLongBits(x.hypergradientNorm()), Double.doubleToRawLongBits(y.hypergradientNorm()));
      assertEquals(Double.doubleToRawLongBits(x.innerGradientNorm()), Double.doubleToRawLongBits(y.innerGradientNorm()));
      assertEquals(Double.doubleToRawLongBits(x.solverRelativeResidual()), Double.doubleToRawLongBits(y.solverRelativeResidual()));
      assertEquals(x.innerIterations(), y.innerIterations());
      assertEquals(x.innerStatus(), y.innerStatus());
      assertEquals(x.solverStatus(), y.solverStatus());
      assertEquals(x.hessianVectorProducts(), y.hessianVectorProducts());
      assertArrayEquals(x.lambda(), y.lambda(), 0.0);
    }
    assertArrayEquals(a.bestLambda(), b.bestLambda(), 0.0);
    assertArrayEquals(a.bestTheta(), b.bestTheta(), 0.0);
  }

  /**
   * Warm start belongs to the run. With CG cut at two iterations, where the start shows in every
   * result: one HyperOptimizer run twice gives the same history bit for bit (the second run does
   * not start from the first run's last p); a cold run agrees with it at the first step and
   * differs from the second on, where the warm run starts from the previous p.
   */
  @Test
  void warmStartIsPerRunAndConfigurable() {
    HyperOptimizer.Builder cg = HyperOptimizer.builder(ImplicitHypergradient.builder(new ConjugateGradient())
            .solverOptions(SolverOptions.defaults().withMaxIterations(2)).build())
        .innerStopping(InnerStopping.defaults()).outerRule(StepRule.adam(0.01)).maxSteps(6);
    HyperOptimizer warm = cg.build();
    List<ProgressEvent> first = warm.run(problem()).history().events();
    List<ProgressEvent> second = warm.run(problem()).history().events();
    List<ProgressEvent> cold = cg.warmStartHypergradient(false).build().run(problem()).history().events();
    assertEquals(6, first.size());
    for (int k = 0; k < first.size(); k++) {
      long bits = Double.doubleToRawLongBits(first.get(k).hypergradient()[0]);
      assertEquals(bits, Double.doubleToRawLongBits(second.get(k).hypergradient()[0]), "step " + k);
      assertEquals(k == 0, bits == Double.doubleToRawLongBits(cold.get(k).hypergradient()[0]), "step " + k);
    }
  }
}
