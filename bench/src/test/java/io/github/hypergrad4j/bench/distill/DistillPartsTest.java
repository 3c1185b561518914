package io.github.hypergrad4j.bench.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.hypergrad4j.bench.data.DataException;
import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bench.data.IdxReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts around the distillation: real subsets, class centres, the image grid, bad input. */
class DistillPartsTest {

  /** Class c has {@code sizes[c]} examples of 2 features; class 1's come in two far-apart clusters. */
  private static Dataset toy(int... sizes) {
    int n = Arrays.stream(sizes).sum();
    double[] x = new double[2 * n];
    int[] y = new int[n];
    SplittableRandom r = new SplittableRandom(5);
    int i = 0;
    for (int c = 0; c < sizes.length; c++) {
      for (int j = 0; j < sizes[c]; j++, i++) {
        y[i] = c;
        double centre = c == 1 && j % 2 == 1 ? 100 : 10 * c;
        x[2 * i] = centre + 0.1 * r.nextGaussian();
        x[2 * i + 1] = -centre + 0.1 * r.nextGaussian();
      }
    }
    return new Dataset("toy", x, n, 2, y, null, sizes.length);
  }

  @Test
  void realSubsetsDrawKOfEachClassReproducibly() {
    Dataset d = toy(5, 8, 3);
    int[] a = RealSubsets.draw(d, 3, 0, 7);
    assertEquals(9, a.length);
    for (int i = 0; i < a.length; i++) {
      assertEquals(i / 3, d.labels()[a[i]], "class-major");
    }
    assertEquals(3, Arrays.stream(a).distinct().count() - 6, "no example twice");
    assertArrayEquals(a, RealSubsets.draw(d, 3, 0, 7), "same seed, same draw");
    assertFalse(Arrays.equals(a, RealSubsets.draw(d, 3, 1, 7)), "another draw differs");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RealSubsets.draw(d, 4, 0, 7));
    assertTrue(e.getMessage().startsWith("RealSubsets: class 2 has 3 examples in toy, fewer than k = 4"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RealSubsets.checkEnough(d, 0));
    assertTrue(e.getMessage().startsWith("RealSubsets: k must be at least 1, got 0"), e.getMessage());
  }

  @Test
  void classCentresAreTheMeansForOneAndTheClustersForTwo() {
    Dataset d = toy(6, 10, 4);
    double[] means = ClassCentroids.of(d, 1, 1);
    for (int c = 0; c < 3; c++) {
      double[] sum = new double[2];
      int count = 0;
      for (int i = 0; i < d.rows(); i++) {
        if (d.labels()[i] == c) {
          sum[0] += d.features()[2 * i];
          sum[1] += d.features()[2 * i + 1];
          count++;
        }
      }
      assertEquals(sum[0] / count, means[2 * c], 1e-12);
      assertEquals(sum[1] / count, means[2 * c + 1], 1e-12);
    }
    double[] two = ClassCentroids.of(d, 2, 1);
    // class 1 (rows 2, 3 of the centres): one centre near (10, -10), the other near (100, -100)
    double lo = Math.min(two[4], two[6]);
    double hi = Math.max(two[4], two[6]);
    assertEquals(10, lo, 0.2);
    assertEquals(100, hi, 0.2);
    assertThrows(IllegalArgumentException.class, () -> ClassCentroids.of(d, 5, 1));
  }

  @Test
  void imageGridHasOneRowPerClassAndScalesEachImage(@TempDir Path dir) throws IOException {
    int classes = 3;
    int k = 2;
    double[] a = new double[classes * k * 4];
    for (int i = 0; i < a.length; i++) {
      a[i] = i % 4; // each 2x2 image: 0, 1, 2, 3
    }
    double[] b = new double[a.length];
    Path png = dir.resolve("grid.png");
    ImageGrid.write(new double[][] {a, b}, classes, k, 2, 2, 5, png);
    BufferedImage image = ImageIO.read(png.toFile());
    // by hand: margin 2, then per block 2 images of 10 px with a gap of 2 between, 12 between blocks
    assertEquals(2 + (10 + 2 + 10) + 12 + (10 + 2 + 10) + 2, image.getWidth());
    assertEquals(2 + 3 * 10 + 2 * 2 + 2, image.getHeight());
    assertEquals(0x000000, image.getRGB(2, 2) & 0xffffff, "the smallest pixel is black");
    assertEquals(0xffffff, image.getRGB(2 + 5, 2 + 5) & 0xffffff, "the largest white");
    assertEquals(0x808080, image.getRGB(2 + 22 + 12, 2) & 0xffffff, "a constant image mid-grey");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ImageGrid.draw(new double[][] {new double[3]}, classes, k, 2, 2, 5));
    assertTrue(e.getMessage().startsWith("ImageGrid.draw: a block needs 3 x 2 x 4 values, got 3"), e.getMessage());
  }

  @Test
  void fashionMnistPartsAreDrawnAsStatedOrItsAbsenceIsNamed(@TempDir Path empty) {
    DataException e = assertThrows(DataException.class, () -> DistillData.fashionMnist(empty, 1));
    assertTrue(e.detail().contains("Fashion-MNIST is not in " + empty), e.detail());
    Path folder = Path.of(IdxReader.DEFAULT_FOLDER);
    assumeTrue(Files.isDirectory(folder), "Debian's dataset-fashion-mnist is not installed");
    DistillData d = DistillData.fashionMnist(folder, 1);
    assertEquals(DistillData.FASHION_TRAIN, d.train().rows());
    assertEquals(DistillData.FASHION_VALIDATION, d.validation().rows());
    assertEquals(10_000, d.test().rows());
    assertEquals(784, d.train().cols());
    double lo = Arrays.stream(d.train().features()).min().orElseThrow();
    double hi = Arrays.stream(d.train().features()).max().orElseThrow();
    assertTrue(lo >= 0 && hi <= 1 && hi > 0.99, lo + " .. " + hi);
  }

  @Test
  void badModelAndSettingsAreRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SoftmaxRegression(4, 1, 1e-3));
    assertTrue(e.getMessage().startsWith("SoftmaxRegression: "), e.getMessage());
    SoftmaxRegression m = new SoftmaxRegression(2, 2, 1e-3);
    e = assertThrows(IllegalArgumentException.class, () -> m.fit(new double[3], new int[] {0, 1}, new double[6]));
    assertTrue(e.getMessage().startsWith("SoftmaxRegression.fit: ") && e.getMessage().contains("3 values"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Distillation.Settings(0, 10, 0.01,
        Distillation.Solver.CG, 1e-3, 1));
    assertTrue(e.getMessage().startsWith("Distillation.Settings: "), e.getMessage());
  }
}
