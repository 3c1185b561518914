package io.github.hypergrad4j.bench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Predictions#accuracy}: counted by hand, ties to the first class, bad sizes. */
class PredictionsTest {

  @Test
  void countsTheRowsWhoseLargestLogitIsAtTheLabel() {
    double[] logits = {
      0.1, 0.9, 0.0, // → 1
      2.0, 2.0, 1.0, // tie → 0
      -1, -3, -0.5, // → 2
      5, 1, 1 // → 0
    };
    assertEquals(0.75, Predictions.accuracy(logits, 3, new int[] {1, 0, 2, 1}), 0);
    assertEquals(0.25, Predictions.accuracy(logits, 3, new int[] {1, 1, 0, 2}), 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Predictions.accuracy(logits, 4, new int[] {0, 0, 0, 0}));
    assertTrue(e.getMessage().startsWith("Predictions.accuracy: needs 4 x 4") && e.getMessage().contains("got 12"),
        e.getMessage());
  }
}
