package io.github.hypergrad4j.bench.stn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bench.data.DatasetReader;
import io.github.hypergrad4j.bench.data.IdxReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The splits: sizes, where the parts come from, and the scaling fitted on the training part. */
class StnSplitTest {

  @Test
  void digitsAreSplit602020() {
    StnSplit s = StnSplit.of(DatasetReader.digits(), 7);
    assertEquals(1078, s.train().rows());
    assertEquals(359, s.validation().rows());
    assertEquals(360, s.test().rows());
    assertTrue(s.description().startsWith("digits: 1797 examples split 60/20/20 with seed 7"), s.description());
  }

  @Test
  void partsMustMatch() {
    StnSplit s = StnSplit.of(DatasetReader.digits(), 7);
    Dataset other = DatasetReader.breastCancer();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new StnSplit(s.train(), other, s.test(), "mixed"));
    assertTrue(e.getMessage().startsWith("StnSplit: breast-cancer has 30 features and 2 classes"), e.getMessage());
  }

  /** Needs Debian's dataset-fashion-mnist (skipped without it). */
  @Test
  void fashionMnistDrawsTrainAndValidationFromTheTrainingFileAndScalesByTheTrainingPart() {
    Path folder = Path.of(IdxReader.DEFAULT_FOLDER);
    assumeTrue(Files.isDirectory(folder), "Fashion-MNIST is not installed");
    StnSplit s = StnSplit.fashionMnist(folder, 200, 100, 50, 7);
    Dataset raw = IdxReader.fashionMnist(folder, "train", 300, 7);
    Dataset rawTest = IdxReader.fashionMnist(folder, "t10k", 50, 7);
    int d = raw.cols();
    double mean = 0;
    for (int k = 0; k < 200 * d; k++) {
      mean += raw.features()[k];
    }
    mean /= 200 * d;
    double var = 0;
    for (int k = 0; k < 200 * d; k++) {
      var += (raw.features()[k] - mean) * (raw.features()[k] - mean);
    }
    double sd = Math.sqrt(var / (200 * d));
    assertEquals(200, s.train().rows());
    assertEquals(100, s.validation().rows());
    assertEquals(50, s.test().rows());
    for (int k = 0; k < 200 * d; k += 97) {
      assertEquals((raw.features()[k] - mean) / sd, s.train().features()[k], 1e-12);
    }
    for (int k = 0; k < 100 * d; k += 89) {
      assertEquals((raw.features()[200 * d + k] - mean) / sd, s.validation().features()[k], 1e-12,
          "validation: the draw's rows after the training part's");
    }
    for (int k = 0; k < 50 * d; k += 83) {
      assertEquals((rawTest.features()[k] - mean) / sd, s.test().features()[k], 1e-12, "test: from the test file");
    }
    assertEquals(raw.labels()[250], s.validation().labels()[50]);
    assertTrue(s.description().contains("train 200 and validation 100 drawn with seed 7"), s.description());
  }
}
