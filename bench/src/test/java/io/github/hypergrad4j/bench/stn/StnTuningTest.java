package io.github.hypergrad4j.bench.stn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bench.data.DatasetReader;
import io.github.hypergrad4j.bilevel.stn.Activation;
import io.github.hypergrad4j.bilevel.stn.StnEvent;
import io.github.hypergrad4j.bilevel.stn.StnResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The experiment at a tiny size (300 digits, two hidden layers of 8, 14 training steps per run, a
 * grid of 2 × 1 × 2): every run does the budget the report claims, the searches try what they
 * claim and keep the best on validation, the fixed run uses the STN's final values, the replay
 * follows the STN's schedule step by step, and the files are written.
 */
class StnTuningTest {

  static final int WARMUP = 4;
  static final int CYCLES = 5;
  static final int T_TRAIN = 2;
  static final int T_VAL = 2;
  static final int STEPS = WARMUP + CYCLES * T_TRAIN;
  static final int BATCH = 32;

  static StnTuningOptions options;
  static StnSplit split;
  static StnTuningReport report;
  static final List<String> calls = new ArrayList<>();
  static final List<StnEvent> stnEvents = new ArrayList<>();

  static StnTuningOptions tiny() {
    return new StnTuningOptions(new int[] {8, 8}, Activation.TANH, WARMUP, CYCLES, T_TRAIN, T_VAL, BATCH, 40, 1e-2,
        0.3, 1e-3, 0.5, 0.1, 0.2, 0.1, new double[] {0.05, 0.3}, new double[] {0.25}, new double[] {0.02, 0.5}, 11,
        true);
  }

  @BeforeAll
  static void run() {
    options = tiny();
    split = StnSplit.of(DatasetReader.digits().sample(300, 3), 5);
    report = StnTuning.run(split, options, new StnTuningListener() {
      @Override
      public void jitWarmupStarted() {
        calls.add("warm-up");
      }

      @Override
      public void methodStarted(TuningMethod method, int runs) {
        calls.add(method + " x" + runs);
      }

      @Override
      public void stnEvent(StnEvent event) {
        stnEvents.add(event);
      }

      @Override
      public void searchRun(SearchRun run) {
        calls.add("run " + run.method() + " " + run.index());
      }
    });
  }

  @Test
  void everyMethodRunsTheBudgetItClaims() {
    int n = split.train().rows();
    assertEquals(180, n, "60 % of 300");
    assertEquals(4, options.gridSize());
    assertEquals(options.gridSize(), report.gridRuns().size());
    assertEquals(options.gridSize(), report.randomRuns().size(), "random search: as many runs as the grid");
    for (SearchRun r : concat(report.gridRuns(), report.randomRuns())) {
      assertEquals(STEPS, r.steps(), r.toString());
      assertEquals((long) STEPS * BATCH, r.examples(), "each step sees one batch");
    }
    Outcome grid = report.outcome(TuningMethod.GRID);
    Outcome random = report.outcome(TuningMethod.RANDOM);
    assertEquals(4L * STEPS, grid.trainingSteps());
    assertEquals(grid.trainingSteps(), random.trainingSteps(), "the same total budget");
    assertEquals(grid.trainingExamples(), random.trainingExamples());
    assertEquals(4, grid.runs());

    Outcome stn = report.outcome(TuningMethod.STN);
    assertEquals(STEPS, stn.trainingSteps());
    assertEquals((long) STEPS * BATCH, stn.trainingExamples());
    assertEquals((long) CYCLES * T_VAL, stn.validationSteps());
    assertEquals(WARMUP / T_TRAIN + CYCLES, stnEvents.size(), "one event per warm-up block and cycle");
    for (TuningMethod m : new TuningMethod[] {TuningMethod.FIXED_FINAL, TuningMethod.REPLAY}) {
      assertEquals(STEPS, report.outcome(m).trainingSteps(), m.label());
      assertEquals(0, report.outcome(m).validationSteps());
    }
    for (TuningMethod m : TuningMethod.values()) {
      assertEquals(m, report.outcome(m).method());
      assertEquals(STEPS, report.outcome(m).stepsPerRun());
    }
    List<String> expected = new ArrayList<>(List.of("warm-up", "STN x1", "GRID x4"));
    for (int k = 0; k < 4; k++) {
      expected.add("run GRID " + k);
    }
    expected.add("RANDOM x4");
    for (int k = 0; k < 4; k++) {
      expected.add("run RANDOM " + k);
    }
    expected.addAll(List.of("FIXED_FINAL x1", "REPLAY x1"));
    assertEquals(expected, calls);
  }

  @Test
  void theGridIsTheProductAndTheDrawsStayInItsBox() {
    Set<List<Double>> expected = new HashSet<>();
    for (double in : new double[] {0.05, 0.3}) {
      for (double noise : new double[] {0.02, 0.5}) {
        expected.add(List.of(in, 0.25, 0.25, noise));
      }
    }
    Set<List<Double>> tried = new HashSet<>();
    for (SearchRun r : report.gridRuns()) {
      tried.add(Arrays.stream(r.values()).boxed().toList());
    }
    assertEquals(expected, tried);
    boolean untied = false;
    for (SearchRun r : report.randomRuns()) {
      double[] v = r.values();
      assertTrue(v[0] >= 0.05 && v[0] <= 0.3, "input dropout in the box: " + v[0]);
      assertEquals(0.25, v[1], 0.0, "a one-value range is that value");
      assertEquals(0.25, v[2], 0.0);
      assertTrue(v[3] >= 0.02 && v[3] <= 0.5, "noise in the box: " + v[3]);
      untied |= !expected.contains(Arrays.stream(v).boxed().toList());
    }
    assertTrue(untied, "random draws are not grid points");
  }

