package io.github.hypergrad4j.bench.stn;

import io.github.hypergrad4j.bilevel.stn.StnEvent;
import io.github.hypergrad4j.bilevel.stn.StnHistory;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The hyperparameter schedule of a Self-Tuning Network run as a PNG: one panel per
 * hyperparameter (two panels a row), its value against the training step — the starting value at
 * step 1, then the value after each event — with a dashed line at a reference value (the grid's
 * best) and a dotted one where the warm-up ends. Painted by XChart into an off-screen image, so it
 * needs no display ({@code java.awt.headless=true} works). Cost: one point per event.
 */
public final class SchedulePlot {

  /** One panel's width in pixels. */
  public static final int PANEL_WIDTH = 480;

  /** One panel's height in pixels. */
  public static final int PANEL_HEIGHT = 300;

  private static final Color LINE = new Color(31, 119, 180);
  private static final Color REFERENCE = new Color(214, 39, 40);

  private SchedulePlot() {}

  /**
   * Writes the plot of {@code history}'s schedule to {@code png}.
   *
   * @param reference a value per hyperparameter drawn dashed (the grid's best), or null for none
   * @throws IllegalArgumentException if the history is empty or the reference has another length
   * @throws IOException if the file cannot be written
   */
  public static void write(StnHistory history, double[] reference, Path png) throws IOException {
    List<StnEvent> events = history.events();
    int h = history.names().size();
    if (events.isEmpty() || reference != null && reference.length != h) {
      throw new IllegalArgumentException("SchedulePlot.write: needs a non-empty history and a reference of " + h
          + " values, got " + events.size() + " events and " + (reference == null ? "no" : reference.length)
          + " reference values");
    }
    List<XYChart> panels = new ArrayList<>();
    for (int j = 0; j < h; j++) {
      panels.add(panel(history, events, j, reference == null ? Double.NaN : reference[j]));
    }
    int columns = Math.min(2, h);
    int rows = (h + columns - 1) / columns;
    BufferedImage image = new BufferedImage(columns * PANEL_WIDTH, rows * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      for (int j = 0; j < h; j++) {
        Graphics2D panel = (Graphics2D) g.create((j % columns) * PANEL_WIDTH, (j / columns) * PANEL_HEIGHT,
            PANEL_WIDTH, PANEL_HEIGHT);
        panels.get(j).paint(panel, PANEL_WIDTH, PANEL_HEIGHT);
        panel.dispose();
      }
    } finally {
      g.dispose();
    }
    if (!ImageIO.write(image, "png", png.toFile())) {
      throw new IOException("SchedulePlot.write: no PNG writer is available to write " + png);
    }
  }

  private static XYChart panel(StnHistory history, List<StnEvent> events, int j, double reference) {
    String name = history.names().get(j);
    XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(name)
        .xAxisTitle("training step").yAxisTitle(name.contains("noise") ? "scale" : "rate").build();
    XYStyler s = chart.getStyler();
    s.setPlotGridLinesColor(new Color(225, 225, 225));
    s.setXAxisDecimalPattern("0").setYAxisDecimalPattern("0.0##").setXAxisTickMarkSpacingHint(90);
    s.setLegendLayout(Styler.LegendLayout.Horizontal);
    s.setLegendPosition(Styler.LegendPosition.OutsideS).setChartBackgroundColor(Color.WHITE)
        .setPlotBackgroundColor(Color.WHITE).setLegendBorderColor(Color.WHITE)
        .setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13)).setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    double[] x = new double[events.size() + 1];
    double[] y = new double[events.size() + 1];
    x[0] = 1; // the starting values govern from step 1 (and a spacing XChart does not take for categories)
    y[0] = history.initialValues()[j];
    long warmupEnd = 0;
    double low = y[0];
    double high = y[0];
    for (int k = 0; k < events.size(); k++) {
      StnEvent e = events.get(k);
      x[k + 1] = e.step();
      y[k + 1] = e.lambda()[j];
      low = Math.min(low, y[k + 1]);
      high = Math.max(high, y[k + 1]);
      if (e.phase() == StnEvent.Phase.WARMUP) {
        warmupEnd = e.step();
      }
    }
    XYSeries schedule = chart.addSeries("STN", x, y);
    schedule.setMarker(SeriesMarkers.NONE);
    schedule.setLineColor(LINE);
    double last = x[x.length - 1];
    double unit = Math.pow(10, Math.floor(Math.log10(Math.max(last, 1)))) / 2;
    s.setXAxisMin(0.0).setXAxisMax(Math.ceil(last / unit) * unit);
    if (Double.isFinite(reference)) {
      XYSeries grid = chart.addSeries("grid's best", new double[] {0, last}, new double[] {reference, reference});
      grid.setMarker(SeriesMarkers.NONE);
      grid.setLineColor(REFERENCE);
      grid.setLineStyle(SeriesLines.DASH_DASH);
      low = Math.min(low, reference);
      high = Math.max(high, reference);
    }
    if (warmupEnd > 0) {
      XYSeries end = chart.addSeries("end of warm-up", new double[] {warmupEnd, warmupEnd}, new double[] {low, high});
      end.setMarker(SeriesMarkers.NONE);
      end.setLineColor(Color.GRAY);
      end.setLineStyle(SeriesLines.DOT_DOT);
    }
    return chart;
  }
}
