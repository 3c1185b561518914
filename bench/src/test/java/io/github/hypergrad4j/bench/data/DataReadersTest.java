package io.github.hypergrad4j.bench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded data sets, the CSV and IDX readers, and the split with standardisation. */
class DataReadersTest {

  @Test
  void embeddedDataSetsHaveTheirDocumentedSizes() {
    Dataset bc = DatasetReader.breastCancer();
    assertEquals(569, bc.rows());
    assertEquals(30, bc.cols());
    assertEquals(2, bc.classes());
    assertEquals(17.99, bc.features()[0], 0.0, "first value of the file");
    Dataset digits = DatasetReader.digits();
    assertEquals(1797, digits.rows());
    assertEquals(64, digits.cols());
    assertEquals(10, digits.classes());
    Dataset diabetes = DatasetReader.diabetes();
    assertEquals(442, diabetes.rows());
    assertEquals(10, diabetes.cols());
    assertEquals(151.0, diabetes.targets()[0], 0.0);
    assertEquals(59.0, diabetes.features()[0], 0.0);
  }

  /**
   * The breast-cancer feature names are in the file's order: each "worst" value is at least the
   * "mean" one and each standard error below it, area ≈ π·radius² and perimeter ≈ 2π·radius
   * (nuclei are nearly round), on every row.
   */
  @Test
  void breastCancerFeatureNamesMatchTheirColumns() {
    Dataset bc = DatasetReader.breastCancer();
    assertEquals("breast-cancer", bc.name());
    assertEquals(30, bc.featureNames().size());
    String[] measures = {"radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity",
        "concave points", "symmetry", "fractal dimension"};
    double[] x = bc.features();
    for (int i = 0; i < bc.rows(); i++) {
      for (String m : measures) {
        double mean = x[i * 30 + bc.featureNames().indexOf("mean " + m)];
        assertTrue(x[i * 30 + bc.featureNames().indexOf("worst " + m)] >= mean, m + ", row " + i);
        assertTrue(x[i * 30 + bc.featureNames().indexOf(m + " error")] <= mean, m + ", row " + i);
      }
      double radius = x[i * 30 + bc.featureNames().indexOf("mean radius")];
      double area = x[i * 30 + bc.featureNames().indexOf("mean area")] / (Math.PI * radius * radius);
      double perimeter = x[i * 30 + bc.featureNames().indexOf("mean perimeter")] / (2 * Math.PI * radius);
      assertTrue(area > 0.9 && area < 1.1, "area / (pi r^2) = " + area + ", row " + i);
      assertTrue(perimeter > 0.95 && perimeter < 1.15, "perimeter / (2 pi r) = " + perimeter + ", row " + i);
    }
    assertEquals("mean radius", bc.featureName(0));
    assertEquals("worst fractal dimension", bc.featureName(29));
  }

