package io.github.hypergrad4j.bilevel.unrolled;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bilevel.BilevelProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three ways to have θ_t in the backward pass give bit-identical hypergradients, and cost what
 * {@link TrajectoryStore} says; truncation to K = T is the full result, and K &lt; T reproduces
 * the full result's last K schedule entries bit for bit and zeroes the others.
 */
class TrajectoryStoreTest {

  static final int STEPS = 30;

  static Stream<UnrolledOptimizer> optimizers() {
    return Optimizers.all(STEPS).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void storedCheckpointedAndReversedGiveBitIdenticalHypergradients(UnrolledOptimizer optimizer) {
    BilevelProblem problem = TestProblems.logistic();
    MiniBatches batches = MiniBatches.seeded(64, 5);
    UnrolledResult stored = run(problem, optimizer, TrajectoryStore.stored(), 0, batches);
    List<TrajectoryStore> others = new ArrayList<>(List.of(TrajectoryStore.checkpointed(),
        TrajectoryStore.checkpointed(1), TrajectoryStore.checkpointed(7), TrajectoryStore.checkpointed(STEPS)));
    if (optimizer instanceof ExactReversibleMomentum) {
      others.add(TrajectoryStore.reversible());
    }
    for (TrajectoryStore store : others) {
      UnrolledResult r = run(problem, optimizer, store, 0, batches);
      assertSameHypergradients(stored, r, store.description());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void truncationToAllStepsIsTheFullResultAndShorterKeepsTheLastEntries(UnrolledOptimizer optimizer) {
    BilevelProblem problem = TestProblems.logistic();
    UnrolledResult full = run(problem, optimizer, TrajectoryStore.stored(), 0, MiniBatches.full());
    UnrolledResult all = run(problem, optimizer, TrajectoryStore.stored(), STEPS, MiniBatches.full());
    assertSameHypergradients(full, all, "K = T");
    int k = 10;
    TrajectoryStore[] stores = optimizer instanceof ExactReversibleMomentum
        ? new TrajectoryStore[] {TrajectoryStore.stored(), TrajectoryStore.checkpointed(), TrajectoryStore.reversible()}
        : new TrajectoryStore[] {TrajectoryStore.stored(), TrajectoryStore.checkpointed()};
    UnrolledResult first = null;
    for (TrajectoryStore store : stores) {
      UnrolledResult truncated = ReverseModeHypergradient.builder(optimizer).store(store).truncate(k)
          .wrt(optimizer.scheduleKinds().toArray(new HyperparameterKind[0])).build().run(problem, problem.initialLambda());
      assertEquals(UnrolledResult.Status.OK, truncated.status(), truncated.detail());
      assertEquals(k, truncated.window());
      for (HyperparameterKind kind : optimizer.scheduleKinds()) {
        double[] g = truncated.gradient(kind);
        double[] f = full.gradient(kind);
        int groups = truncated.scheduleGroups(kind);
        for (int i = 0; i < g.length; i++) {
          assertEquals(i / groups >= STEPS - k ? f[i] : 0.0, g[i], 0.0, kind + " entry " + i + " with K = " + k);
        }
      }
      if (first != null) {
        assertSameHypergradients(first, truncated, "truncated, " + store.description());
      }
      first = truncated;
    }
    UnrolledResult lambdaOnly = ReverseModeHypergradient.builder(optimizer).truncate(k)
        .wrt(HyperparameterKind.LAMBDA).build().run(problem, problem.initialLambda());
    assertNotEquals(full.gradient(HyperparameterKind.LAMBDA)[0], lambdaOnly.gradient(HyperparameterKind.LAMBDA)[0],
        "lambda's hypergradient collects only the last K steps");
    assertEquals(STEPS + 2L + (optimizer instanceof Adam ? k : 0), lambdaOnly.cost().gradients());
    assertEquals(k, lambdaOnly.cost().hessianVectorProducts());
  }

  /** Memory and gradients as the Javadoc of TrajectoryStore states them. */
  @Test
  void costsAreAsDocumented() {
    BilevelProblem problem = TestProblems.logistic();
    int d = problem.thetaSize();
    UnrolledOptimizer optimizer = Optimizers.reversible(STEPS);
    int m = optimizer.stateVectors();
    UnrolledResult stored = run(problem, optimizer, TrajectoryStore.stored(), 0, MiniBatches.full());
    assertEquals((long) STEPS * m * d, stored.cost().peakStoredDoubles());
    assertEquals(STEPS + 2, stored.cost().gradients(), "T forward, f and g at theta_T");
    assertEquals(STEPS, stored.cost().hessianVectorProducts());
    assertEquals(0, stored.cost().informationBufferBits());
    // k = 7 over K = 30: checkpoints at 0, 7, 14, 21, 28 (5), a segment of 7 states; each segment
    // [c, c + len) recomputes len − 1 steps: 6 + 6 + 6 + 6 + 1 = 25 = K − 5
    UnrolledResult checkpointed = run(problem, optimizer, TrajectoryStore.checkpointed(7), 0, MiniBatches.full());
    assertEquals((5L + 7) * m * d, checkpointed.cost().peakStoredDoubles());
    assertEquals(STEPS + 2 + 25, checkpointed.cost().gradients());
    // default √30 → 6: 5 checkpoints + 6
    UnrolledResult root = run(problem, optimizer, TrajectoryStore.checkpointed(), 0, MiniBatches.full());
    assertEquals((5L + 6) * m * d, root.cost().peakStoredDoubles());
    UnrolledResult reversed = run(problem, optimizer, TrajectoryStore.reversible(), 0, MiniBatches.full());
    assertEquals((long) m * d, reversed.cost().peakStoredDoubles());
    assertEquals(2L * STEPS + 2, reversed.cost().gradients(), "one more gradient per undone step");
    assertTrue(reversed.cost().informationBufferBits() > 0);
    assertTrue(reversed.cost().informationBufferBits() <= (long) STEPS * d, "at most 1 bit per weight and step for gamma >= 1/2");
  }

  static UnrolledResult run(BilevelProblem problem, UnrolledOptimizer optimizer, TrajectoryStore store, int k,
      MiniBatches batches) {
    UnrolledResult r = ReverseModeHypergradient.builder(optimizer).store(store).truncate(k).miniBatches(batches)
        .build().run(problem, problem.initialLambda());
    assertEquals(UnrolledResult.Status.OK, r.status(), r.detail());
    return r;
  }

  static void assertSameHypergradients(UnrolledResult expected, UnrolledResult actual, String what) {
    assertEquals(expected.gradientKinds(), actual.gradientKinds(), what);
    for (HyperparameterKind kind : expected.gradientKinds()) {
      assertArrayEquals(expected.gradient(kind), actual.gradient(kind), 0.0, what + ": " + kind);
    }
    assertEquals(expected.validationLoss(), actual.validationLoss(), 0.0, what);
    assertArrayEquals(expected.trainingLosses(), actual.trainingLosses(), 0.0, what);
  }
}
