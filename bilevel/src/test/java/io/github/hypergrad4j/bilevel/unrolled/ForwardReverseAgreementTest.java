package io.github.hypergrad4j.bilevel.unrolled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bilevel.BilevelProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forward mode against reverse mode: both are exact derivatives of the same discrete run (they
 * train on the same numbers), so the directional derivative along η̇ from forward mode must equal
 * ⟨dL/dη, η̇⟩ from reverse mode up to rounding — 10⁻¹⁰ relative — for every optimiser, for
 * directions that move one schedule group at every step, one schedule entry, one λ_j, θ₀, and all
 * of them at once; and with schedules per parameter group.
 */
class ForwardReverseAgreementTest {

  static final int STEPS = 25;
  static final double TOLERANCE = 1e-10;

  static Stream<UnrolledOptimizer> optimizers() {
    return Optimizers.all(STEPS).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void forwardModeEqualsReverseModeProjected(UnrolledOptimizer optimizer) {
    agree(TestProblems.logistic(), optimizer, MiniBatches.full());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void forwardModeEqualsReverseModeWithMiniBatches(UnrolledOptimizer optimizer) {
    agree(TestProblems.logistic(), optimizer, MiniBatches.seeded(50, 99));
  }

  /** Weights and the intercept in two groups, each with its own schedules. */
  @Test
  void perGroupSchedulesAgreeToo() {
    ParameterGroups groups = ParameterGroups.contiguous(30, 1);
    double[] lr = new double[2 * STEPS];
    double[] momentum = new double[2 * STEPS];
    for (int t = 0; t < STEPS; t++) {
      lr[2 * t] = 0.2;
      lr[2 * t + 1] = 0.05 + 0.002 * t;
      momentum[2 * t] = 0.85;
      momentum[2 * t + 1] = 0.5;
    }
    BilevelProblem problem = TestProblems.logistic();
    agree(problem, HeavyBall.of(Schedule.of(STEPS, 2, lr), Schedule.of(STEPS, 2, momentum), groups),
        MiniBatches.full());
    agree(problem, Adam.of(Schedule.of(STEPS, 2, lr).plus(-0.9, lr), Schedule.perGroup(STEPS, 0.9, 0.8),
        Schedule.constant(STEPS, 0.99), 1e-8, groups), MiniBatches.full());
  }

  private static void agree(BilevelProblem problem, UnrolledOptimizer optimizer, MiniBatches batches) {
    double[] theta0 = problem.initialTheta();
    double[] lambda = problem.initialLambda();
    UnrolledResult reverse = ReverseModeHypergradient.builder(optimizer).miniBatches(batches).build()
        .run(problem, theta0, lambda);
    assertEquals(UnrolledResult.Status.OK, reverse.status(), reverse.detail());
    List<Direction> directions = directions(optimizer, theta0.length, lambda.length);
    UnrolledResult forward = ForwardModeHypergradient.of(optimizer, directions, batches).run(problem, theta0, lambda);
    assertEquals(UnrolledResult.Status.OK, forward.status(), forward.detail());
    assertEquals(reverse.validationLoss(), forward.validationLoss(), 0.0, "the same training run");
    double[] derivatives = forward.directionalDerivatives();
    assertEquals(directions.size(), derivatives.length);
    for (int q = 0; q < directions.size(); q++) {
      double projected = project(reverse, optimizer, directions.get(q));
      assertTrue(Math.abs(derivatives[q] - projected) <= TOLERANCE * Math.abs(projected),
          optimizer.name() + ", " + directions.get(q).name() + ": forward " + derivatives[q] + ", reverse "
              + projected + ", relative " + Math.abs(derivatives[q] - projected) / Math.abs(projected));
    }
    assertEquals(STEPS * (long) directions.size(), forward.cost().hessianVectorProducts(), "one sweep per step and direction");
    assertEquals(0, forward.cost().peakStoredDoubles(), "forward mode stores no trajectory");
  }

  static List<Direction> directions(UnrolledOptimizer optimizer, int d, int lambdaSize) {
    Random r = new Random(3);
    List<Direction> out = new ArrayList<>();
    Direction.Builder all = Direction.builder("everything");
    for (HyperparameterKind kind : optimizer.scheduleKinds()) {
      int groups = optimizer.schedule(kind).groups();
      for (int k = 0; k < groups; k++) {
        out.add(Direction.scheduleGroup(kind, k));
      }
      out.add(Direction.scheduleEntry(kind, STEPS / 2, groups - 1));
      double[] random = new double[STEPS * groups];
      for (int i = 0; i < random.length; i++) {
        random[i] = r.nextGaussian();
      }
      all.schedule(kind, Schedule.of(STEPS, groups, random));
    }
    out.add(Direction.lambda(lambdaSize - 1, lambdaSize));
    double[] theta = new double[d];
    double[] lambda = new double[lambdaSize];
    for (int i = 0; i < d; i++) {
      theta[i] = r.nextGaussian();
    }
    for (int j = 0; j < lambdaSize; j++) {
      lambda[j] = r.nextGaussian();
    }
    out.add(Direction.builder("theta0").initialTheta(theta).build());
    out.add(all.initialTheta(theta).lambda(lambda).build());
    return out;
  }

  /** ⟨dL/dη, η̇⟩ from reverse mode's hypergradients. */
  static double project(UnrolledResult reverse, UnrolledOptimizer optimizer, Direction direction) {
    double s = 0;
    for (HyperparameterKind kind : optimizer.scheduleKinds()) {
      double[] g = reverse.gradient(kind);
      int groups = reverse.scheduleGroups(kind);
      for (int t = 0; t < optimizer.steps(); t++) {
        for (int k = 0; k < groups; k++) {
          s += g[t * groups + k] * direction.scheduleTangent(kind, t, k);
        }
      }
    }
    double[] theta = direction.initialThetaTangent();
    if (theta != null) {
      double[] g = reverse.gradient(HyperparameterKind.INITIAL_THETA);
      for (int i = 0; i < theta.length; i++) {
        s += g[i] * theta[i];
      }
    }
    double[] lambda = direction.lambdaTangent();
    if (lambda != null) {
      double[] g = reverse.gradient(HyperparameterKind.LAMBDA);
      for (int j = 0; j < lambda.length; j++) {
        s += g[j] * lambda[j];
      }
    }
    return s;
  }
}
