package io.github.hypergrad4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.autodiff.OpGradCheckTest.OpCase;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * {@link RecordedHessian}: every product on one recording — the first (the recording sweep) and
 * the replays after it, several in a row so that state left by one replay would show in the next —
 * against a fresh sweep {@link Derivatives#hvp} at the same point, for every operation (the cases
 * of {@link OpGradCheckTest}, with each input in turn as θ, the others constants, so that part of
 * each graph does not depend on θ); the logistic and MLP models against a dense Hessian from
 * central differences of the gradient, and symmetry; the fallback for an operation without replay
 * support; and bad input.
 */
class RecordedHessianTest {

  private static final int DIRECTIONS = 4;

  /**
   * ‖r − h‖∞ ≤ 1e-13·(‖h‖∞ + ‖v‖∞·s): a replay and a sweep compute the same sums in different
   * kernels, so they agree to rounding relative to the product and, where the product cancels
   * (h ≈ 0 from terms of size ‖H‖·‖v‖), to the size s of the terms.
   */
  private static void assertClose(double[] h, double[] r, double[] v, double s, String label) {
    double diff = 0;
    double norm = 0;
    double vn = 0;
    for (int i = 0; i < h.length; i++) {
      diff = Math.max(diff, Math.abs(r[i] - h[i]));
      norm = Math.max(norm, Math.abs(h[i]));
      vn = Math.max(vn, Math.abs(v[i]));
    }
    double tol = 1e-13 * (norm + vn * s);
    assertTrue(diff <= tol, label + ": replay differs from a fresh sweep by " + diff + " > " + tol);
  }

  /** Products along {@link #DIRECTIONS} seeded directions on one operator, against fresh sweeps. */
  private static void checkAgainstSweeps(TensorFunction f, double[][] point, int wrt, long seed, String label,
      boolean expectReplay) {
    RecordedHessian op = new RecordedHessian(f, point, wrt);
    Random r = new Random(seed);
    int n = point[wrt].length;
    for (int k = 0; k < DIRECTIONS; k++) {
      double[] v = Models.gaussian(r, n, k == 2 ? 1e-3 : 1.0); // one small direction: nothing kept scales with v
      double[] out = new double[n];
      op.apply(v, out);
      double[] h = Derivatives.hvp(f, point, wrt, v);
      if (k == 0) {
        assertArrayEquals(h, out, label + ": the first product is the sweep itself, bit for bit");
      }
      assertClose(h, out, v, 10.0, label + " direction " + k);
    }
    assertEquals(expectReplay, op.replays(), label + ": replays");
    assertEquals(DIRECTIONS, op.applications());
  }

  private static void checkCase(OpCase c, long seed) {
    TensorFunction f = OpGradCheckTest.weighted(c, seed);
    double[][] point = OpGradCheckTest.point(c, seed);
    for (int wrt = 0; wrt < point.length; wrt++) {
      checkAgainstSweeps(f, point, wrt, seed + wrt, c + " wrt " + wrt, true);
    }
  }

  @Test
  void everyOperationReplaysLikeAFreshSweep() {
    for (int which = 0; which < 47; which++) {
      for (int[] mn : new int[][] {{1, 1}, {2, 3}, {4, 1}, {3, 5}}) {
        checkCase(OpGradCheckTest.makeCase(mn[0], mn[1], which), 2000 + which);
      }
    }
  }

