package io.github.hypergrad4j.bench.reweight;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bilevel.HyperOptimizationResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ReweightExperiment} on a toy problem: flipped labels get the lowest weights; runs repeat bit for bit. */
class ReweightExperimentTest {

  private static final Dataset TRAIN = ToyData.blobs(60, 3, 3, 4.0, 11);
  private static final Dataset VALIDATION = ToyData.blobs(30, 3, 3, 4.0, 12);
  private static final Dataset TEST = ToyData.blobs(30, 3, 3, 4.0, 13);

  private static ReweightExperiment.Settings settings(int steps) {
    return new ReweightExperiment.Settings(0.1, 0.01, steps, 0.1, 0.0, 1e-8, 1000, 1e-8, 500, 3);
  }

  @Test
  void theExamplesWhoseLabelsWereFlippedGetTheLowestWeightsAfterAFewOuterSteps() {
    List<Double> aucs = new ArrayList<>();
    ReweightExperiment.Outcome o = ReweightExperiment.run(TRAIN, VALIDATION, TEST, settings(10),
        (e, auc) -> aucs.add(auc));
    assertEquals(HyperOptimizationResult.StopReason.BUDGET, o.tuning().stopReason(), o.tuning().message());
    assertEquals(6, o.noise().corruptedCount());
    double highestCorrupted = Double.NEGATIVE_INFINITY;
    double lowestClean = Double.POSITIVE_INFINITY;
    for (int i = 0; i < 60; i++) {
      if (o.noise().corrupted()[i]) {
        highestCorrupted = Math.max(highestCorrupted, o.weights()[i]);
      } else {
        lowestClean = Math.min(lowestClean, o.weights()[i]);
      }
    }
    assertTrue(highestCorrupted < lowestClean, "every corrupted weight below every clean one: highest corrupted "
        + highestCorrupted + ", lowest clean " + lowestClean);
    assertEquals(1.0, o.auc(), 0);
    assertEquals(0.5, aucs.get(0), 0, "all weights start equal");
    assertEquals(10, aucs.size());
    assertArrayEquals(aucs.stream().mapToDouble(Double::doubleValue).toArray(), o.aucPerStep());
    assertTrue(o.learned().validationLoss() < o.uniform().validationLoss(), "the outer loss went down");
    assertTrue(o.uniform().fit().converged() && o.oracle().fit().converged() && o.learned().fit().converged());
  }

  @Test
  void theSameSeedGivesTheSameRunBitForBit() {
    ReweightExperiment.Outcome a = ReweightExperiment.run(TRAIN, VALIDATION, TEST, settings(3), null);
    ReweightExperiment.Outcome b = ReweightExperiment.run(TRAIN, VALIDATION, TEST, settings(3), null);
    assertArrayEquals(a.weights(), b.weights());
    assertArrayEquals(a.learned().fit().theta(), b.learned().fit().theta());
    assertArrayEquals(a.aucPerStep(), b.aucPerStep());
    assertEquals(a.oracle().testAccuracy(), b.oracle().testAccuracy());
    for (int i = 0; i < 3; i++) {
      assertEquals(a.tuning().history().events().get(i).outerValue(), b.tuning().history().events().get(i).outerValue());
    }
  }

  @Test
  void settingsOutOfRangeAreRefusedByName() {
    IllegalArgumentException noise = assertThrows(IllegalArgumentException.class,
        () -> new ReweightExperiment.Settings(1.0, 0.01, 3, 0.1, 0, 1e-8, 10, 1e-8, 10, 1));
    assertTrue(noise.getMessage().startsWith("ReweightExperiment.Settings: noise") && noise.getMessage()
        .contains("1.0"), noise.getMessage());
    IllegalArgumentException steps = assertThrows(IllegalArgumentException.class,
        () -> new ReweightExperiment.Settings(0.2, 0.01, 0, 0.1, 0, 1e-8, 10, 1e-8, 10, 1));
    assertTrue(steps.getMessage().contains("steps must be >= 1, got 0"), steps.getMessage());
  }
}
