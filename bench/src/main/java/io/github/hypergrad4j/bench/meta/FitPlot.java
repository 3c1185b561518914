package io.github.hypergrad4j.bench.meta;

import io.github.hypergrad4j.bilevel.meta.Adaptation;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The meta-learnt model's fits on held-out sinusoid tasks as a PNG: one row per method, one panel
 * per task, each with the true curve, the K support points, and the model's prediction before
 * adaptation (φ) and after 1 and 10 gradient steps of size α on the support points. Painted by
 * XChart into an off-screen image ({@code java.awt.headless=true} works). Cost: 200 predictions
 * and 10 gradients per panel.
 */
public final class FitPlot {

  /** One panel's width in pixels. */
  public static final int PANEL_WIDTH = 520;

  /** One panel's height in pixels. */
  public static final int PANEL_HEIGHT = 340;

  private static final int POINTS = 200;
  private static final Color[] COLORS = {
    new Color(127, 127, 127), new Color(255, 127, 14), new Color(44, 160, 44), new Color(31, 119, 180),
  };

  private FitPlot() {}

  /**
   * One method's meta-learnt φ and its name.
   *
   * @param name the row's title
   * @param phi the parameters
   */
  public record Row(String name, double[] phi) {}

  /**
   * Writes the fits of each row's φ on each task to {@code png}.
   *
   * @throws IllegalArgumentException if there are no rows or no tasks
   * @throws IOException if the file cannot be written
   */
  public static void write(List<Row> rows, List<SinusoidTask> tasks, double alpha, Path png) throws IOException {
    if (rows.isEmpty() || tasks.isEmpty()) {
      throw new IllegalArgumentException("FitPlot.write: needs at least one row and one task, got " + rows.size()
          + " rows and " + tasks.size() + " tasks");
    }
    int width = tasks.size() * PANEL_WIDTH;
    int height = rows.size() * PANEL_HEIGHT;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      for (int r = 0; r < rows.size(); r++) {
        for (int t = 0; t < tasks.size(); t++) {
          Graphics2D panel = (Graphics2D) g.create(t * PANEL_WIDTH, r * PANEL_HEIGHT, PANEL_WIDTH, PANEL_HEIGHT);
          panel(rows.get(r), tasks.get(t), t, alpha).paint(panel, PANEL_WIDTH, PANEL_HEIGHT);
          panel.dispose();
        }
      }
    } finally {
      g.dispose();
    }
    if (!ImageIO.write(image, "png", png.toFile())) {
      throw new IOException("FitPlot.write: no PNG writer is available to write " + png);
    }
  }

  private static XYChart panel(Row row, SinusoidTask task, int index, double alpha) {
    XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
        .title(String.format(Locale.ROOT, "%s, task %d (A = %.2f, phase = %.2f)", row.name(), index + 1,
            task.amplitude(), task.phase()))
        .xAxisTitle("x").yAxisTitle("y").build();
    Styler s = chart.getStyler();
    s.setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal).setChartBackgroundColor(Color.WHITE)
        .setPlotBackgroundColor(Color.WHITE).setLegendBorderColor(Color.WHITE)
        .setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 12))
        .setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10)).setMarkerSize(7);
    double[] x = new double[POINTS];
    double[] truth = new double[POINTS];
    for (int i = 0; i < POINTS; i++) {
      x[i] = -SinusoidTask.INPUT_RANGE + 2 * SinusoidTask.INPUT_RANGE * i / (POINTS - 1);
      truth[i] = task.value(x[i]);
    }
    line(chart, "true", x, truth, Color.BLACK, SeriesLines.SOLID);
    double[] theta = row.phi();
    int[] steps = {0, 1, 10};
    int done = 0;
    for (int j = 0; j < steps.length; j++) {
      theta = Adaptation.adapt(SinusoidMlp.loss(task.trainX(), task.trainY()), theta, steps[j] - done, alpha);
      done = steps[j];
      line(chart, steps[j] == 0 ? "0 steps (phi)" : steps[j] + (steps[j] == 1 ? " step" : " steps"),
          x, SinusoidMlp.predict(theta, x), COLORS[j + 1], j == 0 ? SeriesLines.DASH_DASH : SeriesLines.SOLID);
    }
    XYSeries support = chart.addSeries("support", task.trainX(), task.trainY());
    support.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    support.setMarker(SeriesMarkers.CIRCLE);
    support.setMarkerColor(COLORS[0]);
    return chart;
  }

  private static void line(XYChart chart, String name, double[] x, double[] y, Color color, BasicStroke style) {
    XYSeries series = chart.addSeries(name, x, y);
    series.setMarker(SeriesMarkers.NONE);
    series.setLineColor(color);
    series.setLineStyle(style);
  }
}
