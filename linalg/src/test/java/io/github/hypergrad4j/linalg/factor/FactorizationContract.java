package io.github.hypergrad4j.linalg.factor;

import static io.github.hypergrad4j.linalg.factor.TestMatrices.EPS;
import static io.github.hypergrad4j.linalg.factor.TestMatrices.multiply;
import static io.github.hypergrad4j.linalg.factor.TestMatrices.norm;
import static io.github.hypergrad4j.linalg.factor.TestMatrices.subtract;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * What every {@link Factorization} keeps, run once per factorisation by a subclass that says how
 * to factor an n×n matrix, which matrices it solves, and which one makes it fail. The references
 * are plain-Java products ({@link TestMatrices}), independent of EJML.
 *
 * @param <F> the factorisation under test
 */
abstract class FactorizationContract<F extends Factorization> {

  /** The class name, which starts every message. */
  abstract String name();

  /** Factors the n×n row-major {@code a} (QR: as an n×n matrix, m = n). */
  abstract F factor(double[] a, int n);

  /** A well-conditioned n×n matrix of the kind the factorisation is for. */
  abstract double[] wellPosed(Random random, int n);

  /** A factorisation that failed on valid input (not for a non-finite entry). */
  abstract F failed();

  /** The status {@link #failed()} ends with. */
  abstract FactorizationStatus failure();

  /** Every accessor of the factors, each of which a failed factorisation must refuse. */
  abstract List<Consumer<F>> accessors();

  @Property(tries = 100)
  void solveLeavesABackwardStableResidual(
      @ForAll @IntRange(min = 1, max = 40) int n, @ForAll long seed) {
    Random random = new Random(seed);
    double[] a = wellPosed(random, n);
    double[] b = TestMatrices.gaussian(random, n, 1);
    F f = factor(a, n);
    assertEquals(FactorizationStatus.OK, f.status(), f.message());
    assertTrue(f.isOk());
    assertEquals("OK", f.message());
    assertEquals(n, f.size());
    double[] x = f.solve(b);
    assertEquals(n, x.length);
    double residual = norm(subtract(multiply(a, n, n, x), b));
    double bound = 4 * n * EPS * (norm(a) * norm(x) + norm(b));
    assertTrue(residual <= bound, "||A x - b|| = " + residual + " > " + bound);
  }

  @Property(tries = 100)
  void callerArraysAreNotModifiedAndSolveReturnsANewArray(
      @ForAll @IntRange(min = 1, max = 40) int n, @ForAll long seed) {
    Random random = new Random(seed);
    double[] a = wellPosed(random, n);
    double[] aCopy = a.clone();
    double[] b = TestMatrices.gaussian(random, n, 1);
    double[] bCopy = b.clone();
    F f = factor(a, n);
    double[] x = f.solve(b);
    assertArrayEquals(aCopy, a);
    assertArrayEquals(bCopy, b);
    assertNotSame(b, x);
    assertArrayEquals(x, f.solve(b), 0.0, "the same b gives the same bits");
  }

