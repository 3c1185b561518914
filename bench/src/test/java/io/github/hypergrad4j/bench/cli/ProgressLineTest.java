package io.github.hypergrad4j.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bench.examples.TuningComparison.GridPoint;
import io.github.hypergrad4j.bilevel.InnerResult;
import io.github.hypergrad4j.bilevel.ProgressEvent;
import io.github.hypergrad4j.ihvp.IhvpResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The progress of {@code tune} fits an 80-column terminal, whatever the values. */
class ProgressLineTest {

  private static ProgressEvent step(int step, double loss, double norm, int innerIterations,
      InnerResult.Status inner, IhvpResult.Status solver, long products, double millis) {
    return new ProgressEvent(step, loss, norm, new double[1], innerIterations, inner, 1e-9, solver, 1e-7, products,
        millis, new double[1], 0, true, "");
  }

  private static GridPoint point(int index, int points, double lambda, double loss, double millis) {
    return new GridPoint(index, points, lambda, loss, loss, 12, InnerResult.Status.CONVERGED, 1e-9, millis);
  }

  @Test
  void theLongestPlausibleStepRowFitsWithEveryField() {
    // 99999 steps, a diverging loss, an overflowing norm, the inner budget (10000) spent on a failed
    // line search, a million products ending in breakdown, 27 hours
    String row = ProgressLine.stepLine(step(99998, 123456.7, 1.234e300, 10000, InnerResult.Status.LINE_SEARCH_FAILED,
        IhvpResult.Status.BREAKDOWN, 999_999, 99_999_900), 99999);
    assertTrue(row.length() <= ProgressLine.MAX_WIDTH, row.length() + ": " + row);
    for (String field : List.of("99999/99999", "1.235e+05", "1.234e+300", "10000 ls-failed", "999999 breakdown",
        "99999.9 s")) {
      assertTrue(row.contains(field), "lacks " + field + ": " + row);
    }
    for (InnerResult.Status inner : InnerResult.Status.values()) {
      for (IhvpResult.Status solver : IhvpResult.Status.values()) {
        for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, 1.234e-300}) {
          String r = ProgressLine.stepLine(step(99998, v, v, 10000, inner, solver, 999_999, 99_999_900), 99999);
          assertTrue(r.length() <= ProgressLine.MAX_WIDTH, r.length() + ": " + r);
        }
      }
    }
    assertTrue(ProgressLine.STEP_HEADER.length() <= ProgressLine.MAX_WIDTH, ProgressLine.STEP_HEADER);
    assertEquals(ProgressLine.STEP_HEADER.length(), row.length(), "the rows line up under the header");
  }

  @Test
  void convergedSolvesAreNotMarkedAndOthersAre() {
    String ok = ProgressLine.stepLine(step(2, 0.03822, 1.168, 51, InnerResult.Status.CONVERGED,
        IhvpResult.Status.CONVERGED, 28, 100), 10);
    assertTrue(ok.startsWith("3/10 ") && ok.contains(" 0.03822 ") && ok.contains(" 51 ") && ok.contains(" 28 "), ok);
    assertTrue(!ok.contains("max-it") && !ok.contains("converged"), ok);
    String bad = ProgressLine.stepLine(step(2, 0.03822, 1.168, 10000, InnerResult.Status.MAX_ITERATIONS,
        IhvpResult.Status.NEGATIVE_CURVATURE, 28, 100), 10);
    assertTrue(bad.contains("10000 max-it") && bad.contains("28 neg-curv"), bad);
  }

  @Test
  void theLongestGridLineFits() {
    String line = ProgressLine.gridLine(point(999, 1000, 10, 123456.7, 99_999_900));
    assertTrue(line.length() <= ProgressLine.MAX_WIDTH, line.length() + ": " + line);
    assertTrue(line.startsWith("grid 1000/1000 ") && line.endsWith("99999.9 s"), line);
  }

  /** Everything written, split where a terminal starts a line over (\r) or a new one (\n). */
  private static List<String> drawn(boolean inPlace, int steps) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressLine p = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), steps, inPlace);
    p.warmupStarted();
    for (boolean warmup : new boolean[] {true, false}) {
      for (int i = 0; i < 3; i++) {
        p.gridPoint(point(i, 3, Math.pow(10, i), 0.5 / (i + 1), 10.0 * i), warmup);
      }
      for (int s = 0; s < steps; s++) {
        p.outerStep(step(s, 0.1 / (s + 1), 1e300, 10000, InnerResult.Status.DIVERGED, IhvpResult.Status.DIVERGED,
            999_999, 99_999_900), warmup);
      }
      if (warmup) {
        p.warmupFinished(12.5);
      }
    }
    p.finish();
    return List.of(bytes.toString(StandardCharsets.UTF_8).split("[\r\n]"));
  }

  @Test
  void onATerminalEveryRedrawFitsAndEachStageEndsWithANewLine() {
    String all = String.join("|", drawn(true, 12));
    for (String segment : drawn(true, 12)) {
      assertTrue(segment.length() <= ProgressLine.MAX_WIDTH, segment.length() + ": " + segment);
    }
    assertTrue(all.contains("warm-up, untimed (--no-warmup skips it): step 12/12"), all);
    assertTrue(all.contains("warm-up, untimed (--no-warmup skips it): done in 12.5 s"), all);
    assertTrue(all.contains("grid 3/3") && all.contains(ProgressLine.STEP_HEADER.trim()), all);
  }

  @Test
  void elsewhereTheWarmUpGetsTwoLinesAndEveryGridPointAndStepOne() {
    List<String> lines = drawn(false, 2);
    assertEquals(List.of("warm-up, untimed (--no-warmup skips it) ...",
        "warm-up, untimed (--no-warmup skips it): done in 12.5 s"), lines.subList(0, 2));
    assertTrue(lines.get(2).startsWith("grid 1/3 ") && lines.get(4).startsWith("grid 3/3 "), lines.toString());
    assertEquals(ProgressLine.STEP_HEADER, lines.get(5));
    assertTrue(lines.get(6).startsWith("1/2 ") && lines.get(7).startsWith("2/2 "), lines.toString());
    assertEquals(8, lines.size(), lines.toString());
  }
}
