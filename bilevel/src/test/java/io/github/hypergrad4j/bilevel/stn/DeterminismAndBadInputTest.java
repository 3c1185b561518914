package io.github.hypergrad4j.bilevel.stn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.autodiff.Shape;
import io.github.hypergrad4j.autodiff.Tape;
import io.github.hypergrad4j.autodiff.Tensor;
import io.github.hypergrad4j.bilevel.StepRule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The same seed gives the same run, bit for bit (every CSV column but the time, and the final
 * φ); another seed another run. Bad declarations, data and options are an {@link
 * IllegalArgumentException} whose message starts with the class name and a colon and names the
 * value; a run that blows up ends with a status, not NaN.
 */
class DeterminismAndBadInputTest {

  private static final StnData[] DATA = Fixtures.digits(300, 100, 0.5, 2);

  static void rejects(String start, String mentions, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().startsWith(start + ":"), "message should start with '" + start + ":': " + e.getMessage());
    assertTrue(e.getMessage().contains(mentions), "message should mention '" + mentions + "': " + e.getMessage());
  }

  private static StnResult run(long seed) {
    HyperMlp net = HyperMlp.builder(64, 6).hidden(16).hidden(16).outputs(10);
    StnOptions options = StnOptions.builder().warmupSteps(10).cycles(20).trainBatchSize(32).validationBatchSize(50)
        .seed(seed).build();
    return new StnTrainer(net, DigitsSmokeTest.allKinds(net), options).run(DATA[0], DATA[1]);
  }

  /** The CSV without its last column, the time. */
  private static String withoutTimes(StnResult r) {
    StringBuilder csv = new StringBuilder();
    r.history().writeCsv(csv);
    return csv.toString().replaceAll(",[^,\n]*\n", "\n");
  }

  @Test
  void theSameSeedGivesTheSameHistoryBitForBit() {
    StnResult a = run(4);
    StnResult b = run(4);
    assertEquals(withoutTimes(a), withoutTimes(b));
    assertArrayEquals(a.parameters(), b.parameters());
    List<StnEvent> ea = a.history().events();
    List<StnEvent> eb = b.history().events();
    for (int k = 0; k < ea.size(); k++) {
      assertEquals(Double.doubleToRawLongBits(ea.get(k).validationLoss()),
          Double.doubleToRawLongBits(eb.get(k).validationLoss()), "event " + k);
      assertArrayEquals(ea.get(k).lambda(), eb.get(k).lambda());
      assertArrayEquals(ea.get(k).sigma(), eb.get(k).sigma());
    }
    assertNotEquals(withoutTimes(a), withoutTimes(run(5)), "another seed, another run");
  }

  @Test
  void badHyperparameterDeclarations() {
    rejects("Hyperparameter", "1.5", () -> Hyperparameter.dropout(1, 1.5));
    rejects("Hyperparameter", "got 0.0", () -> Hyperparameter.dropout(1, 0));
    rejects("Hyperparameter", "got 1.0", () -> Hyperparameter.inputDropout(1));
    rejects("Hyperparameter", "NaN", () -> Hyperparameter.inputDropout(Double.NaN));
    rejects("Hyperparameter", "-0.1", () -> Hyperparameter.inputNoise(-0.1));
    rejects("Hyperparameter", "got 0.0", () -> Hyperparameter.inputNoise(0));
    rejects("Hyperparameter", "-1.0", () -> Hyperparameter.l2(0, -1));
    rejects("Hyperparameter", "got -1", () -> Hyperparameter.l2(-1, 0.1));
    rejects("Hyperparameter", "got 0", () -> Hyperparameter.dropout(0, 0.1));
    rejects("Hyperparameter", "got 4.0", () -> Hyperparameter.cutout(4, 4));
    rejects("Hyperparameter", "got 0", () -> Hyperparameter.cutout(0, 0.5));
  }

  @Test
  void declarationsThatDoNotFitTheNetwork() {
    HyperMlp net = HyperMlp.builder(64, 1).hidden(8).outputs(10); // layers 0 and 1
    rejects("HyperparameterSet", "dropout_2", () -> HyperparameterSet.of(net, Hyperparameter.dropout(2, 0.1)));
    rejects("HyperparameterSet", "layer 5", () -> HyperparameterSet.of(net, Hyperparameter.l2(5, 0.1)));
    rejects("HyperparameterSet", "dropout_1 is declared twice", () -> HyperparameterSet.of(
        HyperMlp.builder(64, 2).hidden(8).outputs(10), Hyperparameter.dropout(1, 0.1), Hyperparameter.dropout(1, 0.2)));
    rejects("HyperparameterSet", "responds to 1 hyperparameters but 2", () -> HyperparameterSet.of(net,
        Hyperparameter.inputNoise(0.1), Hyperparameter.inputDropout(0.1)));
    rejects("HyperparameterSet", "60 inputs", () -> HyperparameterSet.of(HyperMlp.builder(60, 1).outputs(2),
        Hyperparameter.cutout(2, 1)));
    rejects("HyperparameterSet", "maxSide 9", () -> HyperparameterSet.of(net, Hyperparameter.cutout(9, 1)));
    rejects("HyperparameterSet", "no hyperparameters", () -> HyperparameterSet.of(net, List.of()));
    rejects("StnTrainer", "responds to 0", () -> new StnTrainer(net.plain(),
        HyperparameterSet.of(net.plain(), Hyperparameter.inputNoise(0.1)), StnOptions.builder().build()));
    rejects("HyperMlp", "got 0", () -> HyperMlp.builder(64, 1).hidden(0));
    Tape tape = new Tape();
    Tensor phi = tape.constant(net.initialParameters(1));
    Tensor x = tape.constant(new double[64], Shape.matrix(1, 64));
    rejects("HyperLinear", "got null", () -> net.forward(phi, x, null, null));
    rejects("HyperLinear", "got [1, 2]", () -> net.forward(phi, x, tape.constant(new double[2], Shape.matrix(1, 2)), null));
    rejects("HyperparameterSet", "-0.5", () -> HyperparameterSet.of(net, Hyperparameter.inputNoise(0.1))
        .free(new double[] {-0.5}));
  }

  @Test
  void dataAndOptionsThatDoNotFit() {
    HyperMlp net = HyperMlp.builder(64, 1).hidden(8).outputs(10);
    StnTrainer trainer = new StnTrainer(net, HyperparameterSet.of(net, Hyperparameter.inputNoise(0.1)),
        StnOptions.builder().build());
    StnData wide = StnData.classification(new double[2 * 65], 65, new int[] {0, 1}, 10);
    StnData binary = StnData.classification(new double[2 * 64], 64, new int[] {0, 1}, 2);
    rejects("StnTrainer", "65 features", () -> trainer.run(wide, DATA[1]));
    rejects("StnTrainer", "2 outputs", () -> trainer.run(DATA[0], binary));
    rejects("StnData", "label 1 is 7", () -> StnData.classification(new double[2], 1, new int[] {0, 7}, 3));
    rejects("StnData", "got 5", () -> StnData.regression(new double[5], 2, new double[2]));
    rejects("StnData", "NaN", () -> StnData.regression(new double[] {Double.NaN}, 1, new double[1]));
    rejects("StnOptions", "-1", () -> StnOptions.builder().warmupSteps(-1));
    rejects("StnOptions", "got 0", () -> StnOptions.builder().trainStepsPerCycle(0));
    rejects("StnOptions", "-0.1", () -> StnOptions.builder().entropyWeight(-0.1));
    rejects("StnOptions", "got 0.0", () -> StnOptions.builder().initialSigma(0));
    rejects("HyperSchedule", "got 0", () -> HyperSchedule.constant(0.1).at(0));
    rejects("ScheduledTraining", "the schedule has 2", () -> new ScheduledTraining(net.plain(),
        HyperparameterSet.of(net.plain(), Hyperparameter.inputNoise(0.1)), StnOptions.builder().build())
        .run(DATA[0], DATA[1], HyperSchedule.constant(0.1, 0.2), 10, null));
  }

  @Test
  void aRunThatBlowsUpEndsWithAStatus() {
    HyperMlp net = HyperMlp.builder(64, 1).hidden(8).outputs(10);
    StnOptions options = StnOptions.builder().warmupSteps(50).cycles(5).parameterStep(StepRule.gradientDescent(1e6))
        .build();
    StnResult r = new StnTrainer(net, HyperparameterSet.of(net, Hyperparameter.inputNoise(0.1)), options)
        .run(DATA[0], DATA[1]);
    assertSame(StnResult.StopReason.NON_FINITE, r.stopReason());
    assertTrue(r.message().startsWith("training step "), r.message());
    for (double p : r.parameters()) {
      assertTrue(Double.isFinite(p), "the state before the failing step is kept");
    }
  }
}
