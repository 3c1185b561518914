package io.github.hypergrad4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input, misuse of tapes, the finite-check mode, and concurrent independent tapes. */
class TapeBehaviourTest {

  private static void assertMessage(Class<? extends RuntimeException> type, Executable call, String... parts) {
    RuntimeException e = assertThrows(type, call);
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), () -> "'" + e.getMessage() + "' lacks '" + p + "'");
    }
  }

  @Test
  void shapeMismatchesNameTheOperationAndBothShapes() {
    Tape t = new Tape();
    Tensor a = t.variable(new double[6], Shape.matrix(2, 3));
    Tensor b = t.variable(new double[4], Shape.matrix(2, 2));
    assertMessage(IllegalArgumentException.class, () -> a.add(b), "add", "[2, 3]", "[2, 2]");
    assertMessage(IllegalArgumentException.class, () -> a.mul(t.constant(new double[2])), "mul", "[2, 3]", "[2]");
    assertMessage(IllegalArgumentException.class, () -> a.matmul(b), "matmul", "[2, 3]", "[2, 2]");
    assertMessage(IllegalArgumentException.class, () -> a.reshape(4, 2), "reshape", "[2, 3]", "[4, 2]");
    assertMessage(IllegalArgumentException.class, () -> a.softmaxCrossEntropy(new int[] {0, 3}), "label 3", "[0, 3)");
    assertMessage(IllegalArgumentException.class, () -> a.gatherRows(2), "index[0] = 2");
    assertMessage(IllegalArgumentException.class, () -> a.dot(a), "dot", "[2, 3]");
    assertMessage(IllegalArgumentException.class, () -> t.variable(new double[5], Shape.matrix(2, 3)), "[2, 3]", "6", "5");
  }

  @Test
  void backwardNeedsAScalarOrAnExplicitCotangent() {
    Tape t = new Tape();
    Tensor x = t.variable(1, 2, 3);
    Tensor y = x.square();
    assertMessage(IllegalArgumentException.class, () -> t.backward(y), "scalar", "[3]", "cotangent");
    t.backward(y, new double[] {1, 1, 1});
    assertArrayEquals(new double[] {2, 4, 6}, x.grad(), 0.0);
  }

  @Test
  void tensorsOfTwoTapesCannotBeMixed() {
    Tensor a = new Tape().variable(1, 2);
    Tensor b = new Tape().variable(3, 4);
    assertMessage(IllegalArgumentException.class, () -> a.add(b), "another tape");
    assertMessage(IllegalArgumentException.class, () -> a.matmul(b), "another tape");
    assertMessage(IllegalArgumentException.class, () -> Tensor.concat(a, b), "another tape");
    Tape t = a.tape();
    assertMessage(IllegalArgumentException.class, () -> t.backward(b.sum()), "another tape");
  }

  @Test
  void aFinishedTapeRefusesMoreWork() {
    Tape t = new Tape();
    Tensor x = t.variable(1, 2);
    Tensor y = x.square().sum();
    t.backward(y);
    assertTrue(t.isFinished());
    assertMessage(IllegalStateException.class, () -> x.exp(), "finished");
    assertMessage(IllegalStateException.class, () -> t.backward(y), "finished");
    assertArrayEquals(new double[] {2, 4}, x.grad(), 0.0);
  }

  @Test
  void finiteCheckStopsAtTheFirstBadOperationAndNamesIt() {
    Tape t = Tape.withFiniteChecks();
    Tensor x = t.variable(1, -2, 3);
    Tensor ok = x.square();
    NonFiniteException e = assertThrows(NonFiniteException.class, () -> ok.sub(t.scalar(5)).log());
    assertEquals("log", e.operation());
    assertEquals(2, e.nodeIndex()); // square, sub, log
    assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("element 0"), e.getMessage());
    // without checks the same computation silently yields NaN
    Tape plain = new Tape();
    assertTrue(Double.isNaN(plain.variable(1, -2, 3).square().sub(plain.scalar(5)).log().value()[0]));
  }

  @Test
  void finiteCheckAlsoWatchesTheBackwardPass() {
    Tape t = Tape.withFiniteChecks();
    Tensor x = t.variable(0.0, 4.0);
    Tensor y = x.sqrt().sum(); // value finite, but d√x/dx = ∞ at 0
    NonFiniteException e = assertThrows(NonFiniteException.class, () -> t.backward(y));
    assertEquals("sqrt", e.operation());
    assertTrue(e.getMessage().contains("backward"), e.getMessage());
  }

  @Test
  void adjointsLentBetweenTensorsAreNeverCorrupted() {
    Tape t = new Tape();
    Tensor x = t.variable(1, 2, 3, 4);
    Tensor c = t.constant(new double[] {5, 6, 7, 8}, Shape.matrix(2, 2));
    Tensor square = x.square().sum();
    Tensor r = x.reshape(2, 2); // recorded after square: its backward runs first and lends r̄ to x
    Tensor y = square.add(r.mul(c).sum());
    t.backward(y);
    assertArrayEquals(new double[] {5, 6, 7, 8}, r.grad(), 0.0, "r's own adjoint is intact");
    assertArrayEquals(new double[] {7, 10, 13, 16}, x.grad(), 0.0, "x collects both paths");
  }

  @Test
  void constantsReceiveNoAdjointAndRecordNoNodes() {
    Tape t = new Tape();
    Tensor c = t.constant(1, 2, 3);
    Tensor y = c.square().exp().sum();
    assertEquals(0, t.size());
    assertFalse(y.isDifferentiable());
    Tensor x = t.variable(1, 1, 1);
    Tensor z = x.mul(c).sum();
    assertEquals(2, t.size());
    t.backward(z);
    assertArrayEquals(new double[] {1, 2, 3}, x.grad(), 0.0);
    assertArrayEquals(new double[3], c.grad(), 0.0);
  }

  @Test
  void independentTapesInEightThreadsAreBitIdenticalToASequentialRun() throws Exception {
    int n = 60, d = 8, hidden = 16, c = 4;
    Random r = new Random(21);
    double[] features = Models.gaussian(r, n * d, 1.0);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = r.nextInt(c);
    }
    TensorFunction f = Models.mlp(features, n, d, hidden, c, labels);
    int p = Models.mlpParameters(d, hidden, c);
    List<double[][]> points = new ArrayList<>();
    for (int k = 0; k < 32; k++) {
      points.add(new double[][] {Models.gaussian(r, p, 0.5), Models.gaussian(r, p, 1.0)});
    }
    List<double[][]> sequential = new ArrayList<>();
    for (double[][] pt : points) {
      sequential.add(work(f, pt));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<double[][]>> futures = new ArrayList<>();
      for (double[][] pt : points) {
        futures.add(pool.submit(() -> work(f, pt)));
      }
      for (int k = 0; k < points.size(); k++) {
        double[][] got = futures.get(k).get();
        for (int j = 0; j < got.length; j++) {
          assertArrayEquals(sequential.get(k)[j], got[j], 0.0, "point " + k + " part " + j);
        }
      }
    } finally {
      pool.shutdown();
    }
  }

  /** Gradient and HVP at pt[0] along pt[1], with λ fixed. */
  private static double[][] work(TensorFunction f, double[][] pt) {
    double[] lambda = {0.1, 0.2};
    double[][] g = Derivatives.gradient(f, pt[0], lambda);
    double[] hv = Derivatives.hvp(f, new double[][] {pt[0], lambda}, 0, pt[1]);
    return new double[][] {g[0], g[1], hv};
  }
}
