package io.github.hypergrad4j.bench.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bilevel.unrolled.UnrolledResult.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The progress lines stay within 79 characters for extreme values, and a failed run shows its status. */
class UnrolledProgressTest {

  private static void assertFits(String line) {
    assertTrue(line.length() <= UnrolledProgress.MAX_WIDTH, line.length() + " characters: " + line);
  }

  @Test
  void everyLineFitsForExtremeValues() {
    for (Status status : Status.values()) {
      assertFits(UnrolledProgress.gridLine(new ConstantScheduleGrid.Point(998, 999, 1e-99, 0.999999, status,
          123456.789, 98765.4321, 9.999e6)));
      assertFits(UnrolledProgress.metaLine(new ScheduleLearning.MetaStep(99_999, 99_999, status, "x", 123456.789,
          98765.4321, 1e300, 1e-300, 1e9)));
      assertFits(UnrolledProgress.gapLine(new GapExperiment.Row(1_000_000, status, 1e-300, 123456.789, 1e300, 1e6)));
    }
    assertFits(UnrolledProgress.META_HEADER);
    assertFits(UnrolledProgress.GAP_HEADER);
  }

  @Test
  void aFailedRunShowsItsStatusAndTheBackOff() {
    String grid = UnrolledProgress.gridLine(new ConstantScheduleGrid.Point(3, 40, 10, 0.95, Status.DIVERGED,
        Double.NaN, 0.25, 1500));
    assertEquals("grid 4/40  alpha 1.00e+01 gamma 0.95 diverged best 0.2500 1.5 s", grid);
    String meta = UnrolledProgress.metaLine(new ScheduleLearning.MetaStep(7, 30, Status.DIVERGED, "step 3 made theta"
        + " non-finite", Double.NaN, 0.125, Double.NaN, 0.015, 2500));
    assertTrue(meta.startsWith("7/30") && meta.contains("diverged") && meta.contains("back-off")
        && meta.contains("0.1250") && meta.contains("0.015"), meta);
  }

  @Test
  void pipedProgressAppendsLinesAndATableHeaderOnce() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    UnrolledProgress p = new UnrolledProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    p.gridPoint(new ConstantScheduleGrid.Point(0, 2, 0.1, 0.5, Status.OK, 0.5, 0.5, 10));
    p.metaStep(new ScheduleLearning.MetaStep(0, 1, Status.OK, "", 0.4, 0.4, 0.01, 0.03, 20));
    p.metaStep(new ScheduleLearning.MetaStep(1, 1, Status.OK, "", 0.3, 0.3, 0.01, 0.03, 30));
    p.finish();
    List<String> lines = List.of(bytes.toString(StandardCharsets.UTF_8).split("\n"));
    assertEquals(4, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("grid 1/2"));
    assertEquals(UnrolledProgress.META_HEADER, lines.get(1));
    assertTrue(lines.get(2).startsWith("0/1 ") && lines.get(3).startsWith("1/1 "), lines.toString());
  }

  @Test
  void inPlaceProgressRewritesOneLinePerStage() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    UnrolledProgress p = new UnrolledProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
    p.gridPoint(new ConstantScheduleGrid.Point(0, 2, 0.1, 0.5, Status.OK, 0.5, 0.5, 10));
    p.gridPoint(new ConstantScheduleGrid.Point(1, 2, 0.2, 0.5, Status.OK, 0.4, 0.4, 20));
    p.metaStep(new ScheduleLearning.MetaStep(0, 1, Status.OK, "", 0.4, 0.4, 0.01, 0.03, 20));
    p.finish();
    List<String> lines = List.of(bytes.toString(StandardCharsets.UTF_8).split("\n"));
    assertEquals(3, lines.size(), "the grid's line, the table header, the meta-steps' line: " + lines);
    assertTrue(lines.get(0).contains("\rgrid 2/2"), lines.get(0));
  }
}
