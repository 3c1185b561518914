package io.github.hypergrad4j.bench.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bench.data.DatasetReader;
import io.github.hypergrad4j.bench.data.Splits;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.Objective;
import io.github.hypergrad4j.bilevel.unrolled.MiniBatches;
import io.github.hypergrad4j.bilevel.unrolled.ParameterGroups;
import io.github.hypergrad4j.bilevel.unrolled.TrajectoryStore;
import io.github.hypergrad4j.bilevel.unrolled.UnrolledResult;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The meta-loop of the schedule experiment on tiny networks: its hypergradient with respect to
 * (log α, logit γ) against central differences of the validation loss through re-run training,
 * that it lowers the validation loss, and what it does when training diverges.
 */
class ScheduleLearningTest {

  /** A 64-h-10 network on a few digits, T steps on seeded batches of {@code batch}. */
  static ScheduleLearning tiny(int examples, int hidden, int steps, int batch, TrajectoryStore store) {
    Splits.TrainValidationTest split = Splits.split(DatasetReader.digits().sample(examples, 3), 0.6, 0.2, 7);
    TanhMlp model = new TanhMlp(split.train(), split.validation(), hidden);
    return new ScheduleLearning(model.problem(model.initialTheta(5)), model.layers(), steps,
        MiniBatches.seeded(batch, 11), store);
  }

  @Test
  void metaGradientMatchesCentralDifferencesThroughRetraining() {
    int steps = 6;
    ScheduleLearning learning = tiny(200, 5, steps, 25, TrajectoryStore.stored());
    // a non-constant schedule, so that every step and layer has its own value
    double[] x = learning.constant(0.5, 0.7);
    Random random = new Random(1);
    for (int i = 0; i < x.length; i++) {
      x[i] += 0.3 * random.nextGaussian();
    }
    ScheduleLearning.Evaluation e = learning.evaluate(x);
    assertTrue(e.ok(), e.detail());
    int n = steps * 2; // T·G entries of u, then of w
    int[] entries = {0, 3, n - 1, n, n + 5, 2 * n - 1}; // log α at steps 0, 1, 5; logit γ at steps 0, 2, 5
    double h = 1e-5;
    for (int i : entries) {
      double[] plus = x.clone();
      double[] minus = x.clone();
      plus[i] += h;
      minus[i] -= h;
      double fd = (learning.evaluate(plus).validationLoss() - learning.evaluate(minus).validationLoss()) / (2 * h);
      double scale = Math.max(Math.abs(fd), 1e-6);
      assertEquals(fd, e.gradient()[i], 1e-6 * scale + 1e-10,
          "dL/dx[" + i + "]: reverse mode " + e.gradient()[i] + ", central difference " + fd);
    }
  }

