package io.github.hypergrad4j.bilevel.unrolled;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bilevel.BilevelProblem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Exact reversal ({@link ExactReversibleMomentum} with {@link TrajectoryStore#reversible()}): the
 * backward pass rebuilds every state of the forward run bit for bit, over T = 1000 steps of a
 * non-convex 2-8-1 tanh network with γ from 0.5 to 0.99, in O(d) doubles plus an information
 * buffer whose size is measured (2(1 − γ) bits per weight and step: measured 1.000, 0.599, 0.204,
 * 0.0203 for γ = 0.5, 0.7, 0.9, 0.99; and 0.1995 with d = 1024, T = 1000, where the whole reverse
 * pass took 0.3 s, against 0.08 s with the trajectory stored in 16 MB); and its parts against
 * outside truth — the floor product against exact decimal arithmetic, the undo against the do,
 * the bit stack against itself.
 */
class ExactReversalTest {

  static final int STEPS = 1000;

  @ParameterizedTest(name = "gamma = {0}")
  @ValueSource(doubles = {0.5, 0.7, 0.9, 0.99})
  void theReversedTrajectoryIsTheStoredOneBitForBitOnANonConvexNetwork(double gamma) {
    BilevelProblem problem = TestProblems.mlp();
    int d = problem.thetaSize();
    ExactReversibleMomentum optimizer = ExactReversibleMomentum.of(Schedule.constant(STEPS, 0.3),
        Schedule.constant(STEPS, gamma));
    TrainingRun storedRun = new TrainingRun("test", problem, problem.initialLambda(), optimizer, MiniBatches.full());
    Trajectory stored = TrajectoryStore.stored().open(storedRun, STEPS, STEPS, d);
    TrainingRun.Outcome a = storedRun.forward(problem.initialTheta(), stored, null);
    TrainingRun reversedRun = new TrainingRun("test", problem, problem.initialLambda(), optimizer, MiniBatches.full());
    Trajectory reversed = TrajectoryStore.reversible().open(reversedRun, STEPS, STEPS, d);
    TrainingRun.Outcome b = reversedRun.forward(problem.initialTheta(), reversed, null);
    assertEquals(UnrolledResult.Status.OK, a.status(), a.detail());
    assertEquals(UnrolledResult.Status.OK, b.status(), b.detail());
    assertTrue(b.losses()[STEPS - 1] < 0.5 * b.losses()[0], "the network trains: " + b.losses()[0] + " -> "
        + b.losses()[STEPS - 1]);
    double[][] actual = null;
    for (int t = STEPS - 1; t >= 0; t--) {
      double[][] expected = stored.stateBefore(t);
      actual = reversed.stateBefore(t);
      assertArrayEquals(expected[0], actual[0], 0.0, "theta at step " + t);
      assertArrayEquals(expected[1], actual[1], 0.0, "v at step " + t);
    }
    // the start itself: θ₀ on the grid and v₀ = 0
    double[][] start = new double[2][d];
    optimizer.start(problem.initialTheta(), start);
    assertArrayEquals(start[0], actual[0], 0.0);
    assertArrayEquals(new double[d], actual[1], 0.0);
    // memory: the state plus the buffer, about 2(1 − γ) bits per weight and step for γ ≥ ½
    assertEquals(2L * d, reversed.peakDoubles());
    double bitsPerWeightAndStep = reversed.bufferBits() / (double) (STEPS * d);
    assertTrue(bitsPerWeightAndStep <= 1.0, "at most one bit for gamma >= 1/2: " + bitsPerWeightAndStep);
    double expected = 2 * (1 - gamma);
    assertTrue(Math.abs(bitsPerWeightAndStep - expected) <= 0.1 * expected, "gamma " + gamma
        + ": " + bitsPerWeightAndStep + " bits per weight and step, expected about " + expected
        + " (information bound log2(1/gamma) = " + Math.log(1 / gamma) / Math.log(2) + ")");
  }

  /** The whole reverse-mode hypergradient over the 1000 steps: reversal and storage agree bit for bit. */
  @Test
  void reverseModeThroughAThousandStepsIsTheSameWithReversalAsWithStorage() {
    BilevelProblem problem = TestProblems.mlp();
    ExactReversibleMomentum optimizer = ExactReversibleMomentum.of(Optimizers.decaying(STEPS, 0.3),
        Optimizers.wobbling(STEPS, 0.9, 0.05));
    UnrolledResult stored = TrajectoryStoreTest.run(problem, optimizer, TrajectoryStore.stored(), 0, MiniBatches.full());
    UnrolledResult reversed = TrajectoryStoreTest.run(problem, optimizer, TrajectoryStore.reversible(), 0,
        MiniBatches.full());
    TrajectoryStoreTest.assertSameHypergradients(stored, reversed, "reversed");
    assertEquals((long) STEPS * 2 * problem.thetaSize(), stored.cost().peakStoredDoubles());
    assertEquals(2L * problem.thetaSize(), reversed.cost().peakStoredDoubles());
  }

  /** d = 1024 parameters, T = 1000 steps: the buffer costs O(1) per weight and step. */
  @Test
  void aThousandStepsOfAThousandWeightsReverseExactly() {
    BilevelProblem problem = TestProblems.leastSquares(1024);
    int d = problem.thetaSize();
    ExactReversibleMomentum optimizer = ExactReversibleMomentum.of(Schedule.constant(STEPS, 0.05),
        Schedule.constant(STEPS, 0.9));
    long start = System.nanoTime();
    UnrolledResult reversed = TrajectoryStoreTest.run(problem, optimizer, TrajectoryStore.reversible(), 0,
        MiniBatches.full());
    double seconds = (System.nanoTime() - start) / 1e9;
    UnrolledResult stored = TrajectoryStoreTest.run(problem, optimizer, TrajectoryStore.stored(), 0, MiniBatches.full());
    TrajectoryStoreTest.assertSameHypergradients(stored, reversed, "d = 1024");
    long bits = reversed.cost().informationBufferBits();
    assertTrue(Math.abs(bits - 0.2 * STEPS * d) <= 0.02 * STEPS * d, bits + " bits for 2(1 - 0.9) = 0.2 per weight and step");
    assertTrue(seconds < 60, "took " + seconds + " s");
  }

  @Test
  void theFloorProductIsExactAndUndoesWithTheBitsItPushed() {
    Random r = new Random(8);
    double[] gammas = {0, 0x1p-900, 1e-300, 1e-9, 0.001, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 0.999999, Math.nextDown(1.0)};
    long[] offsets = {0, 1, (1L << FixedPoint.OFFSET_BITS) - 1};
    InformationBuffer buffer = new InformationBuffer();
    int n = 4000;
    long[] values = new long[n];
    long[] products = new long[n];
    double[] usedGamma = new double[n];
    long[] usedOffset = new long[n];
    for (int i = 0; i < n; i++) {
      double gamma = i < gammas.length * 4 ? gammas[i % gammas.length] : r.nextDouble();
      long offset = i % 5 < offsets.length ? offsets[i % 5] : FixedPoint.offset(i, 3 * i);
      long c = switch (i % 4) {
        case 0 -> r.nextLong() % (FixedPoint.MAX + 1);
        case 1 -> (r.nextInt(2001) - 1000);
        case 2 -> r.nextBoolean() ? FixedPoint.MAX : -FixedPoint.MAX;
        default -> (long) (r.nextGaussian() * 0x1p44);
      };
      values[i] = c;
      usedGamma[i] = gamma;
      usedOffset[i] = offset;
      products[i] = FixedPoint.multiply(c, gamma, offset, buffer);
      BigDecimal g = new BigDecimal(gamma);
      BigDecimal exact = new BigDecimal(c + offset).multiply(g).setScale(0, RoundingMode.FLOOR)
          .subtract(new BigDecimal(offset).multiply(g).setScale(0, RoundingMode.FLOOR));
      assertEquals(exact.longValueExact(), products[i], "floor(" + gamma + " (" + c + " + " + offset + ")) - floor("
          + gamma + " " + offset + ")");
      assertTrue(new BigDecimal(products[i]).subtract(new BigDecimal(c).multiply(g)).abs().compareTo(BigDecimal.ONE) < 0,
          "within one unit of gamma c");
    }
    for (int i = n - 1; i >= 0; i--) {
      assertEquals(values[i], FixedPoint.divide(products[i], usedGamma[i], usedOffset[i], buffer),
          "undo " + values[i] + " * " + usedGamma[i]);
    }
    assertEquals(0, buffer.bits());
  }

  @Test
  void theBitStackReturnsWhatWasPushedLastInFirstOut() {
    Random r = new Random(4);
    InformationBuffer buffer = new InformationBuffer();
    int n = 20000;
    long[] values = new long[n];
    int[] widths = new int[n];
    long total = 0;
    for (int i = 0; i < n; i++) {
      widths[i] = r.nextInt(55);
      values[i] = widths[i] == 0 ? 0 : r.nextLong() >>> (64 - widths[i]);
      buffer.push(values[i], widths[i]);
      total += widths[i];
    }
    assertEquals(total, buffer.bits());
    for (int i = n - 1; i >= 0; i--) {
      assertEquals(values[i], buffer.pop(widths[i]), "field " + i + " of width " + widths[i]);
    }
    assertEquals(0, buffer.bits());
    assertEquals(total, buffer.peakBits());
  }
}
