package io.github.hypergrad4j.bilevel.unrolled;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bilevel.BilevelProblem;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Schedules, parameter groups and mini-batches: their layout, and what groups mean for a hypergradient. */
class ScheduleAndGroupsTest {

  @Test
  void schedulesAreStepMajorAndImmutable() {
    double[] values = {1, 2, 3, 4, 5, 6};
    Schedule s = Schedule.of(3, 2, values);
    values[0] = 99;
    assertEquals(1, s.value(0, 0));
    assertEquals(4, s.value(1, 1));
    assertEquals(3, s.steps());
    assertEquals(2, s.groups());
    assertArrayEquals(new double[] {1, 2, 3, 4.5, 5, 6}, s.plus(1, 1, 0.5).values());
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, s.values(), "plus makes a new schedule");
    assertArrayEquals(new double[] {0.1, 0.2, 0.1, 0.2}, Schedule.perGroup(2, 0.1, 0.2).values());
    assertArrayEquals(new double[] {0.3, 0.3, 0.3}, Schedule.constant(3, 0.3).values());
    assertArrayEquals(new double[] {2, 4, 6, 8, 10, 12}, s.plus(1, new double[] {1, 2, 3, 4, 5, 6}).values());
  }

  @Test
  void groupsMapIndicesAndMayInterleave() {
    ParameterGroups contiguous = ParameterGroups.contiguous(3, 2);
    assertEquals(5, contiguous.size());
    assertEquals(2, contiguous.count());
    assertEquals(0, contiguous.groupOf(2));
    assertEquals(1, contiguous.groupOf(3));
    ParameterGroups interleaved = ParameterGroups.of(2, new int[] {0, 1, 0, 1, 1});
    double[] out = new double[5];
    interleaved.expand(new double[] {7, 8, 9}, 1, out);
    assertArrayEquals(new double[] {8, 9, 8, 9, 9}, out);
    double[] dots = new double[3];
    interleaved.addGroupDots(2, new double[] {1, 2, 3, 4, 5}, new double[] {1, 1, 1, 1, 1}, dots, 1);
    assertArrayEquals(new double[] {0, 2 * (1 + 3), 2 * (2 + 4 + 5)}, dots);
  }

  /**
   * The chain rule: a schedule whose groups all hold the same values is the one-group schedule,
   * so the one-group hypergradient at step t is the sum over groups of the per-group one.
   */
  @Test
  void perGroupHypergradientsSumToTheSharedOne() {
    BilevelProblem problem = TestProblems.logistic();
    int steps = 20;
    int[] groupOf = new int[31];
    for (int i = 0; i < 31; i++) {
      groupOf[i] = i % 3;
    }
    ParameterGroups groups = ParameterGroups.of(3, groupOf);
    Schedule lr = Optimizers.decaying(steps, 0.2);
    Schedule momentum = Optimizers.wobbling(steps, 0.85, 0.05);
    double[] lr3 = new double[3 * steps];
    double[] momentum3 = new double[3 * steps];
    for (int t = 0; t < steps; t++) {
      Arrays.fill(lr3, 3 * t, 3 * t + 3, lr.value(t, 0));
      Arrays.fill(momentum3, 3 * t, 3 * t + 3, momentum.value(t, 0));
    }
    UnrolledResult shared = ReverseModeHypergradient.builder(Nesterov.of(lr, momentum)).build()
        .run(problem, problem.initialLambda());
    UnrolledResult perGroup = ReverseModeHypergradient.builder(Nesterov.of(Schedule.of(steps, 3, lr3),
        Schedule.of(steps, 3, momentum3), groups)).build().run(problem, problem.initialLambda());
    assertEquals(shared.validationLoss(), perGroup.validationLoss(), 0.0, "the same run");
    for (HyperparameterKind kind : new HyperparameterKind[] {HyperparameterKind.LEARNING_RATE, HyperparameterKind.MOMENTUM}) {
      assertEquals(3, perGroup.scheduleGroups(kind));
      double[] one = shared.gradient(kind);
      double[] three = perGroup.gradient(kind);
      double[] summed = new double[steps];
      for (int t = 0; t < steps; t++) {
        summed[t] = three[3 * t] + three[3 * t + 1] + three[3 * t + 2];
      }
      assertTrue(TestProblems.relativeError(summed, one) <= 1e-13, kind + ": " + TestProblems.relativeError(summed, one));
    }
  }

  @Test
  void miniBatchesAreAFunctionOfTheSeedAndTheStep() {
    MiniBatches b = MiniBatches.seeded(32, 7);
    Set<String> seen = new HashSet<>();
    for (int t = 0; t < 50; t++) {
      int[] batch = b.batch(t, 340);
      assertEquals(32, batch.length);
      assertArrayEquals(batch, MiniBatches.seeded(32, 7).batch(t, 340), "step " + t + " again");
      for (int i = 0; i < batch.length; i++) {
        assertTrue(batch[i] >= 0 && batch[i] < 340);
        assertTrue(i == 0 || batch[i] > batch[i - 1], "distinct and ascending");
      }
      seen.add(Arrays.toString(batch));
    }
    assertEquals(50, seen.size(), "every step its own batch");
    assertFalse(Arrays.equals(b.batch(0, 340), MiniBatches.seeded(32, 8).batch(0, 340)), "another seed, another batch");
    assertNull(MiniBatches.full().batch(3, 340));
    assertNull(MiniBatches.seeded(340, 1).batch(3, 340), "a batch of everything is the full batch");
  }
}