  @Test
  void digitsAndDiabetesFeaturesAreNamed() {
    Dataset digits = DatasetReader.digits();
    assertEquals("digits", digits.name());
    assertEquals("pixel (0,0)", digits.featureName(0));
    assertEquals("pixel (1,2)", digits.featureName(10));
    assertEquals("pixel (7,7)", digits.featureName(63));
    Dataset diabetes = DatasetReader.diabetes();
    assertEquals("bmi", diabetes.featureName(2));
    assertEquals("s6", diabetes.featureName(9));
    Dataset unnamed = new Dataset("x", new double[2], 1, 2, null, new double[1], 0);
    assertEquals("feature 1", unnamed.featureName(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> unnamed.featureName(2));
    assertTrue(e.getMessage().startsWith("Dataset.featureName: j = 2"), e.getMessage());
  }

  private static void writeIdx(Path file, int magic, int[] dims, byte[] data) throws IOException {
    try (OutputStream raw = Files.newOutputStream(file);
        DataOutputStream out = new DataOutputStream(new GZIPOutputStream(raw))) {
      out.writeInt(magic);
      for (int d : dims) {
        out.writeInt(d);
      }
      out.write(data);
    }
  }

  @Test
  void idxFilesRoundTrip(@TempDir Path dir) throws IOException {
    byte[] pixels = new byte[3 * 2 * 2];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 20);
    }
    writeIdx(dir.resolve("train-images-idx3-ubyte.gz"), 0x0803, new int[] {3, 2, 2}, pixels);
    writeIdx(dir.resolve("train-labels-idx1-ubyte.gz"), 0x0801, new int[] {3}, new byte[] {2, 0, 1});
    Dataset d = IdxReader.fashionMnist(dir, "train", 3, 1);
    assertEquals(3, d.rows());
    assertEquals(4, d.cols());
    assertEquals(3, d.classes());
    int[] sorted = d.labels().clone();
    java.util.Arrays.sort(sorted);
    assertArrayEquals(new int[] {0, 1, 2}, sorted, "all three examples");
    for (int r = 0; r < 3; r++) {
      int original = d.labels()[r] == 2 ? 0 : d.labels()[r] == 0 ? 1 : 2;
      assertEquals(original * 4 * 20 / 255.0, d.features()[r * 4], 1e-15, "pixels scaled to [0, 1]");
    }
  }

  /**
   * The real files of Debian's dataset-fashion-mnist (CI installs the package; elsewhere the test
   * is skipped when they are absent): 28×28 images in [0, 1], labels 0..9, both parts readable.
   */
  @Test
  void readsTheDebianFashionMnistFiles() {
    Path folder = Path.of(IdxReader.DEFAULT_FOLDER);
    Assumptions.assumeTrue(Files.isRegularFile(folder.resolve("t10k-images-idx3-ubyte.gz")),
        "dataset-fashion-mnist is not installed");
    for (String part : new String[] {"train", "t10k"}) {
      Dataset d = IdxReader.fashionMnist(folder, part, 500, 1);
      assertEquals(500, d.rows());
      assertEquals(784, d.cols());
      assertEquals(10, d.classes());
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (double v : d.features()) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      assertEquals(0.0, min, 0.0, part + ": background pixels are 0");
      assertEquals(1.0, max, 0.0, part + ": some pixel is saturated (255 → 1)");
      boolean[] seen = new boolean[10];
      for (int label : d.labels()) {
        seen[label] = true;
      }
      for (int c = 0; c < 10; c++) {
        assertTrue(seen[c], part + ": 500 random images include class " + c);
      }
    }
  }

  @Test
  void idxErrorsSayWhatIsWrong(@TempDir Path dir) throws IOException {
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> IdxReader.fashionMnist(dir, "train", 10, 1));
    assertTrue(missing.getMessage().contains("apt-get install -y dataset-fashion-mnist"), missing.getMessage());
    writeIdx(dir.resolve("train-images-idx3-ubyte.gz"), 0x0802, new int[] {1, 1}, new byte[1]);
    writeIdx(dir.resolve("train-labels-idx1-ubyte.gz"), 0x0801, new int[] {1}, new byte[1]);
    IllegalArgumentException magic = assertThrows(IllegalArgumentException.class,
        () -> IdxReader.fashionMnist(dir, "train", 10, 1));
    assertTrue(magic.getMessage().contains("magic number 0x802"), magic.getMessage());
  }

  @Test
  void splitIsSeededDisjointAndStandardisedOnTraining() {
    Dataset bc = DatasetReader.breastCancer();
    Splits.TrainValidationTest a = Splits.split(bc, 0.6, 0.2, 3);
    Splits.TrainValidationTest b = Splits.split(bc, 0.6, 0.2, 3);
    assertArrayEquals(a.train().features(), b.train().features(), 0.0, "same seed, same split");
    assertEquals(569, a.train().rows() + a.validation().rows() + a.test().rows());
    assertEquals(341, a.train().rows());
    for (int j = 0; j < 30; j++) {
      double mean = 0;
      double sq = 0;
      for (int i = 0; i < a.train().rows(); i++) {
        double v = a.train().features()[i * 30 + j];
        mean += v / a.train().rows();
        sq += v * v / a.train().rows();
      }
      assertEquals(0.0, mean, 1e-12, "feature " + j + " centred on the training part");
      assertEquals(1.0, sq - mean * mean, 1e-12, "feature " + j + " scaled on the training part");
    }
    assertThrows(IllegalArgumentException.class, () -> Splits.split(bc, 0.9, 0.2, 1));
  }
}
