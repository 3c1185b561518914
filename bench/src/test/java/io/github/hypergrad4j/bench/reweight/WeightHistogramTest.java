package io.github.hypergrad4j.bench.reweight;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link WeightHistogram}: bins counted by hand, and a PNG that can be read back. */
class WeightHistogramTest {

  @Test
  void fractionsPerGroupAndBin() {
    double[] w = {0.0, 0.04, 0.05, 0.51, 1.0, 0.99, 0.3};
    boolean[] corrupted = {true, true, false, false, false, true, false};
    double[][] f = WeightHistogram.fractions(w, corrupted);
    double[] clean = new double[20];
    clean[1] = 0.25; // 0.05
    clean[10] = 0.25; // 0.51
    clean[19] = 0.25; // 1.0, in the closed last bin
    clean[6] = 0.25; // 0.3
    double[] bad = new double[20];
    bad[0] = 2 / 3.0; // 0.0 and 0.04
    bad[19] = 1 / 3.0; // 0.99
    assertArrayEquals(clean, f[0], 1e-15);
    assertArrayEquals(bad, f[1], 1e-15);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WeightHistogram.fractions(new double[] {1.5}, new boolean[] {true}));
    assertTrue(e.getMessage().startsWith("WeightHistogram.fractions: weight 0 is 1.5"), e.getMessage());
  }

  @Test
  void writesAReadablePng(@TempDir Path dir) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Path png = dir.resolve("w.png");
    WeightHistogram.write(new double[] {0.1, 0.9, 0.8}, new boolean[] {true, false, false}, "title", png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(900, image.getWidth());
    assertEquals(450, image.getHeight());
  }
}
