package io.github.hypergrad4j.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each operator adapter against the explicit matrix it stands for. */
class LinearOperatorTest {

  private static double[] apply(LinearOperator op, double[] x) {
    double[] out = new double[op.dim()];
    java.util.Arrays.fill(out, Double.NaN); // apply must overwrite everything
    op.apply(x, out);
    return out;
  }

  private static double[] matVec(double[] a, int n, double[] x) {
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        y[i] += a[i * n + j] * x[j];
      }
    }
    return y;
  }

  @Test
  void compositionsMatchExplicitMatrices() {
    Random r = new Random(3);
    int n = 13;
    double[] a = KernelsTest.gaussian(r, n * n);
    double[] d = KernelsTest.gaussian(r, n);
    double[] x = KernelsTest.gaussian(r, n);
    DenseMatrixOperator dense = new DenseMatrixOperator(a, n);
    DiagonalOperator diag = new DiagonalOperator(d);
    // explicit 2.5·(A + diag(d)) + 0.1·I
    double[] m = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i * n + j] = 2.5 * (a[i * n + j] + (i == j ? d[i] : 0)) + (i == j ? 0.1 : 0);
      }
    }
    LinearOperator composed = dense.plus(diag).scaled(2.5).shifted(0.1);
    assertArrayEquals(matVec(m, n, x), apply(composed, x), 1e-12);
    assertArrayEquals(matVec(a, n, x), apply(dense, x), 1e-12);
    assertArrayEquals(matVec(a, n, x), apply(new SumOperator(dense), x), 1e-12);
    double[] y = apply(new SumOperator(diag, diag, diag), x);
    for (int i = 0; i < n; i++) {
      assertTrue(Math.abs(y[i] - 3 * d[i] * x[i]) <= 1e-12);
    }
  }

  @Test
  void symmetryIsDecidedExactlyAndPropagates() {
    double[] sym = {2, 1, 1, 3};
    double[] asym = {2, 1, 1 + 1e-15, 3};
    assertTrue(new DenseMatrixOperator(sym, 2).isSymmetric());
    assertFalse(new DenseMatrixOperator(asym, 2).isSymmetric());
    assertTrue(new DenseMatrixOperator(new double[] {1, 0.0, -0.0, 1}, 2).isSymmetric(), "0.0 == -0.0");
    DenseMatrixOperator halves = DenseMatrixOperator.symmetrized(asym, 2);
    assertTrue(halves.isSymmetric());
    assertArrayEquals(new double[] {2, 1 + 0.5e-15, 1 + 0.5e-15, 3}, halves.matrix(), 1e-31);
    assertArrayEquals(new double[] {2, 1, 1 + 1e-15, 3}, asym, 0.0, "the input is not modified");
    DiagonalOperator diag = new DiagonalOperator(new double[] {1, 2});
    assertTrue(diag.isSymmetric());
    assertTrue(new DenseMatrixOperator(sym, 2).plus(diag).shifted(1).scaled(2).isSymmetric());
    assertFalse(new DenseMatrixOperator(asym, 2).plus(diag).isSymmetric());
    LinearOperator unsaid = new LinearOperator() {
      @Override
      public int dim() {
        return 2;
      }

      @Override
      public void apply(double[] x, double[] out) {
        out[0] = x[0];
        out[1] = x[1];
      }
    };
    assertFalse(unsaid.isSymmetric(), "symmetry must be declared, not assumed");
  }

  /** An operator known only through products, which it counts. */
  private static final class Counted implements LinearOperator {
    final LinearOperator inner;
    int products;

    Counted(LinearOperator inner) {
      this.inner = inner;
    }

    @Override
    public int dim() {
      return inner.dim();
    }

    @Override
    public void apply(double[] x, double[] out) {
      products++;
      inner.apply(x, out);
    }
  }

  @Test
  void toDenseMaterialisesAnyOperatorWithNProducts() {
    Random r = new Random(5);
    int n = 9;
    double[] a = KernelsTest.gaussian(r, n * n);
    double[] d = KernelsTest.gaussian(r, n);
    // explicit A + diag(d) − 0.5·I
    double[] m = a.clone();
    for (int i = 0; i < n; i++) {
      m[i * n + i] += d[i] - 0.5;
    }
    Counted counted = new Counted(new DenseMatrixOperator(a, n).plus(new DiagonalOperator(d))
        .shifted(-0.5));
    assertArrayEquals(m, counted.toDense(), 1e-15);
    assertEquals(n, counted.products, "one product per column");

    // operators that hold their matrix give it without products, as a copy
    double[] copy = new DenseMatrixOperator(a, n).toDense();
    assertArrayEquals(a, copy, 0.0);
    assertNotSame(a, copy);
    double[] diagonal = new DiagonalOperator(d).toDense();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        assertEquals(i == j ? d[i] : 0.0, diagonal[i * n + j]);
      }
    }
    assertEquals(0, new DiagonalOperator(new double[0]).toDense().length);
  }

  @Test
  void toDenseRefusesAMatrixThatNoArrayHolds() {
    LinearOperator huge = new LinearOperator() {
      @Override
      public int dim() {
        return 46341;
      }

      @Override
      public void apply(double[] x, double[] out) {
        throw new AssertionError("no product may be made");
      }
    };
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, huge::toDense);
    assertTrue(e.getMessage().startsWith("LinearOperator.toDense: n = 46341")
        && e.getMessage().contains("46340"), e.getMessage());
  }

  @Test
  void badArgumentsAreRejectedWithSizes() {
    DenseMatrixOperator dense = new DenseMatrixOperator(new double[4], 2);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> dense.apply(new double[3], new double[2]));
    assertTrue(e.getMessage().contains("2x2") && e.getMessage().contains("x.length = 3"), e.getMessage());
    double[] v = new double[2];
    assertThrows(IllegalArgumentException.class, () -> dense.apply(v, v));
    assertThrows(IllegalArgumentException.class, () -> new DenseMatrixOperator(new double[5], 2));
    expectMessage(() -> dense.shifted(Double.NaN), "LinearOperator.shifted: rho", "NaN");
    expectMessage(() -> dense.scaled(Double.POSITIVE_INFINITY), "LinearOperator.scaled: c",
        "Infinity");
    expectMessage(() -> dense.plus(new DiagonalOperator(new double[3])), "LinearOperator.plus:",
        "dimension 2", "has 3");
    expectMessage(() -> dense.plus(null), "LinearOperator.plus: term 1 is null");
    expectMessage(() -> dense.shifted(1).apply(new double[3], new double[2]),
        "LinearOperator.shifted.apply:", "x.length = 3");
    assertThrows(IllegalArgumentException.class, () -> new SumOperator());
  }

  private static void expectMessage(org.junit.jupiter.api.function.Executable call,
      String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String fragment : fragments) {
      assertTrue(e.getMessage().startsWith(fragments[0]) && e.getMessage().contains(fragment),
          "\"" + e.getMessage() + "\" should start with \"" + fragments[0] + "\" and name \""
              + fragment + "\"");
    }
  }
}