  @Property(tries = 200)
  void randomOperationsAndShapesReplayLikeAFreshSweep(@ForAll("cases") OpCase c, @ForAll long seed) {
    checkCase(c, seed);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<OpCase> cases() {
    return new OpGradCheckTest().cases();
  }

  /** θ used in several places: twice in one product, through a view and a transpose, and via a slice. */
  @Test
  void sharedOperandsViewsAndPartialDependence() {
    int m = 3;
    int n = 4;
    Random r = new Random(5);
    double[] data = Models.gaussian(r, m * n, 1.0);
    TensorFunction f = in -> {
      Tensor x = in[0];
      Tensor a = x.reshape(m, n);
      Tensor c = in[0].tape().constant(data, Shape.matrix(m, n));
      Tensor quad = a.transpose().matmul(a).mul(c.transposeMatmul(c)).sum(); // x·x through views
      Tensor cube = x.mul(x).mul(x).sum();
      Tensor constantPart = c.exp().sum(); // does not depend on θ
      return quad.add(cube.tanh()).add(x.slice(1, 5).squaredNorm().mul(constantPart));
    };
    checkAgainstSweeps(f, new double[][] {Models.gaussian(r, m * n, 1.0)}, 0, 9, "shared operands", true);
  }

  @Test
  void logisticAndMlpMatchTheirDenseHessiansAndAreSymmetric() {
    Models.Data data = Models.binaryData(30, 6, 3);
    Random r = new Random(4);
    double[] w = Models.gaussian(r, 6, 0.5);
    double[] lambda = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
    checkDense(Models.logistic(data), new double[][] {w, lambda}, "logistic");
    int n = 12;
    int d = 3;
    int h = 4;
    int c = 3;
    int[] labels = OpGradCheckTest.labels(r, n, c);
    double[] theta = Models.gaussian(r, Models.mlpParameters(d, h, c), 0.5);
    checkDense(Models.mlp(Models.gaussian(r, n * d, 1.0), n, d, h, c, labels), new double[][] {theta, {0.1, 0.2}}, "mlp");
  }

  /** Each column H·e_j (replayed) against central differences of the gradient, and vᵀHw = wᵀHv. */
  private static void checkDense(TensorFunction f, double[][] point, String label) {
    RecordedHessian op = new RecordedHessian(f, point, 0);
    int n = point[0].length;
    double step = 1e-5;
    for (int j = 0; j < n; j++) {
      double[] e = new double[n];
      e[j] = 1;
      double[] col = new double[n];
      op.apply(e, col);
      double[][] plus = shifted(point, j, step);
      double[][] minus = shifted(point, j, -step);
      double[] gp = Derivatives.gradient(f, plus)[0];
      double[] gm = Derivatives.gradient(f, minus)[0];
      for (int i = 0; i < n; i++) {
        double fd = (gp[i] - gm[i]) / (2 * step);
        assertEquals(fd, col[i], 1e-7 * (1 + Math.abs(fd)), label + " H[" + i + "][" + j + "]");
      }
    }
    assertTrue(op.replays(), label);
    Random r = new Random(8);
    double[] v = Models.gaussian(r, n, 1.0);
    double[] u = Models.gaussian(r, n, 1.0);
    double[] hv = new double[n];
    double[] hu = new double[n];
    op.apply(v, hv);
    op.apply(u, hu);
    double a = dot(u, hv);
    double b = dot(v, hu);
    assertEquals(a, b, 1e-13 * (Math.abs(a) + norm(u) * norm(v)), label + ": symmetry");
  }

  private static double[][] shifted(double[][] point, int j, double h) {
    double[][] p = {point[0].clone(), point[1]};
    p[0][j] += h;
    return p;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  /** An operation left without replay support: y = x³, correct in a sweep. */
  private static final class Cube extends Operation {
    private final Tensor x;

    private Cube(Tensor x) {
      super("cube", x);
      this.x = x;
    }

    static Tensor apply(Tensor x) {
      double[] value = new double[x.size()];
      for (int i = 0; i < value.length; i++) {
        value[i] = x.value[i] * x.value[i] * x.value[i];
      }
      Cube node = new Cube(x);
      return node.emit(x.shape, value, node.tangent(null));
    }

    @Override
    public boolean replayable() {
      return false;
    }

    @Override
    double[] tangent(double[] into) {
      if (x.tangent == null) {
        return null;
      }
      double[] t = buffer(into, x.size());
      for (int i = 0; i < t.length; i++) {
        t[i] = 3 * x.value[i] * x.value[i] * x.tangent[i];
      }
      return t;
    }

    @Override
    void backward(boolean gradient) {
      double[] g = out.grad;
      double[] gt = out.gradTangent;
      double[] c = new double[g.length];
      double[] ct = new double[g.length];
      for (int i = 0; i < g.length; i++) {
        double v = x.value[i];
        c[i] = 3 * v * v * g[i];
        ct[i] = (gt == null ? 0.0 : 3 * v * v * gt[i]) + (x.tangent == null ? 0.0 : 6 * v * x.tangent[i] * g[i]);
      }
      if (gradient) {
        x.addGrad(c, x.shape, true);
      }
      x.addGradTangent(ct, x.shape, true);
    }
  }

  @Test
  void anOperationWithoutReplaySupportFallsBackToFreshSweeps() {
    TensorFunction f = in -> Cube.apply(in[0].tanh()).sum().add(in[0].squaredNorm());
    double[] x = {0.3, -0.7, 1.1};
    checkAgainstSweeps(f, new double[][] {x}, 0, 11, "fallback", false);
    // and the closed form: ∇²f = diag(d²/dx² tanh³ x) + 2I
    RecordedHessian op = new RecordedHessian(f, new double[][] {x}, 0);
    double[] out = new double[3];
    for (int k = 0; k < 2; k++) {
      for (int j = 0; j < 3; j++) {
        double[] e = new double[3];
        e[j] = 1;
        op.apply(e, out);
        double t = Math.tanh(x[j]);
        double s = 1 - t * t; // (tanh)′
        double closed = 6 * t * s * s + 3 * t * t * (-2 * t * s) + 2; // (t³)″ = 6t t′² + 3t² t″
        assertEquals(closed, out[j], 1e-14 * 10, "H[" + j + "][" + j + "]");
      }
    }
    assertFalse(op.replays());
  }

  /**
   * Run to run: two operators on the same MLP give the same bits for the same directions, and a
   * replayed direction replayed again after others gives the same bits (no state carried between
   * replays).
   */
  @Test
  void replaysAreReproducibleBitForBit() {
    Random r = new Random(12);
    int n = 20;
    int d = 4;
    int h = 6;
    int c = 3;
    TensorFunction f = Models.mlp(Models.gaussian(r, n * d, 1.0), n, d, h, c, OpGradCheckTest.labels(r, n, c));
    double[][] point = {Models.gaussian(r, Models.mlpParameters(d, h, c), 0.5), {0.1, 0.2}};
    int p = point[0].length;
    RecordedHessian one = new RecordedHessian(f, point, 0);
    RecordedHessian two = new RecordedHessian(f, point, 0);
    double[][] v = new double[4][];
    double[][] first = new double[4][];
    for (int k = 0; k < v.length; k++) {
      v[k] = Models.gaussian(r, p, 1.0);
      first[k] = new double[p];
      double[] other = new double[p];
      one.apply(v[k], first[k]);
      two.apply(v[k], other);
      assertArrayEquals(first[k], other, "direction " + k + ": two recordings");
    }
    for (int k = v.length - 1; k >= 1; k--) { // direction 0 was the recording sweep, not a replay
      double[] again = new double[p];
      one.apply(v[k], again);
      assertArrayEquals(first[k], again, "direction " + k + " replayed again");
    }
  }

  @Test
  void aFunctionLinearInThetaHasAZeroHessian() {
    TensorFunction f = in -> in[0].sum().scale(3);
    RecordedHessian op = new RecordedHessian(f, new double[][] {{1, 2}}, 0);
    double[] out = {9, 9};
    op.apply(new double[] {1, 1}, out);
    assertArrayEquals(new double[2], out);
    out[0] = 9;
    op.apply(new double[] {2, 3}, out);
    assertArrayEquals(new double[2], out);
  }

  @Test
  void badInputIsRefusedWithTheClassName() {
    TensorFunction f = in -> in[0].squaredNorm();
    double[][] point = {{1, 2, 3}};
    RecordedHessian op = new RecordedHessian(f, point, 0);
    assertMessage("RecordedHessian.apply: ", () -> op.apply(new double[2], new double[3]));
    assertMessage("RecordedHessian.apply: ", () -> op.apply(new double[3], new double[4]));
    double[] same = new double[3];
    assertMessage("RecordedHessian.apply: ", () -> op.apply(same, same));
    assertMessage("RecordedHessian.apply: ", () -> op.apply(null, new double[3]));
    assertMessage("RecordedHessian: ", () -> new RecordedHessian(null, point, 0));
    assertMessage("RecordedHessian: ", () -> new RecordedHessian(f, null, 0));
    assertMessage("RecordedHessian: ", () -> new RecordedHessian(f, point, 1));
    RecordedHessian vectorValued = new RecordedHessian(in -> in[0].square(), point, 0);
    assertMessage("RecordedHessian: ", () -> vectorValued.apply(new double[3], new double[3]));
    assertEquals(0, op.applications());
  }

  private static void assertMessage(String prefix, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
  }
}
