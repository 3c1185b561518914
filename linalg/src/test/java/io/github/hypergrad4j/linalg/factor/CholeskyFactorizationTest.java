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

class CholeskyFactorizationTest extends FactorizationContract<CholeskyFactorization> {

  @Override
  String name() {
    return "CholeskyFactorization";
  }

  @Override
  CholeskyFactorization factor(double[] a, int n) {
    return CholeskyFactorization.factor(a, n);
  }

  @Override
  double[] wellPosed(Random random, int n) {
    return spd(random, n, new double[n]);
  }

  @Override
  CholeskyFactorization failed() {
    return CholeskyFactorization.factor(new double[] {1, 2, 2, 1}, 2); // eigenvalues 3 and −1
  }

  @Override
  FactorizationStatus failure() {
    return FactorizationStatus.NOT_POSITIVE_DEFINITE;
  }

  @Override
  List<Consumer<CholeskyFactorization>> accessors() {
    return List.of(
        c -> c.solve(new double[] {1, 1, 1, 1}, 2),
        c -> c.solveInPlace(new double[] {1, 1}),
        c -> c.lowerFactor(),
        c -> c.logDeterminant(),
        c -> c.reciprocalConditionEstimate());
  }

  /** A well-conditioned SPD matrix: Q·diag(s)·Qᵀ with s log-uniform in [0.1, 10], s sorted. */
  private static double[] spd(Random random, int n, double[] spectrumOut) {
    double[] q = TestMatrices.randomOrthogonal(random, n);
    for (int i = 0; i < n; i++) {
      spectrumOut[i] = Math.pow(10, 2 * random.nextDouble() - 1);
    }
    return TestMatrices.withSpectrum(q, spectrumOut);
  }

  @Property(tries = 200)
  void lowerFactorTimesItsTransposeReconstructsA(
      @ForAll @IntRange(min = 1, max = 40) int n, @ForAll long seed) {
    double[] a = spd(new Random(seed), n, new double[n]);
    CholeskyFactorization chol = CholeskyFactorization.factor(a, n);
    assertEquals(FactorizationStatus.OK, chol.status(), chol.message());

    double[] l = chol.lowerFactor();
    for (int i = 0; i < n; i++) {
      assertTrue(l[i * n + i] > 0, "diagonal of L must be positive");
      for (int j = i + 1; j < n; j++) {
        assertEquals(0.0, l[i * n + j], "L must be zero above the diagonal");
      }
    }
    double error = norm(subtract(multiply(l, n, n, transpose(l, n, n), n), a));
    assertTrue(error <= 4 * n * EPS * norm(a), "||L L^T - A|| = " + error);
  }

  @Property(tries = 200)
  void solveLeavesASmallResidualAndAllSolveFormsAgree(
      @ForAll @IntRange(min = 1, max = 40) int n,
      @ForAll @IntRange(min = 1, max = 5) int k,
      @ForAll long seed) {
    Random random = new Random(seed);
    double[] a = spd(random, n, new double[n]);
    double[] b = TestMatrices.gaussian(random, n, k);
    CholeskyFactorization chol = CholeskyFactorization.factor(a, n);
    assertBlockSolveAgreesWithSingleSolves(a, n, b, k, chol::solve, chol::solve,
        chol::solveInPlace);
  }

  @Property(tries = 100)
  void logDeterminantIsTheSumOfLogEigenvalues(
      @ForAll @IntRange(min = 1, max = 40) int n, @ForAll long seed) {
    double[] s = new double[n];
    double[] a = spd(new Random(seed), n, s);
    double expected = 0;
    for (double v : s) {
      expected += Math.log(v);
    }
    // κ(A) ≤ 100 here; the largest error seen in 2000 trials was 8·n·ε
    double logDet = CholeskyFactorization.factor(a, n).logDeterminant();
    assertEquals(expected, logDet, 40 * n * EPS);
  }

  @Example
  void diagonalMatrixFactorsIntoSquareRoots() {
    double[] a = {4, 0, 0, 0, 0, 0.25, 0, 0, 0, 0, 9, 0, 0, 0, 0, 1e-6};
    CholeskyFactorization chol = CholeskyFactorization.factor(a, 4);
    double[] expected = {2, 0, 0, 0, 0, 0.5, 0, 0, 0, 0, 3, 0, 0, 0, 0, 1e-3};
    assertArrayEquals(expected, chol.lowerFactor(), 1e-18);
    assertEquals(Math.log(4 * 0.25 * 9 * 1e-6), chol.logDeterminant(), 1e-14);
  }

  @Example
  void positiveDefiniteButNumericallySingularMatrixIsRejected() {
    // diag(1, 1e-20): every pivot is positive, but κ = 1e20 exceeds 1/(n·ε) ≈ 2.3e15
    CholeskyFactorization chol = CholeskyFactorization.factor(new double[] {1, 0, 0, 1e-20}, 2);
    assertEquals(FactorizationStatus.NOT_POSITIVE_DEFINITE, chol.status());
    assertTrue(chol.message().contains("numerically") && chol.message().contains("pivot L[1,1]"),
        chol.message());
    // κ = 1e12 is still accepted
    assertTrue(CholeskyFactorization.factor(new double[] {1, 0, 0, 1e-12}, 2).isOk());
  }

