package io.github.hypergrad4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every operation through {@link GradCheck}, first and second order, on random shapes and values:
 * VJP and JVP against central differences, the adjoint identity, HVPs (all blocks, mixed ones
 * included) against central differences of the gradient, and symmetry. Each case wraps the
 * operation as f(inputs) = Σ W ⊙ op(inputs) with a fixed random W, so that the second-order
 * checks (which need a scalar) see every output element with a different weight.
 */
class OpGradCheckTest {

  private static final double FIRST_ORDER_TOLERANCE = 1e-6;
  private static final double SECOND_ORDER_TOLERANCE = 1e-5;

  /** One operation under test: its input sizes and how to build it from flat inputs. */
  record OpCase(String name, int[] sizes, BiFunction<Tensor[], Random, Tensor> op, double lo, double hi, double step) {
    OpCase(String name, int[] sizes, BiFunction<Tensor[], Random, Tensor> op, double lo, double hi) {
      this(name, sizes, op, lo, hi, 0.0);
    }

    @Override
    public String toString() {
      return name + java.util.Arrays.toString(sizes);
    }
  }

  @Provide
  Arbitrary<OpCase> cases() {
    Arbitrary<Integer> dim = Arbitraries.integers().between(1, 5);
    return net.jqwik.api.Combinators.combine(dim, dim, Arbitraries.integers().between(0, CASES - 1))
        .as(OpGradCheckTest::makeCase);
  }

  private static final int CASES = 47;

