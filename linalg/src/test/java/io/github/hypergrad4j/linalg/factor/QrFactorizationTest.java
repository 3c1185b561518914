package io.github.hypergrad4j.linalg.factor;

import static io.github.hypergrad4j.linalg.factor.TestMatrices.EPS;
import static io.github.hypergrad4j.linalg.factor.TestMatrices.multiply;
import static io.github.hypergrad4j.linalg.factor.TestMatrices.norm;
import static io.github.hypergrad4j.linalg.factor.TestMatrices.subtract;
import static io.github.hypergrad4j.linalg.factor.TestMatrices.transpose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class QrFactorizationTest extends FactorizationContract<QrFactorization> {

  @Override
  String name() {
    return "QrFactorization";
  }

  @Override
  QrFactorization factor(double[] a, int n) {
    return QrFactorization.factor(a, n, n);
  }

  @Override
  double[] wellPosed(Random random, int n) {
    return TestMatrices.gaussian(random, n, n);
  }

  @Override
  QrFactorization failed() {
    return QrFactorization.factor(new double[] {1, 2, 2, 4, 3, 6}, 3, 2);
  }

  @Override
  FactorizationStatus failure() {
    return FactorizationStatus.SINGULAR;
  }

  @Override
  List<Consumer<QrFactorization>> accessors() {
    return List.of(
        f -> f.q(),
        f -> f.r(),
        f -> f.reciprocalConditionEstimate(),
        f -> f.solveLeastSquares(new double[3]),
        f -> f.solveLeastSquares(new double[6], 2));
  }

  @Property(tries = 200)
  void thinQTimesRReconstructsAAndQIsOrthonormal(
      @ForAll @IntRange(min = 1, max = 40) int n,
      @ForAll @IntRange(min = 0, max = 40) int extraRows,
      @ForAll long seed) {
    int m = n + extraRows;
    double[] a = TestMatrices.gaussian(new Random(seed), m, n);
    QrFactorization qr = QrFactorization.factor(a, m, n);
    assertEquals(FactorizationStatus.OK, qr.status(), qr.message());
    assertEquals(m, qr.rows());
    assertEquals(n, qr.columns());

    double[] q = qr.q();
    double[] r = qr.r();
    assertEquals(m * n, q.length);
    assertEquals(n * n, r.length);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        assertEquals(0.0, r[i * n + j], "R is upper triangular");
      }
    }
    double error = norm(subtract(multiply(q, m, n, r, n), a));
    assertTrue(error <= 4 * m * EPS * norm(a), "||QR - A|| = " + error);
    double orthogonality =
        norm(subtract(multiply(transpose(q, m, n), n, m, q, n), TestMatrices.identity(n)));
    assertTrue(orthogonality <= 4 * m * EPS, "||Q^T Q - I|| = " + orthogonality);
  }

  @Property(tries = 200)
  void leastSquaresResidualIsOrthogonalToTheColumns(
      @ForAll @IntRange(min = 1, max = 40) int n,
      @ForAll @IntRange(min = 0, max = 40) int extraRows,
      @ForAll @IntRange(min = 1, max = 4) int k,
      @ForAll long seed) {
    int m = n + extraRows;
    Random random = new Random(seed);
    double[] a = TestMatrices.gaussian(random, m, n);
    double[] b = TestMatrices.gaussian(random, m, k);
    QrFactorization qr = QrFactorization.factor(a, m, n);
    double[] x = qr.solveLeastSquares(b, k);

    // normal equations: Aᵀ(B − AX) = 0 up to rounding
    double[] residual = subtract(b, multiply(a, m, n, x, k));
    double normal = norm(multiply(transpose(a, m, n), n, m, residual, k));
    double scale = m * EPS * norm(a) * (norm(a) * norm(x) + norm(b));
    assertTrue(normal <= 2 * scale, "||A^T (B - AX)|| = " + normal);

    for (int c = 0; c < k; c++) {
      double[] column = new double[m];
      for (int i = 0; i < m; i++) {
        column[i] = b[i * k + c];
      }
      double[] single = qr.solveLeastSquares(column);
      for (int i = 0; i < n; i++) {
        assertEquals(x[i * k + c], single[i], "column " + c + " solved alone gives the same bits");
      }
    }
  }

  @Example
  void straightLineFitMatchesTheClosedForm() {
    // fit y ≈ c0 + c1·t; the normal equations give c1 = cov(t, y)/var(t), c0 = ȳ − c1·t̄
    double[] t = {0, 1, 2, 3, 4, 5};
    double[] y = {1.1, 2.9, 5.2, 7.1, 8.8, 11.2};
    int m = t.length;
    double[] a = new double[2 * m];
    double tMean = 0;
    double yMean = 0;
    for (int i = 0; i < m; i++) {
      a[2 * i] = 1;
      a[2 * i + 1] = t[i];
      tMean += t[i] / m;
      yMean += y[i] / m;
    }
    double cov = 0;
    double var = 0;
    for (int i = 0; i < m; i++) {
      cov += (t[i] - tMean) * (y[i] - yMean);
      var += (t[i] - tMean) * (t[i] - tMean);
    }
    double slope = cov / var;
    double[] x = QrFactorization.factor(a, m, 2).solveLeastSquares(y);
    assertArrayEquals(new double[] {yMean - slope * tMean, slope}, x, 1e-13);
  }

  @Property(tries = 200)
  void rankDeficientMatrixIsSingular(
      @ForAll @IntRange(min = 2, max = 40) int n,
      @ForAll @IntRange(min = 0, max = 40) int extraRows,
      @ForAll long seed) {
    int m = n + extraRows;
    Random random = new Random(seed);
    int rank = 1 + random.nextInt(n - 1);
    // small integers: B·C is computed exactly, so A has rank < n exactly
    double[] a = multiply(TestMatrices.smallIntegers(random, m, rank), m, rank,
        TestMatrices.smallIntegers(random, rank, n), n);
    QrFactorization qr = QrFactorization.factor(a, m, n);
    assertEquals(FactorizationStatus.SINGULAR, qr.status());
    assertTrue(qr.message().contains("rank deficient"), qr.message());
  }

  @Example
  void dependentColumnsAreSingular() {
    Random random = new Random(4);
    int m = 10;
    int n = 4;
    double[] a = TestMatrices.gaussian(random, m, n);
    double[] zero = a.clone();
    double[] copy = a.clone();
    for (int i = 0; i < m; i++) {
      zero[i * n + 2] = 0;
      copy[i * n + 3] = copy[i * n + 1];
    }
    QrFactorization zeroQr = QrFactorization.factor(zero, m, n);
    assertEquals(FactorizationStatus.SINGULAR, zeroQr.status());
    assertTrue(zeroQr.message().contains("exactly zero"), zeroQr.message());
    QrFactorization copyQr = QrFactorization.factor(copy, m, n);
    assertEquals(FactorizationStatus.SINGULAR, copyQr.status());
    assertTrue(copyQr.message().contains("|R[3,3]|"), "the pivot test names the column: "
        + copyQr.message());
    assertTrue(QrFactorization.factor(a, m, n).isOk());
  }

  @Example
  void pivotsAreJudgedAgainstTheColumnsOfA() {
    // R = A = [[δ, 1], [0, δ]]: both pivots are δ, so max|R_jj| hides the problem; κ ≈ 1/δ²
    double delta = 1e-9;
    QrFactorization qr = QrFactorization.factor(new double[] {delta, 1, 0, delta}, 2, 2);
    assertEquals(FactorizationStatus.SINGULAR, qr.status(), qr.message());
    // a tiny but well-conditioned matrix is fine
    assertTrue(QrFactorization.factor(new double[] {1e-200, 0, 0, 1e-200, 0, 0}, 3, 2).isOk());
  }

  @Example
  void badRectangularArgumentsNameTheSizesSeen() {
    IllegalArgumentException e;
    e = assertThrows(IllegalArgumentException.class,
        () -> QrFactorization.factor(new double[6], 2, 3));
    assertTrue(e.getMessage().contains("2x3") && e.getMessage().contains("fewer rows"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> QrFactorization.factor(new double[7], 4, 2));
    assertTrue(e.getMessage().contains("4x2") && e.getMessage().contains("length 7"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> QrFactorization.factor(new double[0], -1, 0));
    assertTrue(e.getMessage().contains("-1x0"), e.getMessage());
    QrFactorization qr = QrFactorization.factor(new double[] {1, 0, 0, 1, 1, 1}, 3, 2);
    e = assertThrows(IllegalArgumentException.class, () -> qr.solveLeastSquares(new double[2]));
    assertTrue(e.getMessage().contains("length 2") && e.getMessage().contains("3 equations"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> qr.solveLeastSquares(new double[3], 2));
    assertTrue(e.getMessage().contains("length 3") && e.getMessage().contains("3x2"),
        e.getMessage());
  }

  @Property(tries = 100)
  void rectangularInputIsNotModifiedAndAccessorsCopy(
      @ForAll @IntRange(min = 1, max = 40) int n,
      @ForAll @IntRange(min = 0, max = 40) int extraRows,
      @ForAll long seed) {
    int m = n + extraRows;
    Random random = new Random(seed);
    double[] a = TestMatrices.gaussian(random, m, n);
    double[] aCopy = a.clone();
    double[] b = TestMatrices.gaussian(random, m, 1);
    double[] bCopy = b.clone();
    QrFactorization qr = QrFactorization.factor(a, m, n);
    assertArrayEquals(qr.solveLeastSquares(b), qr.solve(b), 0.0, "solve is solveLeastSquares");
    assertEquals(n, qr.size());
    assertArrayEquals(aCopy, a);
    assertArrayEquals(bCopy, b);
    qr.q()[0] = 42;
    qr.r()[0] = 42;
    assertTrue(qr.q()[0] != 42 && qr.r()[0] != 42, "accessors copy");
  }

  @Example
  void noColumns() {
    QrFactorization qr = QrFactorization.factor(new double[0], 3, 0);
    assertTrue(qr.isOk());
    assertEquals(0, qr.size());
    assertEquals(0, qr.solveLeastSquares(new double[3]).length);
    assertEquals(0, qr.q().length);
  }
}
