package io.github.hypergrad4j.bilevel.stn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole loop on digits-sized data (8 × 8 images, 10 classes; synthetic with a seed, see
 * {@link Fixtures#digits}) with every kind of hyperparameter — input dropout, dropout between the
 * hidden layers, input noise, cutout (discrete, by REINFORCE) and an L2 penalty — for a small
 * number of steps: it completes, reports every block, improves the validation loss over its
 * warm-up, keeps every value in its domain, and its history's schedule replays on the plain
 * network.
 */
class DigitsSmokeTest {

  static HyperparameterSet allKinds(HyperMlp net) {
    return HyperparameterSet.of(net, Hyperparameter.inputDropout(0.1), Hyperparameter.dropout(1, 0.2),
        Hyperparameter.dropout(2, 0.2), Hyperparameter.inputNoise(0.2), Hyperparameter.cutout(4, 1.5),
        Hyperparameter.l2(0, 1e-3));
  }

  @Test
  void theLoopRunsAndImprovesTheValidationLossOverItsWarmup() {
    StnData[] data = Fixtures.digits(1000, 400, 0.6, 5);
    HyperMlp net = HyperMlp.builder(64, 6).hidden(32).hidden(32).activation(Activation.RELU).outputs(10);
    HyperparameterSet set = allKinds(net);
    StnOptions options = StnOptions.builder().warmupSteps(60).cycles(100).trainStepsPerCycle(3)
        .trainBatchSize(64).validationBatchSize(100).seed(9).build();
    List<StnEvent> seen = new ArrayList<>();
    StnResult r = new StnTrainer(net, set, options).run(data[0], data[1], seen::add);

    assertSame(StnResult.StopReason.COMPLETED, r.stopReason(), r.message());
    assertEquals(20 + 100, seen.size(), "one event per warm-up block of 3 steps and per cycle");
    assertEquals(seen, r.history().events());
    assertEquals(60 + 300, seen.get(seen.size() - 1).step());
    assertEquals(360 * 64 / 1000.0, seen.get(seen.size() - 1).epoch(), 1e-12);
    assertTrue(r.finalValidation().loss() < r.warmupValidation().loss(), "validation loss " + r.finalValidation()
        + " should improve on the warm-up's " + r.warmupValidation());
    assertTrue(r.finalValidation().accuracy() > 0.5, "accuracy " + r.finalValidation().accuracy());
    double[] v = r.values();
    for (int j : new int[] {0, 1, 2}) {
      assertTrue(v[j] > 0 && v[j] < 1, set.get(j).name() + " = " + v[j]);
    }
    assertTrue(v[3] > 0 && v[4] > 0 && v[4] < 4 && v[5] > 0, java.util.Arrays.toString(v));
    assertTrue(r.sigma()[4] == 0 && r.sigma()[0] > 0, "sigma is 0 for the discrete cutout only");
    for (StnEvent e : seen) {
      assertTrue(Double.isFinite(e.trainLoss()) && Double.isFinite(e.validationLoss()), e.toString());
    }

    StringBuilder csv = new StringBuilder();
    r.history().writeCsv(csv);
    String[] lines = csv.toString().split("\n");
    assertEquals(1 + seen.size(), lines.length);
    assertEquals("step,phase,epoch,train_loss,validation_loss,input_dropout,dropout_1,dropout_2,input_noise,cutout,"
        + "l2_0,sigma_input_dropout,sigma_dropout_1,sigma_dropout_2,sigma_input_noise,sigma_cutout,sigma_l2_0,"
        + "elapsed_ms", lines[0]);
    assertTrue(lines[1].startsWith("3,warmup,"), lines[1]);
    assertTrue(lines[lines.length - 1].startsWith("360,tuning,"), lines[lines.length - 1]);
    assertEquals(18, lines[5].split(",").length);

    HyperSchedule schedule = r.history().schedule();
    assertArrayEquals(set.values(set.initialFree()), schedule.at(1));
    assertArrayEquals(set.values(set.initialFree()), schedule.at(63), "lambda moves only after the warm-up");
    assertArrayEquals(seen.get(20).lambda(), schedule.at(64), "the first cycle's lambda governs the next steps");
    assertArrayEquals(r.values(), schedule.at(361));

    HyperMlp plain = net.plain();
    StnResult replay = new ScheduledTraining(plain, HyperparameterSet.of(plain, set.list()), options)
        .run(data[0], data[1], schedule, 360, null);
    assertSame(StnResult.StopReason.COMPLETED, replay.stopReason(), replay.message());
    assertEquals(120, replay.history().size());
    assertArrayEquals(schedule.at(360), replay.values(), 1e-12);
    assertTrue(replay.finalValidation().loss() < 2.3, "the replayed plain network learns: " + replay.finalValidation());
  }
}
