package io.github.hypergrad4j.bench.accuracy;

import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the study with XChart: relative error against Hessian-vector products, and against wall
 * time, both on log–log axes, one panel per problem (up to a 2×2 grid composed into one image),
 * one line per solver through its budgets, and a dashed line at the summary's target 10⁻². Each
 * figure is written as PNG (Java2D into a {@link BufferedImage}, {@link ImageIO}) and as SVG
 * (the same painting recorded by VectorGraphics2D). Nothing needs a display: both paint into
 * off-screen graphics, which work with {@code java.awt.headless=true}.
 *
 * <p>Errors are drawn clipped to [{@value #FLOOR}, {@value #CEILING}] (a log axis cannot show 0,
 * and a diverged solve would squash every other line); a panel that clips says so in its axis
 * title, and the CSV keeps the exact values.
 */
public final class AccuracyPlots {

  /** Smallest error drawn. */
  public static final double FLOOR = 1e-16;

  /** Largest error drawn. */
  public static final double CEILING = 1e3;

  /** Width and height of one panel in pixels (or points, in SVG). */
  static final int PANEL_WIDTH = 720;
  static final int PANEL_HEIGHT = 500;

  private static final Color[] COLORS = {
    new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
    new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
  };

  private static final Marker[] MARKERS = {
    SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
    SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS, SeriesMarkers.OVAL,
  };

  /** The two figures. */
  enum Axis {
    PRODUCTS("error-vs-products", "Hessian-vector products (reported)", m -> m.products()),
    TIME("error-vs-time", "time per hypergradient (ms, median)", Measurement::millis);

    final String fileName;
    final String title;
    final ToDoubleFunction<Measurement> x;

    Axis(String fileName, String title, ToDoubleFunction<Measurement> x) {
      this.fileName = fileName;
      this.title = title;
      this.x = x;
    }
  }

  private AccuracyPlots() {}

  /**
   * Writes error-vs-products.{png,svg} and error-vs-time.{png,svg} into {@code dir}. Cost: O(rows)
   * to build the charts, then painting; each SVG holds its text as glyph outlines (XChart draws
   * text as shapes), a few MB for four panels.
   *
   * @param problems the panels, in order (up to four fill a 2×2 grid; more add rows)
   * @param rows the measurements (those of other problems are ignored)
   * @param dir an existing folder
   * @return the four files written
   * @throws IOException if a file cannot be written
   */
  public static List<Path> write(List<StudyProblem> problems, List<Measurement> rows, Path dir) throws IOException {
    List<Path> written = new ArrayList<>();
    for (Axis axis : Axis.values()) {
      List<XYChart> charts = new ArrayList<>();
      for (StudyProblem p : problems) {
        charts.add(chart(p, rows, axis));
      }
      Path png = dir.resolve(axis.fileName + ".png");
      writePng(charts, png);
      written.add(png);
      Path svg = dir.resolve(axis.fileName + ".svg");
      writeSvg(charts, svg);
      written.add(svg);
    }
    return written;
  }

  /** One panel: every solver's error against {@code axis} on {@code p}. */
  static XYChart chart(StudyProblem p, List<Measurement> rows, Axis axis) {
    XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
        .title(String.format(Locale.ROOT, "%s (n = %d parameters, %d hyperparameters)", p.name(), p.thetaSize(),
            p.lambdaSize()))
        .xAxisTitle(axis.title).yAxisTitle("relative error |h - h*| / |h*|").build();
    Styler s = chart.getStyler();
    chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true).setYAxisDecimalPattern("0.#E0")
        .setPlotGridLinesColor(new Color(225, 225, 225));
    s.setLegendPosition(Styler.LegendPosition.OutsideE).setChartBackgroundColor(Color.WHITE)
        .setPlotBackgroundColor(Color.WHITE).setLegendBorderColor(Color.WHITE)
        .setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14)).setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    chart.getStyler().setMarkerSize(6);
    boolean clipped = false;
    double xMin = Double.POSITIVE_INFINITY;
    double xMax = 0;
    StudySolver[] solvers = StudySolver.values();
    for (int i = 0; i < solvers.length; i++) {
      StudySolver solver = solvers[i];
      List<Measurement> line = rows.stream().filter(m -> m.problem().equals(p.name()) && m.solver() == solver)
          .sorted(Comparator.comparingInt(Measurement::budget)).toList();
      if (line.isEmpty()) {
        continue;
      }
      double[] xs = new double[line.size()];
      double[] ys = new double[line.size()];
      for (int j = 0; j < xs.length; j++) {
        Measurement m = line.get(j);
        xs[j] = Math.max(axis.x.applyAsDouble(m), 1e-3);
        double e = m.relativeError();
        double drawn = Double.isNaN(e) ? CEILING : Math.min(CEILING, Math.max(FLOOR, e));
        clipped |= drawn != e;
        ys[j] = drawn;
        xMin = Math.min(xMin, xs[j]);
        xMax = Math.max(xMax, xs[j]);
      }
      XYSeries series = chart.addSeries(solver.label, xs, ys);
      series.setMarkerColor(COLORS[i % COLORS.length]);
      series.setLineColor(COLORS[i % COLORS.length]);
      series.setMarker(MARKERS[i % MARKERS.length]);
    }
    if (xMax > 0) {
      XYSeries target = chart.addSeries("target 1e-2", new double[] {xMin, xMax},
          new double[] {StudySummary.TARGET, StudySummary.TARGET});
      target.setMarker(SeriesMarkers.NONE);
      target.setLineColor(Color.BLACK);
      target.setLineStyle(SeriesLines.DASH_DASH);
      target.setLineWidth(1f);
    }
    if (clipped) {
      chart.setYAxisTitle(String.format(Locale.ROOT, "relative error (drawn within [%.0e, %.0e])", FLOOR, CEILING));
    }
    return chart;
  }

  private static int columns(int panels) {
    return panels == 1 ? 1 : 2;
  }

  private static int gridRows(int panels) {
    return (panels + 1) / 2;
  }

  /** Paints the panels into {@code g}, row by row, two per row. */
  private static void paintGrid(List<XYChart> charts, Graphics2D g) {
    AffineTransform base = g.getTransform();
    for (int i = 0; i < charts.size(); i++) {
      g.setTransform(base);
      g.translate((i % 2) * PANEL_WIDTH, (i / 2) * PANEL_HEIGHT);
      charts.get(i).paint(g, PANEL_WIDTH, PANEL_HEIGHT);
    }
    g.setTransform(base);
  }

  private static void writePng(List<XYChart> charts, Path file) throws IOException {
    int width = columns(charts.size()) * PANEL_WIDTH;
    int height = gridRows(charts.size()) * PANEL_HEIGHT;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setStroke(new BasicStroke(1f));
      paintGrid(charts, g);
    } finally {
      g.dispose();
    }
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer is available to write " + file);
    }
  }

  private static void writeSvg(List<XYChart> charts, Path file) throws IOException {
    int width = columns(charts.size()) * PANEL_WIDTH;
    int height = gridRows(charts.size()) * PANEL_HEIGHT;
    VectorGraphics2D g = new VectorGraphics2D();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    paintGrid(charts, g);
    try (OutputStream out = Files.newOutputStream(file)) {
      Processors.get("svg").getDocument(g.getCommands(), new PageSize(0, 0, width, height)).writeTo(out);
    }
  }
}