  @Example
  void aFailedFactorizationRefusesEveryUseWithItsStatusAndMessage() {
    F f = failed();
    assertEquals(failure(), f.status(), f.message());
    assertFalse(f.isOk());
    assertTrue(!f.message().isEmpty() && !f.message().equals("OK"), f.message());
    assertTrue(f.toString().startsWith(name() + "[") && f.toString().contains(failure().name()),
        f.toString());
    List<Consumer<F>> uses = new ArrayList<>(accessors());
    uses.add(g -> g.solve(new double[g.size()]));
    for (Consumer<F> use : uses) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> use.accept(f));
      assertTrue(e.getMessage().startsWith(name() + ".")
          && e.getMessage().contains(failure().name()) && e.getMessage().contains(f.message()),
          e.getMessage());
    }
  }

  @Example
  void nonFiniteInputIsReportedWithItsPositionAndRefused() {
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY}) {
      double[] a = wellPosed(new Random(1), 3);
      a[5] = bad;
      a[7] = bad; // keeps a symmetric input symmetric
      F f = factor(a, 3);
      assertEquals(FactorizationStatus.NON_FINITE_INPUT, f.status());
      assertFalse(f.isOk());
      assertTrue(f.message().contains("a[5] (row 1, column 2) is " + bad), f.message());
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> f.solve(new double[3]));
      assertTrue(e.getMessage().contains("NON_FINITE_INPUT"), e.getMessage());
    }
  }

  @Example
  void badArgumentsAreRefusedNamingTheSizesSeen() {
    expectMessage(() -> factor(null, 2), name() + ".factor:", "a is null");
    expectMessage(() -> factor(new double[8], 3), name() + ".factor:", "3x3", "9", "length 8");
    expectMessage(() -> factor(new double[0], -1), name() + ".factor:", "-1");
    F f = factor(wellPosed(new Random(2), 3), 3);
    expectMessage(() -> f.solve(null), name() + ".", "b is null");
    expectMessage(() -> f.solve(new double[4]), name() + ".", "length 4", "3 equations");
  }

  @Example
  void anEmptyMatrixIsTriviallyFactored() {
    F f = factor(new double[0], 0);
    assertTrue(f.isOk(), f.message());
    assertEquals(0, f.size());
    assertEquals(0, f.solve(new double[0]).length);
    assertTrue(f.toString().startsWith(name() + "[0x0, OK"), f.toString());
  }

  /**
   * For the factorisations with block and in-place solves (Cholesky, LU): X = solve(B, k) has a
   * backward-stable residual, and each column solved alone, out of place and in place, gives the
   * same bits.
   */
  static void assertBlockSolveAgreesWithSingleSolves(double[] a, int n, double[] b, int k,
      BiFunction<double[], Integer, double[]> block, Function<double[], double[]> single,
      Consumer<double[]> inPlace) {
    double[] x = block.apply(b, k);
    double residual = norm(subtract(multiply(a, n, n, x, k), b));
    assertTrue(residual <= 4 * n * EPS * norm(a) * norm(x), "||AX - B|| = " + residual);
    for (int c = 0; c < k; c++) {
      double[] column = new double[n];
      for (int i = 0; i < n; i++) {
        column[i] = b[i * k + c];
      }
      double[] alone = single.apply(column);
      inPlace.accept(column);
      assertArrayEquals(alone, column);
      for (int i = 0; i < n; i++) {
        assertEquals(x[i * k + c], alone[i]);
      }
    }
  }

  /**
   * For the factorisations with a condition estimate (Cholesky, LU): on 50 matrices A =
   * Q·diag(s)·Qᵀ, |s| log-uniform in [10⁻³, 10³] (with random signs when {@code signed}), the
   * estimate of 1/(‖A‖₁·‖A⁻¹‖₁) is at least the true value — A⁻¹ = Q·diag(1/s)·Qᵀ is known
   * without solving — and within a factor 10 of it.
   */
  static void assertConditionEstimateBoundsTheTruth(long seed, boolean signed,
      BiFunction<double[], Integer, Double> estimator) {
    Random random = new Random(seed);
    for (int trial = 0; trial < 50; trial++) {
      int n = 1 + random.nextInt(40);
      double[] q = TestMatrices.randomOrthogonal(random, n);
      double[] s = new double[n];
      double[] inverse = new double[n];
      for (int i = 0; i < n; i++) {
        double sign = signed && !random.nextBoolean() ? -1 : 1;
        s[i] = sign * Math.pow(10, 6 * random.nextDouble() - 3);
        inverse[i] = 1 / s[i];
      }
      double[] a = TestMatrices.withSpectrum(q, s);
      double truth = 1 / (TestMatrices.oneNorm(a, n)
          * TestMatrices.oneNorm(TestMatrices.withSpectrum(q, inverse), n));
      double estimate = estimator.apply(a, n);
      assertTrue(estimate >= truth * (1 - 1e-6), "estimate " + estimate + " < truth " + truth);
      assertTrue(estimate <= 10 * truth, "estimate " + estimate + " > 10 * truth " + truth);
    }
  }

  static void expectMessage(Runnable call, String prefix, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().startsWith(prefix), "\"" + e.getMessage() + "\" should start with "
        + prefix);
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment),
          "\"" + e.getMessage() + "\" does not name \"" + fragment + "\"");
    }
  }
}
