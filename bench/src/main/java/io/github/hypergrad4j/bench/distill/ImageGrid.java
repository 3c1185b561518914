package io.github.hypergrad4j.bench.distill;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Grey images in a grid as a PNG: one row per class, one or more blocks of k columns side by
 * side (the distilled images, then the class means for comparison), a gap of {@value #GAP}
 * pixels between images and {@value #BLOCK_GAP} between blocks, each pixel drawn as a square of
 * {@code scale} × {@code scale}. Each image is scaled on its own, its smallest value black and its
 * largest white (a constant image is mid-grey): distilled pixels leave [0, 1], and a common scale
 * would let one image's extremes wash out the others. Written with {@link ImageIO}, headless.
 */
public final class ImageGrid {

  /** Pixels between neighbouring images. */
  public static final int GAP = 2;

  /** Pixels between blocks. */
  public static final int BLOCK_GAP = 12;

  private static final int BACKGROUND = 0x3060a0;

  private ImageGrid() {}

  /**
   * The grid's width for {@code blocks} blocks of {@code k} images of {@code width} pixels.
   */
  public static int width(int blocks, int k, int width, int scale) {
    return blocks * k * (width * scale + GAP) - GAP + (blocks - 1) * (BLOCK_GAP - GAP) + 2 * GAP;
  }

  /** The grid's height for {@code classes} rows of images of {@code height} pixels. */
  public static int height(int classes, int height, int scale) {
    return classes * (height * scale + GAP) + GAP;
  }

  /**
   * Draws the blocks: each is (classes·k) × (height·width) values, class-major.
   *
   * @throws IllegalArgumentException if there is no block, a size is below 1 or a block has the
   *     wrong length
   */
  public static BufferedImage draw(double[][] blocks, int classes, int k, int height, int width, int scale) {
    if (blocks == null || blocks.length == 0 || classes < 1 || k < 1 || height < 1 || width < 1 || scale < 1) {
      throw new IllegalArgumentException("ImageGrid.draw: needs at least one block and sizes >= 1, got "
          + (blocks == null ? "null" : blocks.length) + " blocks, " + classes + " classes, k = " + k + ", "
          + height + "x" + width + ", scale " + scale);
    }
    int pixels = height * width;
    for (double[] b : blocks) {
      if (b == null || b.length != (long) classes * k * pixels) {
        throw new IllegalArgumentException("ImageGrid.draw: a block needs " + classes + " x " + k + " x " + pixels
            + " values, got " + (b == null ? "null" : b.length));
      }
    }
    BufferedImage image = new BufferedImage(width(blocks.length, k, width, scale), height(classes, height, scale),
        BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        image.setRGB(x, y, BACKGROUND);
      }
    }
    for (int b = 0; b < blocks.length; b++) {
      int left = GAP + b * (k * (width * scale + GAP) - GAP + BLOCK_GAP);
      for (int c = 0; c < classes; c++) {
        for (int j = 0; j < k; j++) {
          paint(image, blocks[b], (c * k + j) * pixels, height, width, scale, left + j * (width * scale + GAP),
              GAP + c * (height * scale + GAP));
        }
      }
    }
    return image;
  }

  /** {@link #draw} written to {@code png}. */
  public static void write(double[][] blocks, int classes, int k, int height, int width, int scale, Path png)
      throws IOException {
    BufferedImage image = draw(blocks, classes, k, height, width, scale);
    if (!ImageIO.write(image, "png", png.toFile())) {
      throw new IOException("no PNG writer available");
    }
  }

  private static void paint(BufferedImage image, double[] values, int from, int height, int width, int scale,
      int left, int top) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < height * width; i++) {
      lo = Math.min(lo, values[from + i]);
      hi = Math.max(hi, values[from + i]);
    }
    for (int r = 0; r < height; r++) {
      for (int c = 0; c < width; c++) {
        double v = values[from + r * width + c];
        double t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
        int grey = (int) Math.round(255 * Math.max(0, Math.min(1, Double.isFinite(t) ? t : 0.5)));
        int rgb = grey << 16 | grey << 8 | grey;
        for (int dy = 0; dy < scale; dy++) {
          for (int dx = 0; dx < scale; dx++) {
            image.setRGB(left + c * scale + dx, top + r * scale + dy, rgb);
          }
        }
      }
    }
  }
}
