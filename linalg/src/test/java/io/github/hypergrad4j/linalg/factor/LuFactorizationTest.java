package io.github.hypergrad4j.linalg.factor;

import static io.github.hypergrad4j.linalg.factor.TestMatrices.EPS;
import static io.github.hypergrad4j.linalg.factor.TestMatrices.multiply;
import static io.github.hypergrad4j.linalg.factor.TestMatrices.norm;
import static io.github.hypergrad4j.linalg.factor.TestMatrices.subtract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class LuFactorizationTest extends FactorizationContract<LuFactorization> {

  @Override
  String name() {
    return "LuFactorization";
  }

  @Override
  LuFactorization factor(double[] a, int n) {
    return LuFactorization.factor(a, n);
  }

  @Override
  double[] wellPosed(Random random, int n) {
    return TestMatrices.gaussian(random, n, n);
  }

  @Override
  LuFactorization failed() {
    return LuFactorization.factor(new double[] {1, 2, 2, 4}, 2);
  }

  @Override
  FactorizationStatus failure() {
    return FactorizationStatus.SINGULAR;
  }

  @Override
  List<Consumer<LuFactorization>> accessors() {
    return List.of(
        f -> f.solve(new double[] {1, 1, 1, 1}, 2),
        f -> f.solveInPlace(new double[] {1, 1}),
        f -> f.determinant(),
        f -> f.reciprocalConditionEstimate(),
        f -> f.lowerFactor(),
        f -> f.upperFactor(),
        f -> f.rowPermutation());
  }

  @Property(tries = 200)
  void permutedAEqualsLowerTimesUpper(
      @ForAll @IntRange(min = 1, max = 40) int n, @ForAll long seed) {
    double[] a = TestMatrices.gaussian(new Random(seed), n, n);
    LuFactorization lu = LuFactorization.factor(a, n);
    assertEquals(FactorizationStatus.OK, lu.status(), lu.message());

    int[] rows = lu.rowPermutation();
    boolean[] seen = new boolean[n];
    double[] pa = new double[n * n];
    for (int i = 0; i < n; i++) {
      assertTrue(!seen[rows[i]], "rowPermutation must be a permutation");
      seen[rows[i]] = true;
      System.arraycopy(a, rows[i] * n, pa, i * n, n);
    }
    double[] l = lu.lowerFactor();
    double[] u = lu.upperFactor();
    for (int i = 0; i < n; i++) {
      assertEquals(1.0, l[i * n + i], "L has a unit diagonal");
      for (int j = 0; j < n; j++) {
        if (j > i) {
          assertEquals(0.0, l[i * n + j], "L is lower triangular");
        } else {
          assertTrue(Math.abs(l[i * n + j]) <= 1, "partial pivoting keeps |L_ij| <= 1");
        }
        if (j < i) {
          assertEquals(0.0, u[i * n + j], "U is upper triangular");
        }
      }
    }
    double error = norm(subtract(multiply(l, n, n, u, n), pa));
    assertTrue(error <= 2 * n * EPS * norm(a), "||PA - LU|| = " + error);
  }

  @Property(tries = 200)
  void solveLeavesASmallResidualAndAllSolveFormsAgree(
      @ForAll @IntRange(min = 1, max = 40) int n,
      @ForAll @IntRange(min = 1, max = 5) int k,
      @ForAll long seed) {
    Random random = new Random(seed);
    double[] a = TestMatrices.gaussian(random, n, n);
    double[] b = TestMatrices.gaussian(random, n, k);
    LuFactorization lu = LuFactorization.factor(a, n);
    assertBlockSolveAgreesWithSingleSolves(a, n, b, k, lu::solve, lu::solve, lu::solveInPlace);
  }

  @Property(tries = 200)
  void determinantOfARowPermutedTriangularMatrixIsSignTimesDiagonalProduct(
      @ForAll @IntRange(min = 1, max = 40) int n, @ForAll long seed) {
    Random random = new Random(seed);
    // T upper triangular, diagonal ±[0.5, 2], small off-diagonal entries (well conditioned)
    double[] t = new double[n * n];
    double expected = 1;
    for (int i = 0; i < n; i++) {
      double d = (random.nextBoolean() ? 1 : -1) * (0.5 + 1.5 * random.nextDouble());
      t[i * n + i] = d;
      expected *= d;
      for (int j = i + 1; j < n; j++) {
        t[i * n + j] = random.nextGaussian() / n;
      }
    }
    // A = rows of T shuffled: det A = sign(shuffle)·det T, and LU must pivot to undo it
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
      if (i != j) {
        expected = -expected;
      }
    }
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(t, order[i] * n, a, i * n, n);
    }
    double det = LuFactorization.factor(a, n).determinant();
    assertEquals(expected, det, 4 * n * EPS * Math.abs(expected));
  }

  @Example
  void determinantClosedForms() {
    assertEquals(-2.0, LuFactorization.factor(new double[] {1, 2, 3, 4}, 2).determinant(), 1e-15);
    // permutation matrices: the sign of the permutation, exactly
    double[] swap = {0, 1, 0, 1, 0, 0, 0, 0, 1};
    assertEquals(-1.0, LuFactorization.factor(swap, 3).determinant());
    double[] cycle = {0, 1, 0, 0, 0, 1, 1, 0, 0};
    assertEquals(1.0, LuFactorization.factor(cycle, 3).determinant());
    double[] fourCycle = {0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0};
    assertEquals(-1.0, LuFactorization.factor(fourCycle, 4).determinant());
    assertEquals(1.0, LuFactorization.factor(new double[0], 0).determinant());
  }

  @Property(tries = 200)
  void duplicatedRowIsSingular(@ForAll @IntRange(min = 2, max = 40) int n, @ForAll long seed) {
    Random random = new Random(seed);
    double[] a = TestMatrices.gaussian(random, n, n);
    int from = random.nextInt(n);
    int to = (from + 1 + random.nextInt(n - 1)) % n;
    System.arraycopy(a, from * n, a, to * n, n);
    LuFactorization lu = LuFactorization.factor(a, n);
    assertEquals(FactorizationStatus.SINGULAR, lu.status());
    assertTrue(lu.message().contains("singular"), lu.message());
  }

  @Property(tries = 200)
  void rankDeficientMatrixIsSingular(
      @ForAll @IntRange(min = 2, max = 40) int n, @ForAll long seed) {
    Random random = new Random(seed);
    int rank = 1 + random.nextInt(n - 1);
    // small integers: B·C is computed exactly, so A has rank < n exactly
    double[] a = multiply(TestMatrices.smallIntegers(random, n, rank), n, rank,
        TestMatrices.smallIntegers(random, rank, n), n);
    assertEquals(FactorizationStatus.SINGULAR, LuFactorization.factor(a, n).status());
  }

  @Example
  void singularityIsJudgedByConditionNotByPivotSize() {
    // 1e-20·I has tiny pivots but condition 1: not singular (EJML's isSingular() says it is)
    assertTrue(LuFactorization.factor(new double[] {1e-20, 0, 0, 1e-20}, 2).isOk());
    // diag(1, 1e-20): condition 1e20
    assertEquals(FactorizationStatus.SINGULAR,
        LuFactorization.factor(new double[] {1, 0, 0, 1e-20}, 2).status());
    // unit upper triangular with −1 above the diagonal: every pivot is 1 and no row is swapped,
    // yet ‖A⁻¹‖₁ = 2^(n−1), so κ₁ = n·2^(n−1): only the condition estimate can see this
    int n = 60;
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      a[i * n + i] = 1;
      for (int j = i + 1; j < n; j++) {
        a[i * n + j] = -1;
      }
    }
    LuFactorization lu = LuFactorization.factor(a, n);
    assertEquals(FactorizationStatus.SINGULAR, lu.status(), lu.message());
    assertTrue(lu.message().contains("reciprocal condition"), lu.message());
    // the same matrix at n = 20 has κ₁ ≈ 1e7 and is fine
    int m = 20;
    double[] smaller = new double[m * m];
    for (int i = 0; i < m; i++) {
      System.arraycopy(a, i * n + i, smaller, i * m + i, m - i);
    }
    LuFactorization ok = LuFactorization.factor(smaller, m);
    assertTrue(ok.isOk(), ok.message());
    double exact = 1 / (m * Math.pow(2, m - 1));
    assertEquals(exact, ok.reciprocalConditionEstimate(), 1e-9 * exact, "estimator is exact here");

    // shuffling the rows changes neither norm, but makes LU pivot: the estimate must not move
    double[] shuffled = new double[m * m];
    for (int i = 0; i < m; i++) {
      System.arraycopy(smaller, ((7 * i + 3) % m) * m, shuffled, i * m, m); // 7 is prime to 20
    }
    LuFactorization pivoted = LuFactorization.factor(shuffled, m);
    assertEquals(exact, pivoted.reciprocalConditionEstimate(), 1e-9 * exact);
  }

  @Example
  void zeroColumnGivesAnExactlyZeroPivot() {
    double[] a = {1, 0, 2, 3, 0, 4, 5, 0, 7};
    LuFactorization lu = LuFactorization.factor(a, 3);
    assertEquals(FactorizationStatus.SINGULAR, lu.status());
    assertTrue(lu.message().contains("pivot U[1,1] is zero"), lu.message());
  }

  @Example
  void reciprocalConditionEstimateBoundsTheTrueValue() {
    assertConditionEstimateBoundsTheTruth(9, true,
        (a, n) -> LuFactorization.factor(a, n).reciprocalConditionEstimate());
  }

  @Example
  void badBlockArgumentsNameTheSizesSeen() {
    LuFactorization lu = LuFactorization.factor(TestMatrices.identity(2), 2);
    expectMessage(() -> lu.solveInPlace(null), "LuFactorization.solveInPlace:", "bx is null");
    expectMessage(() -> lu.solve(new double[5], 2), "LuFactorization.solve:", "length 5", "2x2");
  }

  @Property(tries = 100)
  void accessorsReturnCopies(@ForAll @IntRange(min = 1, max = 40) int n, @ForAll long seed) {
    LuFactorization lu = LuFactorization.factor(TestMatrices.gaussian(new Random(seed), n, n), n);
    lu.rowPermutation()[0] = -1;
    lu.upperFactor()[0] = 42;
    assertTrue(lu.rowPermutation()[0] >= 0 && lu.upperFactor()[0] != 42, "accessors copy");
  }
}