  @Test
  void theSearchesKeepTheirBestRunOnValidation() {
    for (TuningMethod m : new TuningMethod[] {TuningMethod.GRID, TuningMethod.RANDOM}) {
      List<SearchRun> runs = m == TuningMethod.GRID ? report.gridRuns() : report.randomRuns();
      SearchRun best = runs.get(0);
      double seconds = 0;
      for (SearchRun r : runs) {
        best = r.validation().loss() < best.validation().loss() ? r : best;
        seconds += r.seconds();
      }
      Outcome o = report.outcome(m);
      assertEquals(best.validation(), o.validation(), m.label());
      assertArrayEquals(best.values(), o.values(), 0.0);
      assertEquals(seconds, o.seconds(), 1e-9, "the time of all runs");
    }
  }

  @Test
  void theFixedRunUsesExactlyTheStnsFinalValues() {
    double[] last = stnEvents.get(stnEvents.size() - 1).lambda();
    assertArrayEquals(last, report.stn().values(), 0.0);
    assertArrayEquals(last, report.outcome(TuningMethod.FIXED_FINAL).values(), 0.0);
    assertArrayEquals(last, report.fixed().history().initialValues(), 0.0);
    assertNotEquals(Arrays.toString(report.stn().history().initialValues()), Arrays.toString(last),
        "the STN moved its hyperparameters");
    List<StnEvent> events = report.fixed().history().events();
    assertEquals(STEPS, events.size(), "an event every step at this size");
    for (StnEvent e : events) {
      assertArrayEquals(last, e.lambda(), 1e-12, "step " + e.step() + " (through the transforms and back)");
    }
  }

  @Test
  void theReplayFollowsTheStnsScheduleStepByStep() {
    double[] initial = report.stn().history().initialValues();
    List<StnEvent> replay = report.replay().history().events();
    assertEquals(STEPS, replay.size());
    Set<String> distinct = new HashSet<>();
    for (StnEvent e : replay) {
      // the values that governed STN training step t: those after the last event before t
      double[] governing = initial;
      for (StnEvent s : stnEvents) {
        if (s.step() < e.step()) {
          governing = s.lambda();
        }
      }
      assertArrayEquals(governing, e.lambda(), 1e-12, "step " + e.step());
      distinct.add(Arrays.toString(governing));
    }
    assertTrue(distinct.size() >= CYCLES, "the schedule changes during the run: " + distinct.size() + " values");
    assertSame(StnResult.StopReason.COMPLETED, report.replay().stopReason());
  }

  @Test
  void theSummaryHasTheTableAndTheVerdict() {
    List<String> lines = report.summary();
    String all = String.join("\n", lines);
    for (TuningMethod m : TuningMethod.values()) {
      assertTrue(lines.stream().anyMatch(l -> l.startsWith(m.label() + " ") && l.contains(String.format(
          Locale.ROOT, "%.5f", report.outcome(m).validation().loss()))), m.label() + " row in\n" + all);
    }
    assertTrue(lines.get(lines.size() - 1).startsWith("the STN's validation loss is "), all);
    assertTrue(all.contains(split.description()), all);
    for (String l : lines) {
      assertFalse(l.contains("\n"), l);
    }
    assertEquals((double) report.stnParameters() / report.plainParameters(), report.parameterRatio(), 0.0);
    assertTrue(report.parameterRatio() > 1.5, "about twice the parameters: " + report.parameterRatio());
  }

  @Test
  void theFilesAreWritten(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("nested/out");
    List<Path> files = report.writeFiles(out);
    assertEquals(List.of("results.csv", "search-runs.csv", "stn-history.csv", "stn-schedule.png"),
        files.stream().map(p -> p.getFileName().toString()).toList());
    List<String> results = Files.readAllLines(out.resolve("results.csv"), StandardCharsets.UTF_8);
    assertEquals(6, results.size());
    assertTrue(results.get(0).endsWith(",input_dropout,dropout_1,dropout_2,input_noise"), results.get(0));
    assertTrue(results.get(1).startsWith("stn,1," + STEPS + "," + STEPS + ","), results.get(1));
    assertTrue(results.get(2).startsWith("grid,4," + STEPS + "," + 4 * STEPS + ","), results.get(2));
    assertEquals(1 + 8, Files.readAllLines(out.resolve("search-runs.csv")).size());
    assertEquals(1 + stnEvents.size(), Files.readAllLines(out.resolve("stn-history.csv")).size());
    BufferedImage png = ImageIO.read(out.resolve("stn-schedule.png").toFile());
    assertEquals(2 * SchedulePlot.PANEL_WIDTH, png.getWidth());
    assertEquals(2 * SchedulePlot.PANEL_HEIGHT, png.getHeight(), "four hyperparameters, two panels a row");
  }

  @Test
  void thePlotRefusesAReferenceOfTheWrongLength(@TempDir Path dir) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SchedulePlot.write(report.stn().history(), new double[] {0.1}, dir.resolve("x.png")));
    assertEquals("SchedulePlot.write: needs a non-empty history and a reference of 4 values, got " + stnEvents.size()
        + " events and 1 reference values", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> StnTuning.stnOnly(split, null, null));
    assertEquals("StnTuning.stnOnly: split and options must be given, got options null", e.getMessage());
  }

  private static List<SearchRun> concat(List<SearchRun> a, List<SearchRun> b) {
    List<SearchRun> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
