package io.github.hypergrad4j.bench.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ErrorMetricsTest {

  private static final double[] EXACT = {3, 4}; // norm 5

  @Test
  void identicalVectorsHaveNoErrorAndCosineOne() {
    assertEquals(0.0, ErrorMetrics.relativeError(new double[] {3, 4}, EXACT), 0.0);
    assertEquals(1.0, ErrorMetrics.cosineSimilarity(new double[] {3, 4}, EXACT), 1e-15);
  }

  @Test
  void zeroApproximationHasErrorOneAndNoDirection() {
    assertEquals(1.0, ErrorMetrics.relativeError(new double[2], EXACT), 1e-15);
    assertEquals(0.0, ErrorMetrics.cosineSimilarity(new double[2], EXACT), 0.0);
  }

  @Test
  void scaledCopyHasTheRightDirectionButNotTheRightSize() {
    assertEquals(1.0, ErrorMetrics.relativeError(new double[] {6, 8}, EXACT), 1e-15);
    assertEquals(1.0, ErrorMetrics.cosineSimilarity(new double[] {6, 8}, EXACT), 1e-15);
    assertEquals(0.5, ErrorMetrics.relativeError(new double[] {1.5, 2}, EXACT), 1e-15);
  }

  @Test
  void oppositeAndOrthogonalVectors() {
    assertEquals(2.0, ErrorMetrics.relativeError(new double[] {-3, -4}, EXACT), 1e-15);
    assertEquals(-1.0, ErrorMetrics.cosineSimilarity(new double[] {-3, -4}, EXACT), 1e-15);
    // (4, -3) - (3, 4) = (1, -7): sqrt(50) / 5 = sqrt(2)
    assertEquals(Math.sqrt(2), ErrorMetrics.relativeError(new double[] {4, -3}, EXACT), 1e-15);
    assertEquals(0.0, ErrorMetrics.cosineSimilarity(new double[] {4, -3}, EXACT), 1e-15);
  }

  @Test
  void aKnownAngle() {
    // (1, 0) against (1, 1): cos 45 degrees; error |(0, -1)| / sqrt(2)
    assertEquals(Math.sqrt(0.5), ErrorMetrics.cosineSimilarity(new double[] {1, 0}, new double[] {1, 1}), 1e-15);
    assertEquals(Math.sqrt(0.5), ErrorMetrics.relativeError(new double[] {1, 0}, new double[] {1, 1}), 1e-15);
  }

  @Test
  void hugeAndTinyEntriesNeitherOverflowNorUnderflow() {
    double[] big = {1e200, 1e200};
    assertEquals(1.0, ErrorMetrics.relativeError(new double[] {2e200, 2e200}, big), 1e-15);
    assertEquals(1.0, ErrorMetrics.cosineSimilarity(new double[] {2e200, 2e200}, big), 1e-15);
    double[] tiny = {1e-200, 0};
    assertEquals(0.5, ErrorMetrics.relativeError(new double[] {1.5e-200, 0}, tiny), 1e-15);
  }

  @Test
  void nonFiniteApproximationsAreNotHidden() {
    assertEquals(Double.POSITIVE_INFINITY,
        ErrorMetrics.relativeError(new double[] {Double.POSITIVE_INFINITY, 0}, EXACT));
    assertEquals(Double.NaN, ErrorMetrics.relativeError(new double[] {Double.NaN, 0}, EXACT));
  }

  @Test
  void badInputIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ErrorMetrics.relativeError(new double[2], new double[2]));
    assertThrows(IllegalArgumentException.class, () -> ErrorMetrics.cosineSimilarity(new double[2], new double[2]));
    assertThrows(IllegalArgumentException.class, () -> ErrorMetrics.relativeError(new double[3], EXACT));
    assertThrows(IllegalArgumentException.class, () -> ErrorMetrics.cosineSimilarity(null, EXACT));
  }
}