  @Test
  void checkpointingGivesTheSameMetaGradient() {
    ScheduleLearning stored = tiny(200, 5, 9, 25, TrajectoryStore.stored());
    ScheduleLearning checkpointed = tiny(200, 5, 9, 25, TrajectoryStore.checkpointed());
    double[] x = stored.constant(0.4, 0.8);
    double[] a = stored.evaluate(x).gradient();
    double[] b = checkpointed.evaluate(x).gradient();
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], b[i], 0.0, "entry " + i);
    }
  }

  @Test
  void theLearnedScheduleLowersTheValidationLoss() {
    ScheduleLearning learning = tiny(300, 8, 20, 30, TrajectoryStore.stored());
    ScheduleLearning.Outcome o = learning.run(learning.constant(0.1, 0.9), 10, 0.05, null);
    assertTrue(o.learned());
    assertEquals(11, o.history().size(), "the start and 10 meta-steps");
    assertTrue(o.validationLoss() < 0.95 * o.start(), "learned " + o.validationLoss() + ", start " + o.start());
    assertTrue(o.bestStep() > 0);
    // the schedule kept is the one of the lowest loss seen, and re-training with it gives that loss
    double lowest = o.history().stream().mapToDouble(ScheduleLearning.MetaStep::validationLoss).min().orElseThrow();
    assertEquals(lowest, o.validationLoss(), 0.0);
    double[] x = new double[learning.variables()];
    double[] alpha = o.learningRate().values();
    double[] gamma = o.momentum().values();
    for (int i = 0; i < alpha.length; i++) {
      x[i] = Math.log(alpha[i]);
      x[alpha.length + i] = Math.log(gamma[i] / (1 - gamma[i]));
    }
    assertEquals(o.validationLoss(), learning.evaluate(x).validationLoss(), 1e-9 * o.validationLoss());
    assertEquals(0, o.backoffs());
    assertEquals("all 10 meta-steps done", o.stop());
  }

  /**
   * f = g = ½‖θ − 1‖² on four parameters in two groups, θ₀ = 0, 50 full-batch steps: the
   * iteration multiplies θ − 1 by about 1 − α(1 − γ) per step, so a learning rate far above 2
   * overflows θ, and a larger α helps while it is small (dL/dα &lt; 0: Adam raises it).
   */
  static ScheduleLearning quadratic() {
    Objective half = (theta, lambda, batch) -> theta.add(-1).square().sum().scale(0.5);
    BilevelProblem p = BilevelProblem.builder().inner(half).outer(half).initialTheta(new double[4])
        .initialLambda(new double[1]).build();
    return new ScheduleLearning(p, ParameterGroups.contiguous(2, 2), 50, MiniBatches.full(), TrajectoryStore.stored());
  }

  @Test
  void aDivergedRunGivesNoNumberAndTheLoopBacksOff() {
    ScheduleLearning learning = quadratic();
    // Adam's first step moves every log alpha by the rate, up where dL/dalpha < 0: by 100, those alpha reach
    // ~1e42 and theta overflows; after the back-off (by 50, alpha ~ 5e20) it stays finite
    ScheduleLearning.Outcome o = learning.run(learning.constant(0.1, 0.5), 6, 100, null);
    List<ScheduleLearning.MetaStep> failed = o.history().stream()
        .filter(m -> m.status() != UnrolledResult.Status.OK).toList();
    assertTrue(!failed.isEmpty(), "some run diverged: " + o.history());
    assertEquals(UnrolledResult.Status.DIVERGED, failed.get(0).status(), failed.get(0).detail());
    assertTrue(failed.get(0).detail().contains("non-finite") || failed.get(0).detail().contains("training loss"),
        "the library's own status: " + failed.get(0).detail());
    assertTrue(o.backoffs() >= 1);
    for (ScheduleLearning.MetaStep m : failed) {
      assertTrue(Double.isNaN(m.validationLoss()) && Double.isNaN(m.gradientNorm()), "no number: " + m);
    }
    assertEquals(50, failed.get(0).metaLearningRate(), 0.0, "the rate is halved at a back-off");
    assertTrue(o.learned() && Double.isFinite(o.validationLoss()));
    double lowest = o.history().stream().filter(m -> m.status() == UnrolledResult.Status.OK)
        .mapToDouble(ScheduleLearning.MetaStep::validationLoss).min().orElseThrow();
    assertEquals(lowest, o.validationLoss(), 0.0, "the best schedule is kept");
  }

  @Test
  void aLearningRateThatOverflowsIsADivergedRun() {
    ScheduleLearning learning = tiny(200, 5, 4, 25, TrajectoryStore.stored());
    double[] x = learning.constant(0.5, 0.5);
    x[2] = 710; // exp(710) = infinity
    ScheduleLearning.Evaluation e = learning.evaluate(x);
    assertEquals(UnrolledResult.Status.DIVERGED, e.status());
    assertTrue(e.detail().contains("overflows"), e.detail());
  }

  @Test
  void aStartThatDivergesStopsTheLoop() {
    ScheduleLearning learning = quadratic();
    ScheduleLearning.Outcome o = learning.run(learning.constant(1e10, 0.5), 5, 0.1, null);
    assertTrue(!o.learned());
    assertEquals(1, o.history().size());
    assertTrue(o.stop().startsWith("the starting schedule's training run failed (DIVERGED"), o.stop());
    assertNull(o.learningRate());
    assertTrue(Double.isNaN(o.validationLoss()));
  }

  @Test
  void threeBackOffsInARowStopTheLoop() {
    ScheduleLearning learning = quadratic();
    // alpha = 0.1 e^1000 overflows itself; e^500, e^250 and e^125 overflow theta: four failures in a row
    ScheduleLearning.Outcome o = learning.run(learning.constant(0.1, 0.5), 10, 1000, null);
    assertEquals(ScheduleLearning.MAX_BACKOFFS_IN_A_ROW, o.backoffs(), o.history().toString());
    assertEquals(ScheduleLearning.MAX_BACKOFFS_IN_A_ROW + 2, o.history().size());
    assertTrue(o.stop().contains("after 3 back-offs in a row"), o.stop());
    assertEquals(0, o.bestStep());
  }
}
