package io.github.hypergrad4j.bench.unrolled;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.unrolled.HyperparameterKind;
import io.github.hypergrad4j.bilevel.unrolled.MaclaurinMomentum;
import io.github.hypergrad4j.bilevel.unrolled.ReverseModeHypergradient;
import io.github.hypergrad4j.bilevel.unrolled.Schedule;
import io.github.hypergrad4j.bilevel.unrolled.UnrolledCost;
import io.github.hypergrad4j.bilevel.unrolled.UnrolledResult;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The unrolled benchmarks measure what they say: the yardstick is the hypergradients' own
 * training run, every mode computes the same hypergradient (forward against reverse, and against
 * finite differences), and the costs follow their closed forms.
 */
class UnrolledBenchmarkTest {

  private static final int D = 30;
  private static final int N = 12;
  private static final int M = 2; // state vectors of momentum: θ and v

  private static BilevelProblem problem() {
    return SyntheticLogistic.problem(D, N, 3);
  }

  @Test
  void theProblemIsLogisticRegressionWithLogTwoLossAtZero() {
    BilevelProblem p = problem();
    assertEquals(D, p.thetaSize());
    assertEquals(D, p.lambdaSize());
    assertEquals(Math.log(2), p.innerValue(new double[D], p.initialLambda()), 1e-15, "BCE of logit 0 is ln 2");
    assertEquals(Math.log(2), p.outerValue(new double[D], p.initialLambda()), 1e-15);
    double[] w = new double[D];
    Arrays.fill(w, 0.1);
    double penalty = 0.5 * SyntheticLogistic.PENALTY * D * 0.01;
    assertEquals(penalty, p.innerValue(w, p.initialLambda()) - p.innerValue(w, new double[D]), 1e-15,
        "f carries 1/2 sum lambda_j w_j^2");
  }

  @Test
  void theYardstickIsTheHypergradientsOwnTrainingRun() {
    BilevelProblem p = problem();
    int steps = 12;
    double[] theta = UnrolledMode.trainingRun(p, UnrolledMode.momentum(steps));
    assertArrayEquals(UnrolledMode.STORED.run(p, steps).theta(), theta, 0.0, "bit for bit");
    assertArrayEquals(UnrolledMode.FORWARD.run(p, steps).theta(), theta, 0.0, "bit for bit");
    double[] fixed = UnrolledMode.trainingRun(p, UnrolledMode.exactlyReversible(steps));
    assertArrayEquals(UnrolledMode.REVERSIBLE.run(p, steps).theta(), fixed, 0.0, "bit for bit");
    assertArrayEquals(theta, fixed, 1e-11, "the fixed-point run rounds to 2^-44 per operation");
    assertTrue(Arrays.stream(theta).anyMatch(x -> x != 0), "training moved theta");
  }

  @Test
  void everyModeComputesTheSameHypergradient() {
    BilevelProblem p = problem();
    int steps = 15;
    double[] forward = UnrolledMode.FORWARD.run(p, steps).directionalDerivatives();
    for (UnrolledMode mode : List.of(UnrolledMode.STORED, UnrolledMode.CHECKPOINTED, UnrolledMode.REVERSIBLE)) {
      UnrolledResult r = mode.run(p, steps);
      double tolerance = mode == UnrolledMode.REVERSIBLE ? 1e-7 : 1e-10;
      double alpha = Arrays.stream(r.gradient(HyperparameterKind.LEARNING_RATE)).sum();
      double gamma = Arrays.stream(r.gradient(HyperparameterKind.MOMENTUM)).sum();
      assertEquals(forward[0], alpha, tolerance * Math.abs(forward[0]), mode + ": dL/d(constant alpha)");
      assertEquals(forward[1], gamma, tolerance * Math.abs(forward[1]), mode + ": dL/d(constant gamma)");
    }
    double h = 1e-5;
    double difference = (validationLoss(p, steps, SyntheticLogistic.LEARNING_RATE + h)
        - validationLoss(p, steps, SyntheticLogistic.LEARNING_RATE - h)) / (2 * h);
    assertEquals(difference, forward[0], 1e-6 * Math.abs(forward[0]), "central difference in the constant alpha");
  }