  @Example
  void scaleDoesNotMatter() {
    // EJML-style absolute thresholds would misjudge these; the relative tests do not
    Random random = new Random(11);
    int n = 12;
    double[] a = spd(random, n, new double[n]);
    for (double scale : new double[] {1e-250, 1e250}) {
      double[] scaled = a.clone();
      for (int i = 0; i < scaled.length; i++) {
        scaled[i] *= scale;
      }
      CholeskyFactorization chol = CholeskyFactorization.factor(scaled, n);
      assertEquals(FactorizationStatus.OK, chol.status(), chol.message());
      double[] b = TestMatrices.gaussian(random, n, 1);
      double[] x = chol.solve(b);
      double residual = norm(subtract(multiply(scaled, n, n, x), b));
      assertTrue(residual <= 4 * n * EPS * norm(scaled) * norm(x), "residual " + residual);
    }
  }

  @Property(tries = 200)
  void symmetricIndefiniteMatrixIsNotPositiveDefinite(
      @ForAll @IntRange(min = 1, max = 40) int n, @ForAll long seed) {
    Random random = new Random(seed);
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = 1 + random.nextDouble();
    }
    s[random.nextInt(n)] = -0.5 - random.nextDouble(); // one clearly negative eigenvalue
    double[] a = TestMatrices.withSpectrum(TestMatrices.randomOrthogonal(random, n), s);
    CholeskyFactorization chol = CholeskyFactorization.factor(a, n);
    assertEquals(FactorizationStatus.NOT_POSITIVE_DEFINITE, chol.status());
    assertTrue(!chol.isOk());
    assertTrue(chol.message().contains(n + "x" + n), chol.message());
  }

  @Property(tries = 200)
  void singularSemidefiniteMatrixIsNotPositiveDefinite(
      @ForAll @IntRange(min = 2, max = 40) int n, @ForAll long seed) {
    Random random = new Random(seed);
    int rank = 1 + random.nextInt(n - 1);
    double[] b = TestMatrices.smallIntegers(random, n, rank);
    double[] a = multiply(b, n, rank, transpose(b, n, rank), n); // exact: small integers
    assertEquals(FactorizationStatus.NOT_POSITIVE_DEFINITE,
        CholeskyFactorization.factor(a, n).status());
  }

  @Example
  void reciprocalConditionEstimateBoundsTheTrueValue() {
    assertConditionEstimateBoundsTheTruth(5, false,
        (a, n) -> CholeskyFactorization.factor(a, n).reciprocalConditionEstimate());
  }

  @Example
  void badBlockArgumentsNameTheSizesSeen() {
    CholeskyFactorization chol = CholeskyFactorization.factor(TestMatrices.identity(3), 3);
    expectMessage(() -> chol.solve(new double[6], -2), "CholeskyFactorization.solve:", "-2");
    expectMessage(() -> chol.solve(new double[6], 3), "CholeskyFactorization.solve:", "length 6",
        "3x3");
    expectMessage(() -> chol.solveInPlace(new double[2]), "CholeskyFactorization.solveInPlace:",
        "bx has length 2");
  }

  @Example
  void nonSymmetricMatrixIsRejectedButRoundingAsymmetryIsNot() {
    double[] a = {4, 1, 0, 1.5, 4, 1, 0, 1, 4};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CholeskyFactorization.factor(a, 3));
    assertTrue(e.getMessage().contains("not symmetric") && e.getMessage().contains("a[0,1]"),
        e.getMessage());

    double d = 1024 * Math.ulp(1.0); // asymmetry 2.3e-13, far below the 1e-8 tolerance
    double[] nearly = {4, 1, 0, 1 + 2 * d, 4, 1, 0, 1, 4};
    double[] mean = {4, 1 + d, 0, 1 + d, 4, 1, 0, 1, 4};
    assertArrayEquals(CholeskyFactorization.factor(mean, 3).lowerFactor(),
        CholeskyFactorization.factor(nearly, 3).lowerFactor(), "factors the symmetric part");
  }

  @Property(tries = 100)
  void anAsymmetricInputIsNotSymmetrisedInPlaceAndTheFactorIsACopy(
      @ForAll @IntRange(min = 1, max = 40) int n, @ForAll long seed) {
    Random random = new Random(seed);
    double[] a = spd(random, n, new double[n]);
    a[n - 1] += 1e-13; // a little rounding asymmetry, within the tolerance
    double[] aCopy = a.clone();
    CholeskyFactorization chol = CholeskyFactorization.factor(a, n);
    chol.solve(TestMatrices.gaussian(random, n, 1), 1);
    assertArrayEquals(aCopy, a);
    double[] l = chol.lowerFactor();
    l[0] = 42;
    assertTrue(chol.lowerFactor()[0] != 42, "lowerFactor must return a copy");
  }

  @Example
  void anEmptyMatrixHasLogDeterminantZero() {
    assertEquals(0.0, CholeskyFactorization.factor(new double[0], 0).logDeterminant());
  }
}
