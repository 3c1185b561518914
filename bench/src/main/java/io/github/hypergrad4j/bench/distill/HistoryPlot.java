package io.github.hypergrad4j.bench.distill;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The course of a distillation as a PNG: the cross-entropy on the real training images (the outer
 * objective) and on the validation images of the model trained on the synthetic images, against
 * the outer step (log scale), with dashed lines at the validation cross-entropy of the model
 * trained on the class centres and on the full training part, and a marker at the kept step.
 * Painted by XChart off-screen ({@code java.awt.headless=true} works).
 */
public final class HistoryPlot {

  /** The image's width in pixels. */
  public static final int WIDTH = 720;

  /** The image's height in pixels. */
  public static final int HEIGHT = 440;

  private HistoryPlot() {}

  /**
   * Writes the plot.
   *
   * @param title the chart's title
   * @param steps the run's steps (at least one)
   * @param keptStep the kept step, from 0 (-1: none)
   * @param centres the class centres' evaluation
   * @param full the full training part's evaluation
   * @throws IOException if the file cannot be written
   */
  public static void write(String title, List<Distillation.Step> steps, int keptStep, Baselines.Evaluation centres,
      Baselines.Evaluation full, Path png) throws IOException {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("HistoryPlot.write: no steps to plot");
    }
    int n = steps.size();
    double[] x = new double[n];
    double[] train = new double[n];
    double[] validation = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = steps.get(i).event().step() + 1;
      train[i] = steps.get(i).event().outerValue();
      validation[i] = steps.get(i).validationLoss();
    }
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("outer step")
        .yAxisTitle("cross-entropy").build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE).setPlotBackgroundColor(Color.WHITE)
        .setLegendPosition(Styler.LegendPosition.InsideNE).setLegendLayout(Styler.LegendLayout.Vertical);
    chart.getStyler().setYAxisLogarithmic(true).setPlotGridLinesColor(new Color(225, 225, 225)).setMarkerSize(8);
    line(chart, "real training images (outer)", x, train, new Color(31, 119, 180), null);
    line(chart, "validation images", x, validation, new Color(255, 127, 14), null);
    double[] ends = {1, Math.max(2, x[n - 1])};
    line(chart, "validation, " + centres.method(), ends, new double[] {centres.validationLoss(),
        centres.validationLoss()}, new Color(44, 160, 44), SeriesLines.DASH_DASH);
    line(chart, "validation, full training set", ends, new double[] {full.validationLoss(), full.validationLoss()},
        new Color(127, 127, 127), SeriesLines.DASH_DASH);
    if (keptStep >= 0 && keptStep < n) {
      XYSeries kept = chart.addSeries("kept step " + (keptStep + 1), new double[] {keptStep + 1},
          new double[] {validation[keptStep]});
      kept.setMarker(SeriesMarkers.DIAMOND);
      kept.setMarkerColor(new Color(214, 39, 40));
      kept.setLineColor(new Color(214, 39, 40));
    }
    try (OutputStream out = Files.newOutputStream(png)) {
      BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    }
  }

  private static void line(XYChart chart, String name, double[] x, double[] y, Color color,
      java.awt.BasicStroke style) {
    XYSeries s = chart.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    if (style != null) {
      s.setLineStyle(style);
    }
  }
}
