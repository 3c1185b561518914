package io.github.hypergrad4j.bench.cv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bench.data.DatasetReader;
import io.github.hypergrad4j.bench.data.Splits;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The stratified folds and the cross-validation split: a partition, stratified, leak-free, bad input refused. */
class StratifiedFoldsTest {

  static final Dataset DIGITS = DatasetReader.digits();

  @Test
  void theFoldsPartitionTheRowsAndStratifyEveryClass() {
    int[] rows = IntStream.range(0, DIGITS.rows()).filter(i -> i % 3 != 0).toArray();
    int[][] folds = StratifiedFolds.split(DIGITS.labels(), DIGITS.classes(), rows, 5, 11);
    int[] all = Arrays.stream(folds).flatMapToInt(Arrays::stream).sorted().toArray();
    assertArrayEquals(rows, all, "every row in exactly one fold");
    for (int c = 0; c < DIGITS.classes(); c++) {
      int min = Integer.MAX_VALUE;
      int max = 0;
      for (int[] f : folds) {
        int cc = c;
        int n = (int) Arrays.stream(f).filter(r -> DIGITS.labels()[r] == cc).count();
        min = Math.min(min, n);
        max = Math.max(max, n);
      }
      assertTrue(max - min <= 1, "class " + c + ": " + min + ".." + max);
    }
    int[] sizes = Arrays.stream(folds).mapToInt(f -> f.length).toArray();
    assertTrue(Arrays.stream(sizes).max().getAsInt() - Arrays.stream(sizes).min().getAsInt() <= 1,
        Arrays.toString(sizes));
  }

  @Test
  void theSplitHoldsOutTuneTestRowsAndStandardisesEachFoldOnItsTrainingRows() {
    Dataset bc = DatasetReader.breastCancer();
    CvSplit split = CvSplit.of(bc, 4, 7);
    Dataset oneSplitTest = Splits.split(bc, Splits.DEFAULT_TRAIN, Splits.DEFAULT_VALIDATION, 7).test();
    CvSplit.Parts refit = split.refit();
    assertArrayEquals(oneSplitTest.labels(), refit.heldOut().labels(), "the same test rows, in the same order");
    assertEquals(bc.rows() - oneSplitTest.rows(), split.poolRows());
    for (int k = 0; k < 4; k++) {
      CvSplit.Parts p = split.fold(k);
      assertEquals(split.poolRows(), p.train().rows() + p.heldOut().rows());
      int d = p.train().cols();
      for (int j = 0; j < d; j++) {
        double mean = 0;
        for (int i = 0; i < p.train().rows(); i++) {
          mean += p.train().features()[i * d + j];
        }
        assertEquals(0, mean / p.train().rows(), 1e-12, "fold " + k + " feature " + j + " centred on its training rows");
      }
    }
  }

  @Test
  void badFoldsAreRefused() {
    int[] rows = IntStream.range(0, DIGITS.rows()).toArray();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StratifiedFolds.split(DIGITS.labels(), DIGITS.classes(), rows, 1, 1));
    assertEquals("StratifiedFolds: folds must be >= 2, got 1", e.getMessage());
    int[] few = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    e = assertThrows(IllegalArgumentException.class,
        () -> StratifiedFolds.split(DIGITS.labels(), DIGITS.classes(), few, 2, 1));
    assertTrue(e.getMessage().startsWith("StratifiedFolds: 2 folds need at least 2 examples of every class"),
        e.getMessage());
  }
}
