package io.github.hypergrad4j.bench.penalties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bench.data.Dataset;
import org.junit.jupiter.api.Test;

/** Bad settings of the tuning run and the grid are refused with a message naming them. */
class PenaltySettingsTest {

  @Test
  void tuningSettingsRefuseCountsBelowOneAndNonPositiveReals() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PenaltyTuning.Settings(0, 1e-4, 10, 5, 1e-3, 5, 1e-3, 0.1, 0.2));
    assertTrue(e.getMessage().startsWith("PenaltyTuning.Settings: steps, inner iterations and CG iterations must be"
        + " >= 1, got 0, 10, 5, 5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new PenaltyTuning.Settings(3, 1e-4, 10, 5, 1e-3, 5, 1e-3, 0, 0.2));
    assertTrue(e.getMessage().startsWith("PenaltyTuning.Settings: initialPenalty, innerTolerance, cgTolerance,"
        + " damping and outerLearningRate must be > 0 and finite"), e.getMessage());
  }

  @Test
  void theGridRefusesAnEmptyOrNonPositiveListAndTrainsAllValuesWithoutABudget() {
    Dataset a = PenaltyMlpTest.synthetic(20, 3, 2, 1);
    PenaltyMlp m = new PenaltyMlp(a, a, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GlobalPenaltyGrid.run(m, a, new double[0], 5, 1e-3, 1, 10, null));
    assertEquals("GlobalPenaltyGrid.run: needs at least one penalty", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> GlobalPenaltyGrid.run(m, a, new double[] {1e-3, -1}, 5, 1e-3, 1, 10, null));
    assertEquals("GlobalPenaltyGrid.run: penalties must be > 0 and finite, got -1.0", e.getMessage());
    GlobalPenaltyGrid.Result r = GlobalPenaltyGrid.run(m, a, new double[] {1e-3, 1e-1, 10}, 20, 1e-3, 1,
        Double.POSITIVE_INFINITY, null);
    assertEquals(3, r.points().size());
    for (GlobalPenaltyGrid.Point p : r.points()) {
      assertTrue(p.validationLoss() >= r.bestPoint().validationLoss());
    }
    // a zero budget still trains the first value, and only it
    assertEquals(1, GlobalPenaltyGrid.run(m, a, new double[] {1e-3, 1e-1}, 5, 1e-3, 1, 0, null).points().size());
  }
}
