package io.github.hypergrad4j.bench.schedules;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
 * The charts and files of the unrolled examples: one style for every panel (white, light grid,
 * legend below), lines without markers, dashed reference lines, PNG by XChart's {@link
 * BitmapEncoder} (off-screen Java2D: no display needed), and CSV files. Shared by the bench
 * examples that draw line charts (also {@code bench.penalties}).
 */
public final class Plots {

  /** One panel's width in pixels. */
  public static final int WIDTH = 640;

  /** One panel's height in pixels. */
  public static final int HEIGHT = 420;

  private static final Color[] COLORS = {
    new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
    new Color(148, 103, 189), new Color(140, 86, 75),
  };

  private Plots() {}

  /** An empty panel in the common style. */
  public static XYChart chart(String title, String xTitle, String yTitle) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
        .yAxisTitle(yTitle).build();
    Styler s = chart.getStyler();
    s.setChartBackgroundColor(Color.WHITE).setPlotBackgroundColor(Color.WHITE).setLegendBorderColor(Color.WHITE)
        .setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal)
        .setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13))
        .setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225)).setMarkerSize(5);
    return chart;
  }

  /** A solid line, the {@code index}-th colour; markers only if {@code markers}. */
  public static XYSeries line(XYChart chart, String name, double[] x, double[] y, int index, boolean markers) {
    XYSeries series = chart.addSeries(name, x, y);
    series.setLineColor(COLORS[index % COLORS.length]);
    series.setMarkerColor(COLORS[index % COLORS.length]);
    series.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    return series;
  }

  /** A dashed horizontal line at y from x0 to x1, the {@code index}-th colour. */
  public static void reference(XYChart chart, String name, double x0, double x1, double y, int index) {
    XYSeries series = chart.addSeries(name, new double[] {x0, x1}, new double[] {y, y});
    series.setMarker(SeriesMarkers.NONE);
    series.setLineColor(COLORS[index % COLORS.length]);
    series.setLineStyle(SeriesLines.DASH_DASH);
    series.setLineWidth(1.2f);
  }

  /** The panels side by side in one row, as a PNG. */
  public static void writePng(List<XYChart> panels, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      BitmapEncoder.saveBitmap(panels, 1, panels.size(), out, BitmapEncoder.BitmapFormat.PNG);
    }
  }

  /** A CSV file: the header line, then one line per row. */
  public static void writeCsv(Path file, String header, List<String> rows) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8); PrintWriter p = new PrintWriter(w)) {
      p.print(header + "\n");
      for (String row : rows) {
        p.print(row + "\n");
      }
      if (p.checkError()) {
        throw new IOException("cannot write " + file);
      }
    }
  }

  /** A number for a CSV file: the shortest exact form, empty for NaN. */
  public static String csv(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }
}