  static OpCase makeCase(int m, int n, int which) {
    int mn = m * n;
    return switch (which) {
      case 0 -> new OpCase("add same shape", new int[] {mn, mn}, (x, r) -> mat(x[0], m, n).add(mat(x[1], m, n)), -2, 2);
      case 1 -> new OpCase("add row broadcast", new int[] {mn, n}, (x, r) -> mat(x[0], m, n).add(x[1]), -2, 2);
      case 2 -> new OpCase("add column broadcast", new int[] {mn, m}, (x, r) -> mat(x[0], m, n).add(mat(x[1], m, 1)), -2, 2);
      case 3 -> new OpCase("sub scalar broadcast", new int[] {1, mn}, (x, r) -> x[0].reshape(Shape.scalar()).sub(mat(x[1], m, n)), -2, 2);
      case 4 -> new OpCase("mul same shape", new int[] {mn, mn}, (x, r) -> mat(x[0], m, n).mul(mat(x[1], m, n)), -2, 2);
      case 5 -> new OpCase("mul row broadcast", new int[] {n, mn}, (x, r) -> x[0].mul(mat(x[1], m, n)), -2, 2);
      case 6 -> new OpCase("mul column broadcast", new int[] {mn, m}, (x, r) -> mat(x[0], m, n).mul(mat(x[1], m, 1)), -2, 2);
      case 7 -> new OpCase("div", new int[] {mn, mn}, (x, r) -> mat(x[0], m, n).div(mat(x[1], m, n).square().add(0.5)), -2, 2);
      case 8 -> new OpCase("div by broadcast row", new int[] {mn, n}, (x, r) -> mat(x[0], m, n).div(x[1]), 0.5, 2);
      case 9 -> new OpCase("neg and scale", new int[] {mn}, (x, r) -> x[0].neg().scale(2.5), -2, 2);
      case 10 -> new OpCase("matmul", new int[] {m * 3, 3 * n}, (x, r) -> mat(x[0], m, 3).matmul(mat(x[1], 3, n)), -2, 2);
      case 11 -> new OpCase("transposeMatmul", new int[] {3 * m, 3 * n}, (x, r) -> mat(x[0], 3, m).transposeMatmul(mat(x[1], 3, n)), -2, 2);
      case 12 -> new OpCase("matmulTranspose", new int[] {m * 3, n * 3}, (x, r) -> mat(x[0], m, 3).matmulTranspose(mat(x[1], n, 3)), -2, 2);
      case 13 -> new OpCase("matrix times vector", new int[] {mn, n}, (x, r) -> mat(x[0], m, n).matmul(x[1]), -2, 2);
      case 14 -> new OpCase("vector times matrix", new int[] {m, mn}, (x, r) -> x[0].matmul(mat(x[1], m, n)), -2, 2);
      case 15 -> new OpCase("dot", new int[] {mn, mn}, (x, r) -> x[0].dot(x[1]), -2, 2);
      case 16 -> new OpCase("transpose", new int[] {mn}, (x, r) -> mat(x[0], m, n).transpose().mul(mat(x[0], m, n).transpose()), -2, 2);
      case 17 -> new OpCase("sum and mean", new int[] {mn}, (x, r) -> mat(x[0], m, n).square().sum().add(x[0].mean().square()), -2, 2);
      case 18 -> new OpCase("sumRows", new int[] {mn}, (x, r) -> mat(x[0], m, n).sumRows().square(), -2, 2);
      case 19 -> new OpCase("meanCols", new int[] {mn}, (x, r) -> mat(x[0], m, n).meanCols().square(), -2, 2);
      case 20 -> new OpCase("exp", new int[] {mn}, (x, r) -> x[0].exp(), -2, 2);
      case 21 -> new OpCase("log", new int[] {mn}, (x, r) -> x[0].log(), 0.3, 3);
      case 22 -> new OpCase("log1p", new int[] {mn}, (x, r) -> x[0].log1p(), -0.5, 3);
      case 23 -> new OpCase("sqrt", new int[] {mn}, (x, r) -> x[0].sqrt(), 0.3, 3);
      case 24 -> new OpCase("pow 2.5", new int[] {mn}, (x, r) -> x[0].pow(2.5), 0.3, 2);
      case 25 -> new OpCase("abs (away from 0)", new int[] {mn}, (x, r) -> x[0].mul(x[0]).sub(x[0].scale(0.5)).abs(), 1.5, 3);
      case 26 -> new OpCase("tanh", new int[] {mn}, (x, r) -> x[0].tanh(), -3, 3);
      case 27 -> new OpCase("sigmoid", new int[] {mn}, (x, r) -> x[0].sigmoid(), -4, 4);
      case 28 -> new OpCase("relu of a square (away from 0)", new int[] {mn}, (x, r) -> x[0].square().add(-0.25).relu().mul(x[0]), 0.8, 2);
      case 29 -> new OpCase("softplus", new int[] {mn}, (x, r) -> x[0].softplus(), -5, 5);
      case 30 -> new OpCase("clamp (interior) times x", new int[] {mn}, (x, r) -> x[0].clamp(-1, 1).mul(x[0]), -0.9, 0.9);
      case 31 -> new OpCase("logSumExpRows", new int[] {mn}, (x, r) -> mat(x[0], m, n).logSumExpRows(), -3, 3);
      case 32 -> new OpCase("softmaxRows", new int[] {mn}, (x, r) -> mat(x[0], m, n).softmaxRows(), -3, 3);
      case 33 -> new OpCase("softmaxCrossEntropy", new int[] {mn}, (x, r) -> mat(x[0], m, n).softmaxCrossEntropy(labels(r, m, n)), -3, 3);
      case 34 -> new OpCase("binaryCrossEntropyWithLogits", new int[] {mn}, (x, r) -> x[0].binaryCrossEntropyWithLogits(uniform(r, mn)), -4, 4);
      case 35 -> new OpCase("meanSquaredError", new int[] {mn}, (x, r) -> x[0].meanSquaredError(uniform(r, mn)), -2, 2);
      case 36 -> new OpCase("gatherRows with repeats", new int[] {mn}, (x, r) -> mat(x[0], m, n).gatherRows(rowIndex(r, m)).square(), -2, 2);
      case 37 -> new OpCase("slice and sliceRows", new int[] {mn}, (x, r) -> x[0].slice(0, mn - n).square().add(mat(x[0], m, n).sliceRows(m - 1, m).flatten().sum()), -2, 2);
      case 38 -> new OpCase("concat", new int[] {mn, n}, (x, r) -> Tensor.concat(mat(x[0], m, n), x[1].reshape(1, n)).mul(Tensor.concat(x[0], x[1]).reshape(m + 1, n)), -2, 2);
      case 39 -> new OpCase("maskMultiply", new int[] {mn}, (x, r) -> x[0].square().maskMultiply(mask(r, mn)), -2, 2);
      case 40 -> new OpCase("softmaxCrossEntropy near saturation", new int[] {mn}, (x, r) -> mat(x[0], m, n).softmaxCrossEntropy(labels(r, m, n)), -60, 60);
      case 41 -> new OpCase("binaryCrossEntropyWithLogits near saturation", new int[] {mn}, (x, r) -> x[0].binaryCrossEntropyWithLogits(uniform(r, mn)), -40, 40);
      case 42 -> new OpCase("sigmoid near saturation", new int[] {mn}, (x, r) -> x[0].sigmoid(), -30, 30);
      case 44 -> new OpCase("squaredNorm", new int[] {mn}, (x, r) -> mat(x[0], m, n).squaredNorm().mul(x[0].sum()), -2, 2);
      case 45 -> new OpCase("add and mul with a repeated row (bias)", new int[] {mn, n}, (x, r) -> mat(x[0], m, n).add(x[1]).mul(x[1].reshape(1, n)).sub(x[1]), -2, 2);
      case 46 -> new OpCase("div with a column", new int[] {mn, m}, (x, r) -> mat(x[0], m, n).div(mat(x[1], m, 1).exp()), -2, 2);
      case 43 -> new OpCase("logSumExpRows of well-separated logits", new int[] {mn}, (x, r) -> mat(x[0], m, n).logSumExpRows(), -60, 60);
      default -> throw new IllegalStateException("no case " + which);
    };
  }