  /** g(θ_T) of the momentum run with constant learning rate {@code alpha}. */
  private static double validationLoss(BilevelProblem p, int steps, double alpha) {
    MaclaurinMomentum optimizer = MaclaurinMomentum.of(Schedule.constant(steps, alpha),
        Schedule.constant(steps, SyntheticLogistic.MOMENTUM));
    double[] theta = ReverseModeHypergradient.builder(optimizer).wrt(HyperparameterKind.LAMBDA).build()
        .run(p, p.initialLambda()).theta();
    return p.outerValue(theta, p.initialLambda());
  }

  @Test
  void theBenchmarkMethodsRecordTheirCostsInClosedForm() {
    UnrolledHypergradientBenchmark bench = new UnrolledHypergradientBenchmark();
    bench.d = D;
    bench.n = N;
    bench.steps = 9;
    bench.setUp();
    int t = bench.steps;
    int k = 3; // ⌈√9⌉
    UnrolledCounters c = new UnrolledCounters();
    bench.trainingRun(c);
    assertCounters(c, t, 0, 0);
    bench.trainingRunFixedPoint(c);
    assertCounters(c, t, 0, 0);
    bench.reverseStored(c);
    assertCounters(c, t + 2, t, (long) t * M * D);
    bench.reverseCheckpointed(c);
    assertCounters(c, t + 2 + (t - t / k), t, (long) (t / k + k) * M * D);
    bench.reverseReversible(c);
    assertCounters(c, 2 * t + 2, t, (long) M * D);
    assertTrue(c.bufferBits > 0 && c.bufferBits <= (double) t * D,
        "at most one bit per parameter and step for gamma >= 1/2: " + c.bufferBits);
    bench.forwardTwoDirections(c);
    assertCounters(c, t + 2, 2 * t, 0);
  }

  private static void assertCounters(UnrolledCounters c, long gradients, long products, long doubles) {
    assertEquals(gradients, c.gradients, "gradients");
    assertEquals(products, c.hessianVectorProducts, "HVPs");
    assertEquals(doubles, c.peakStoredDoubles, "peak stored doubles");
  }

  @Test
  void theMemoryTableFollowsTheGrowthLaws() {
    int[] steps = {4, 10, 25};
    List<UnrolledMemoryTable.Row> rows = UnrolledMemoryTable.rows(D, N, steps);
    assertEquals(steps.length * UnrolledMode.values().length, rows.size());
    long previousBits = 0;
    for (UnrolledMemoryTable.Row r : rows) {
      int t = r.steps();
      int k = (int) Math.ceil(Math.sqrt(t));
      UnrolledCost cost = r.cost();
      long expected = switch (r.mode()) {
        case STORED -> (long) t * M * D;
        case CHECKPOINTED -> (long) ((t + k - 1) / k + k) * M * D;
        case REVERSIBLE -> (long) M * D;
        case FORWARD -> 0;
      };
      assertEquals(expected, cost.peakStoredDoubles(), r.mode() + " at T = " + t);
      assertTrue(r.meetsLaw(), r.toString());
      if (r.mode() == UnrolledMode.REVERSIBLE) {
        assertTrue(cost.informationBufferBits() > previousBits, "the buffer grows with T: " + r);
        previousBits = cost.informationBufferBits();
      } else {
        assertEquals(0, cost.informationBufferBits(), r.toString());
      }
    }
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    UnrolledMemoryTable.print(D, N, rows, new PrintStream(text, true, StandardCharsets.UTF_8));
    String printed = text.toString(StandardCharsets.UTF_8);
    assertEquals(4, printed.lines().filter(l -> l.startsWith("law: ") && l.endsWith("met at every T")).count(),
        printed);
    assertFalse(printed.contains("MISSED"), printed);
  }

  @Test
  void jmhListsTheSuiteForBenchList() {
    Set<String> names = BenchmarkList.defaultList()
        .find(OutputFormatFactory.createFormatInstance(new PrintStream(OutputStream.nullOutputStream()),
            VerboseMode.SILENT), List.of("bench.unrolled"), List.of())
        .stream().map(BenchmarkListEntry::getUsername).collect(Collectors.toSet());
    String prefix = UnrolledHypergradientBenchmark.class.getName() + ".";
    assertEquals(Set.of(prefix + "trainingRun", prefix + "trainingRunFixedPoint", prefix + "reverseStored", prefix + "reverseCheckpointed",
        prefix + "reverseReversible", prefix + "forwardTwoDirections"), names);
  }
}
