package io.github.hypergrad4j.bench.reweight;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;

/**
 * Histograms of the learned weights of the clean and of the corrupted examples, side by side in one
 * PNG: {@value #BINS} equal bins over [0, 1], the height of a bin the fraction of its group (so
 * that groups of different sizes compare). Painted by XChart off-screen (no display needed).
 * Cost O(n).
 */
public final class WeightHistogram {

  /** The number of bins over [0, 1]. */
  public static final int BINS = 20;

  private static final Color CLEAN = new Color(31, 119, 180);
  private static final Color CORRUPTED = new Color(214, 39, 40);

  private WeightHistogram() {}

  /**
   * The fraction of each group's weights in each of the {@value #BINS} bins [j/B, (j+1)/B), the
   * last bin closed: {@code [0]} the group with {@code corrupted[i]} false, {@code [1]} true; a
   * group without members gives zeros.
   *
   * @throws IllegalArgumentException if the lengths differ or a weight is outside [0, 1]
   */
  public static double[][] fractions(double[] weights, boolean[] corrupted) {
    if (weights == null || corrupted == null || weights.length != corrupted.length) {
      throw new IllegalArgumentException("WeightHistogram.fractions: needs weights and flags of equal length, got "
          + (weights == null ? "null" : weights.length) + " and " + (corrupted == null ? "null" : corrupted.length));
    }
    double[][] f = new double[2][BINS];
    int[] size = new int[2];
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0 && weights[i] <= 1)) {
        throw new IllegalArgumentException("WeightHistogram.fractions: weight " + i + " is " + weights[i]
            + ", outside [0, 1]");
      }
      int g = corrupted[i] ? 1 : 0;
      f[g][Math.min(BINS - 1, (int) (weights[i] * BINS))]++;
      size[g]++;
    }
    for (int g = 0; g < 2; g++) {
      for (int j = 0; j < BINS && size[g] > 0; j++) {
        f[g][j] /= size[g];
      }
    }
    return f;
  }

  /**
   * Writes the histograms to {@code png}.
   *
   * @param title the chart's title (the noise level and the AUC, say)
   * @throws IllegalArgumentException as {@link #fractions}
   * @throws IOException if the file cannot be written
   */
  public static void write(double[] weights, boolean[] corrupted, String title, Path png) throws IOException {
    double[][] f = fractions(weights, corrupted);
    int corruptedCount = 0;
    for (boolean c : corrupted) {
      corruptedCount += c ? 1 : 0;
    }
    List<String> bins = new ArrayList<>();
    for (int j = 0; j < BINS; j++) {
      bins.add(String.format(Locale.ROOT, "%.2f", (j + 0.5) / BINS));
    }
    CategoryChart chart = new CategoryChartBuilder().width(900).height(450).title(title)
        .xAxisTitle("learned weight w = sigmoid(u) (bin centre)").yAxisTitle("fraction of the group").build();
    chart.getStyler().setOverlapped(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setXAxisLabelRotation(45);
    CategorySeries c = chart.addSeries("clean (" + (weights.length - corruptedCount) + ")", bins, toList(f[0]));
    c.setFillColor(new Color(CLEAN.getRed(), CLEAN.getGreen(), CLEAN.getBlue(), 150));
    CategorySeries r = chart.addSeries("corrupted (" + corruptedCount + ")", bins, toList(f[1]));
    r.setFillColor(new Color(CORRUPTED.getRed(), CORRUPTED.getGreen(), CORRUPTED.getBlue(), 150));
    try (OutputStream out = Files.newOutputStream(png)) {
      BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    }
  }

  private static List<Double> toList(double[] v) {
    List<Double> l = new ArrayList<>();
    for (double x : v) {
      l.add(x);
    }
    return l;
  }
}
