package io.github.hypergrad4j.bilevel.unrolled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.autodiff.Shape;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad input is an {@link IllegalArgumentException} whose message starts with the class name and
 * names the value; a run that fails ends with a status and keeps its history, never returning NaN
 * as a hypergradient.
 */
class BadInputAndFailuresTest {

  static void rejects(String start, String mentions, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().startsWith(start + ":"), "message should start with '" + start + ":': " + e.getMessage());
    assertTrue(e.getMessage().contains(mentions), "message should mention '" + mentions + "': " + e.getMessage());
  }

  @Test
  void schedulesOfTheWrongLengthOrShape() {
    rejects("Schedule", "got 0", () -> Schedule.constant(0, 0.1));
    rejects("Schedule", "got 0", () -> Schedule.perStep());
    rejects("Schedule", "got 5", () -> Schedule.of(2, 3, new double[5]));
    rejects("HeavyBall", "20", () -> HeavyBall.of(Schedule.constant(30, 0.1), Schedule.constant(20, 0.9)));
    rejects("Adam", "30", () -> Adam.of(Schedule.constant(30, 0.1), Schedule.constant(30, 0.9), Schedule.constant(31, 0.99)));
    rejects("Sgd", "3 groups", () -> Sgd.of(Schedule.perGroup(10, 0.1, 0.2, 0.3)));
    rejects("Sgd", "2 groups", () -> Sgd.of(Schedule.perGroup(10, 0.1, 0.2, 0.3), ParameterGroups.contiguous(4, 5)));
    rejects("Schedule", "step 12", () -> Schedule.constant(10, 0.1).value(12, 0));
    rejects("Schedule", "got 5", () -> Schedule.constant(10, 0.1).plus(1, new double[5]));
  }

  @Test
  void learningRatesAndMomentaOutsideTheirRange() {
    rejects("Sgd", "-0.1", () -> Sgd.of(Schedule.perStep(0.1, 0.1, -0.1)));
    rejects("Schedule", "NaN", () -> Schedule.perStep(0.1, Double.NaN));
    rejects("Schedule", "Infinity", () -> Schedule.constant(3, Double.POSITIVE_INFINITY));
    rejects("Nesterov", "1.5", () -> Nesterov.of(Schedule.constant(3, 0.1), Schedule.perStep(0.5, 1.5, 0.5)));
    rejects("MaclaurinMomentum", "-0.2", () -> MaclaurinMomentum.of(Schedule.constant(3, 0.1), Schedule.constant(3, -0.2)));
    rejects("ExactReversibleMomentum", "1.0", () -> ExactReversibleMomentum.of(Schedule.constant(3, 0.1),
        Schedule.constant(3, 1.0)));
    rejects("ExactReversibleMomentum", "-0.5", () -> ExactReversibleMomentum.of(Schedule.constant(3, 0.1),
        Schedule.constant(3, -0.5)));
    rejects("ExactReversibleMomentum", "1.0E-300", () -> ExactReversibleMomentum.of(Schedule.constant(3, 0.1),
        Schedule.constant(3, 1e-300)));
    rejects("Adam", "1.0", () -> Adam.of(Schedule.constant(3, 0.1), Schedule.constant(3, 1.0), Schedule.constant(3, 0.99)));
    rejects("Adam", "epsilon", () -> Adam.of(Schedule.constant(3, 0.1), Schedule.constant(3, 0.9),
        Schedule.constant(3, 0.99), 0, null));
    rejects("HeavyBall", "-1.0", () -> HeavyBall.of(Schedule.constant(3, 0.1), Schedule.constant(3, 0.5))
        .withSchedule(HyperparameterKind.LEARNING_RATE, Schedule.constant(3, -1.0)));
    rejects("Sgd", "MOMENTUM", () -> Sgd.of(Schedule.constant(3, 0.1)).schedule(HyperparameterKind.MOMENTUM));
  }

  @Test
  void groupsThatDoNotFit() {
    rejects("ParameterGroups", "group 1", () -> ParameterGroups.of(3, new int[] {0, 2, 2}));
    rejects("ParameterGroups", "group 5", () -> ParameterGroups.of(2, new int[] {0, 5}));
    rejects("ParameterGroups", "size 0", () -> ParameterGroups.contiguous(3, 0));
    BilevelProblem problem = TestProblems.logistic();
    Sgd sgd = Sgd.of(Schedule.perGroup(5, 0.1, 0.2), ParameterGroups.contiguous(10, 10));
    rejects("Sgd", "cover 20 parameters but theta has 31", () -> ReverseModeHypergradient.builder(sgd).build()
        .run(problem, problem.initialLambda()));
  }

  @Test
  void methodSettingsAndInputsThatDoNotFit() {
    BilevelProblem problem = TestProblems.logistic();
    Sgd sgd = Sgd.of(Schedule.constant(5, 0.1));
    rejects("ReverseModeHypergradient", "ExactReversibleMomentum", () -> ReverseModeHypergradient.builder(sgd)
        .store(TrajectoryStore.reversible()).build());
    rejects("ReverseModeHypergradient", "got 6", () -> ReverseModeHypergradient.builder(sgd).truncate(6));
    rejects("ReverseModeHypergradient", "K = 2", () -> ReverseModeHypergradient.builder(sgd).truncate(2)
        .wrt(HyperparameterKind.INITIAL_THETA).build());
    rejects("ReverseModeHypergradient", "MOMENTUM", () -> ReverseModeHypergradient.builder(sgd)
        .wrt(HyperparameterKind.MOMENTUM).build());
    rejects("ReverseModeHypergradient", "theta0 has length 3", () -> ReverseModeHypergradient.builder(sgd).build()
        .run(problem, new double[3], problem.initialLambda()));
    rejects("ReverseModeHypergradient", "lambda[2] = NaN", () -> {
      double[] lambda = problem.initialLambda();
      lambda[2] = Double.NaN;
      ReverseModeHypergradient.builder(sgd).build().run(problem, lambda);
    });
    BilevelProblem unbatched = TestProblems.mlp();
    rejects("ReverseModeHypergradient", "trainingExamples", () -> ReverseModeHypergradient.builder(sgd)
        .miniBatches(MiniBatches.seeded(8, 1)).build().run(unbatched, unbatched.initialLambda()));
    rejects("TrajectoryStore", "got 0", () -> TrajectoryStore.checkpointed(0));
    rejects("MiniBatches", "got 0", () -> MiniBatches.seeded(0, 1));
    rejects("ForwardModeHypergradient", "MOMENTUM", () -> ForwardModeHypergradient.of(sgd,
        List.of(Direction.scheduleGroup(HyperparameterKind.MOMENTUM, 0))));
    rejects("ForwardModeHypergradient", "direction", () -> ForwardModeHypergradient.of(sgd, List.of()));
    rejects("ForwardModeHypergradient", "length 2", () -> ForwardModeHypergradient.of(sgd,
        List.of(Direction.builder("short").initialTheta(new double[2]).build())).run(problem, problem.initialLambda()));
    rejects("Direction", "INITIAL_THETA", () -> Direction.builder("x").schedule(HyperparameterKind.INITIAL_THETA,
        (t, k) -> 1.0));
    rejects("Direction", "index 30", () -> Direction.lambda(30, 30));
    rejects("ExactReversibleMomentum", "theta0[0] = 1000.0", () -> ReverseModeHypergradient.builder(
        ExactReversibleMomentum.of(Schedule.constant(3, 0.1), Schedule.constant(3, 0.9))).build()
        .run(problem, filled(31, 1000.0), problem.initialLambda()));
  }

  @Test
  void aRunThatDivergesEndsWithAStatusAndKeepsItsHistory() {
    BilevelProblem problem = TestProblems.leastSquares(20);
    Sgd tooFast = Sgd.of(Schedule.constant(400, 5.0));
    for (UnrolledResult r : new UnrolledResult[] {
        ReverseModeHypergradient.builder(tooFast).build().run(problem, problem.initialLambda()),
        ForwardModeHypergradient.of(tooFast, List.of(Direction.lambda(0, 1))).run(problem, problem.initialLambda())}) {
      assertEquals(UnrolledResult.Status.DIVERGED, r.status());
      assertFalse(r.isOk());
      assertFalse(r.trainingCompleted());
      assertTrue(r.detail().contains("step"), r.detail());
      double[] history = r.trainingLosses();
      assertTrue(history.length > 10 && history.length < 400, "history of " + history.length + " steps");
      for (double v : history) {
        assertTrue(Double.isFinite(v), "the history holds the finite losses before the failure");
      }
      assertTrue(history[history.length - 1] > 1e100 * history[0], "it did diverge");
      assertEquals(history.length + 1, r.cost().gradients(), "one gradient per step run and the failing one, none after");
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.gradient(HyperparameterKind.LAMBDA));
      assertTrue(e.getMessage().contains("DIVERGED"), e.getMessage());
      assertThrows(IllegalStateException.class, r::validationLoss);
    }
  }

  @Test
  void aFixedPointRunThatLeavesItsRangeEndsWithOverflow() {
    BilevelProblem problem = TestProblems.leastSquares(20);
    UnrolledResult r = ReverseModeHypergradient.builder(ExactReversibleMomentum.of(Schedule.constant(200, 3.0),
        Schedule.constant(200, 0.5))).store(TrajectoryStore.reversible()).build().run(problem, problem.initialLambda());
    assertEquals(UnrolledResult.Status.OVERFLOW, r.status(), r.detail());
    assertTrue(r.detail().contains("fixed-point range"), r.detail());
    assertTrue(r.stepsRun() > 1 && r.stepsRun() < 200);
    assertThrows(IllegalStateException.class, () -> r.gradient(HyperparameterKind.LAMBDA));
  }

  /**
   * f = 10²⁰⁰·‖θ‖² from θ₀ = 0 trains without moving (its gradient is 0), but its curvature makes
   * every backward step multiply the adjoint by 1 − 2·10²⁰⁰·α: the adjoint overflows.
   */
  @Test
  void anAdjointThatOverflowsEndsWithAStatus() {
    BilevelProblem problem = BilevelProblem.builder()
        .inner((theta, lambda, batch) -> theta.square().sum().scale(1e200).add(lambda.mul(theta.sum()).sum().scale(0)))
        .outer((theta, lambda, batch) -> theta.sum().add(theta.tape().constant(new double[] {0}, Shape.vector(1)).sum()))
        .initialTheta(new double[3]).initialLambda(new double[] {1}).build();
    UnrolledResult r = ReverseModeHypergradient.builder(Sgd.of(Schedule.constant(5, 0.1))).build()
        .run(problem, problem.initialLambda());
    assertEquals(UnrolledResult.Status.ADJOINT_NON_FINITE, r.status(), r.detail());
    assertTrue(r.trainingCompleted());
    assertEquals(0.0, r.finalTrainingLoss(), 0.0);
    assertThrows(IllegalStateException.class, () -> r.gradient(HyperparameterKind.LAMBDA));
  }

  static double[] filled(int n, double value) {
    double[] v = new double[n];
    java.util.Arrays.fill(v, value);
    return v;
  }
}