  static Tensor mat(Tensor flat, int rows, int cols) {
    return flat.reshape(rows, cols);
  }

  static int[] labels(Random r, int m, int n) {
    int[] y = new int[m];
    for (int i = 0; i < m; i++) {
      y[i] = r.nextInt(n);
    }
    return y;
  }

  static int[] rowIndex(Random r, int m) {
    int[] idx = new int[m + 2];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = r.nextInt(m);
    }
    return idx;
  }

  static double[] uniform(Random r, int n) {
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = r.nextDouble();
    }
    return t;
  }

  static double[] mask(Random r, int n) {
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = r.nextBoolean() ? 2.0 : 0.0;
    }
    return t;
  }

  /** f(x) = Σ W ⊙ op(x), with the op's own randomness and W drawn from {@code seed}. */
  static TensorFunction weighted(OpCase c, long seed) {
    return in -> {
      Random r = new Random(seed); // the same labels, masks and weights at every evaluation
      Tensor y = c.op().apply(in, r);
      double[] w = new double[y.size()];
      for (int i = 0; i < w.length; i++) {
        w[i] = r.nextGaussian();
      }
      return y.mul(in[0].tape().constant(w, y.shape())).sum();
    };
  }

  static double[][] point(OpCase c, long seed) {
    Random r = new Random(seed ^ 0x5DEECE66DL);
    double[][] x = new double[c.sizes().length][];
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[c.sizes()[i]];
      for (int k = 0; k < x[i].length; k++) {
        x[i][k] = c.lo() + (c.hi() - c.lo()) * r.nextDouble();
      }
    }
    return x;
  }

  @Property(tries = 400)
  void firstOrderDerivativesMatchCentralDifferences(@ForAll("cases") OpCase c, @ForAll long seed) {
    TensorFunction raw = in -> c.op().apply(in, new Random(seed));
    GradCheckReport report = GradCheck.firstOrder(raw, point(c, seed), seed, c.step());
    assertTrue(report.passed(FIRST_ORDER_TOLERANCE), () -> c + ": " + report);
  }

  @Property(tries = 400)
  void secondOrderDerivativesMatchCentralDifferences(@ForAll("cases") OpCase c, @ForAll long seed) {
    GradCheckReport report = GradCheck.secondOrder(weighted(c, seed), point(c, seed), seed, c.step());
    assertTrue(report.passed(SECOND_ORDER_TOLERANCE), () -> c + ": " + report);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
      22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46})
  void everyCasePassesOnAFixedShape(int which) {
    assertTrue(which < CASES);
    for (int[] mn : new int[][] {{1, 1}, {2, 3}, {4, 1}}) {
      OpCase c = makeCase(mn[0], mn[1], which);
      long seed = 1000 + which;
      GradCheckReport first = GradCheck.firstOrder(in -> c.op().apply(in, new Random(seed)), point(c, seed), seed, c.step());
      assertTrue(first.passed(FIRST_ORDER_TOLERANCE), () -> c + ": " + first);
      GradCheckReport second = GradCheck.secondOrder(weighted(c, seed), point(c, seed), seed, c.step());
      assertTrue(second.passed(SECOND_ORDER_TOLERANCE), () -> c + ": " + second);
    }
  }
}
