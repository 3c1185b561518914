package io.github.hypergrad4j.bench.stn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bilevel.stn.Activation;
import io.github.hypergrad4j.bilevel.stn.StnOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The options check every value and name it; the split and the plot refuse bad arguments. */
class StnTuningOptionsTest {

  static final StnTuningOptions D = StnTuningOptions.defaults();

  /** Options built from the defaults with one field replaced. */
  record Case(String expected, Supplier<StnTuningOptions> make) {}

  static StnTuningOptions with(int[] hidden, Activation a, int warmup, int cycles, int tTrain, int tVal, int batch,
      int valBatch) {
    return new StnTuningOptions(hidden, a, warmup, cycles, tTrain, tVal, batch, valBatch, D.learningRate(),
        D.hyperLearningRate(), D.entropyWeight(), D.initialSigma(), D.initialInputDropout(), D.initialDropout(),
        D.initialNoise(), D.gridInputDropout(), D.gridDropout(), D.gridNoise(), D.seed(), D.jitWarmup());
  }

  static StnTuningOptions rates(double lr, double hyperLr, double tau, double sigma, double in, double drop,
      double noise) {
    return new StnTuningOptions(D.hidden(), D.activation(), D.warmupSteps(), D.cycles(), D.trainStepsPerCycle(),
        D.hyperStepsPerCycle(), D.batchSize(), D.validationBatchSize(), lr, hyperLr, tau, sigma, in, drop, noise,
        D.gridInputDropout(), D.gridDropout(), D.gridNoise(), D.seed(), D.jitWarmup());
  }

  @Test
  void everyBadValueIsRefusedByName() {
    int[] h = D.hidden();
    double nan = Double.NaN;
    List<Case> cases = List.of(
        new Case("hidden must hold at least one width, got none", () -> with(new int[0], Activation.RELU, 1, 1, 1, 1, 1, 1)),
        new Case("hidden must hold at least one width, got null", () -> with(null, Activation.RELU, 1, 1, 1, 1, 1, 1)),
        new Case("hidden width must be >= 1, got 0", () -> with(new int[] {4, 0}, Activation.RELU, 1, 1, 1, 1, 1, 1)),
        new Case("activation must be given, got null", () -> with(h, null, 1, 1, 1, 1, 1, 1)),
        new Case("warmupSteps must be >= 0, got -1", () -> with(h, Activation.RELU, -1, 1, 1, 1, 1, 1)),
        new Case("cycles must be >= 1, got 0", () -> with(h, Activation.RELU, 0, 0, 1, 1, 1, 1)),
        new Case("trainStepsPerCycle must be >= 1, got 0", () -> with(h, Activation.RELU, 0, 1, 0, 1, 1, 1)),
        new Case("hyperStepsPerCycle must be >= 1, got 0", () -> with(h, Activation.RELU, 0, 1, 1, 0, 1, 1)),
        new Case("batchSize must be >= 1, got 0", () -> with(h, Activation.RELU, 0, 1, 1, 1, 0, 1)),
        new Case("validationBatchSize must be >= 1, got -3", () -> with(h, Activation.RELU, 0, 1, 1, 1, 1, -3)),
        new Case("warmupSteps + cycles * trainStepsPerCycle must fit an int, got 5 + 1073741824 * 2",
            () -> with(h, Activation.RELU, 5, 1 << 30, 2, 1, 1, 1)),
        new Case("learningRate must be > 0 and finite, got 0.0", () -> rates(0, 1, 0, 1, 0.1, 0.1, 0.1)),
        new Case("hyperLearningRate must be > 0 and finite, got Infinity",
            () -> rates(1, Double.POSITIVE_INFINITY, 0, 1, 0.1, 0.1, 0.1)),
        new Case("entropyWeight must be >= 0 and finite, got NaN", () -> rates(1, 1, nan, 1, 0.1, 0.1, 0.1)),
        new Case("initialSigma must be > 0 and finite, got -1.0", () -> rates(1, 1, 0, -1, 0.1, 0.1, 0.1)),
        new Case("initialInputDropout must be in (0, 1), got 1.0", () -> rates(1, 1, 0, 1, 1, 0.1, 0.1)),
        new Case("initialDropout must be in (0, 1), got 0.0", () -> rates(1, 1, 0, 1, 0.1, 0, 0.1)),
        new Case("initialNoise must be > 0 and finite, got -0.5", () -> rates(1, 1, 0, 1, 0.1, 0.1, -0.5)),
        new Case("gridInputDropout must hold at least one value, got none",
            () -> D.withGrid(new double[0], new double[] {0.1}, new double[] {0.1})),
        new Case("gridDropout must hold at least one value, got null",
            () -> D.withGrid(new double[] {0.1}, null, new double[] {0.1})),
        new Case("gridDropout value must be in (0, 1), got 1.5",
            () -> D.withGrid(new double[] {0.1}, new double[] {0.2, 1.5}, new double[] {0.1})),
        new Case("gridNoise value must be > 0 and finite, got 0.0",
            () -> D.withGrid(new double[] {0.1}, new double[] {0.2}, new double[] {0.0})));
    for (Case c : cases) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c.make()::get, c.expected());
      assertEquals("StnTuningOptions: " + c.expected(), e.getMessage());
    }
  }

  @Test
  void theOptionsAreCopiedAndTranslated() {
    int[] hidden = {5, 6};
    double[] grid = {0.1, 0.2};
    StnTuningOptions o = D.withHidden(hidden).withGrid(grid, grid, grid).withSchedule(3, 4, 5, 6).withSeed(9, false);
    hidden[0] = 99;
    grid[0] = 0.9;
    assertArrayEquals(new int[] {5, 6}, o.hidden());
    assertArrayEquals(new double[] {0.1, 0.2}, o.gridDropout());
    o.hidden()[1] = 42;
    assertArrayEquals(new int[] {5, 6}, o.hidden(), "the accessor hands out a copy");
    assertEquals(3 + 4 * 5, o.trainingSteps());
    assertEquals(8, o.gridSize());
    StnOptions s = o.stnOptions();
    assertEquals(3, s.warmupSteps());
    assertEquals(4, s.cycles());
    assertEquals(5, s.trainStepsPerCycle());
    assertEquals(6, s.hyperStepsPerCycle());
    assertEquals(9, s.seed());
    assertEquals(o.batchSize(), s.trainBatchSize());
    assertEquals(o.entropyWeight(), s.entropyWeight());
    assertEquals(o, D.withHidden(5, 6).withGrid(new double[] {0.1, 0.2}, new double[] {0.1, 0.2},
        new double[] {0.1, 0.2}).withSchedule(3, 4, 5, 6).withSeed(9, false), "equal settings, equal options");
    assertTrue(o.toString().contains("23 training steps per run"), o.toString());
  }

  @Test
  void theSplitAndThePlotRefuseBadArguments(@TempDir Path dir) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StnSplit.fashionMnist(dir, 50_000, 20_000, 10, 1));
    assertEquals("StnSplit.fashionMnist: needs train, validation, test >= 1 and train + validation <= 60000, got "
        + "train 50000, validation 20000, test 10", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> StnTuning.run((StnSplit) null, D, null));
    assertTrue(e.getMessage().startsWith("StnTuning.run: "), e.getMessage());
  }
}
