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

import io.github.hypergrad4j.linalg.DenseMatrixOperator;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class SymmetricEigendecompositionTest
    extends FactorizationContract<SymmetricEigendecomposition> {

  @Override
  String name() {
    return "SymmetricEigendecomposition";
  }

  @Override
  SymmetricEigendecomposition factor(double[] a, int n) {
    return SymmetricEigendecomposition.factor(a, n);
  }

  /** Q·diag(s)·Qᵀ with |s| log-uniform in [0.1, 10] and random signs: indefinite, κ ≤ 100. */
  @Override
  double[] wellPosed(Random random, int n) {
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = (random.nextBoolean() ? 1 : -1) * Math.pow(10, 2 * random.nextDouble() - 1);
    }
    return TestMatrices.withSpectrum(TestMatrices.randomOrthogonal(random, n), s);
  }

  @Override
  SymmetricEigendecomposition failed() {
    return SymmetricEigendecomposition.factor(TestMatrices.randomSymmetric(new Random(3), 12), 12,
        1);
  }

  @Override
  FactorizationStatus failure() {
    return FactorizationStatus.NO_CONVERGENCE;
  }

  @Override
  List<Consumer<SymmetricEigendecomposition>> accessors() {
    return List.of(d -> d.eigenvalues(), d -> d.eigenvectors(), d -> d.eigenvector(0));
  }

  /** Checks A = Q·diag(w)·Qᵀ, QᵀQ = I, A·q_j = w_j·q_j and ascending w, all to O(n·ε·‖A‖). */
  private static void assertValidDecomposition(double[] a, int n, SymmetricEigendecomposition e) {
    assertEquals(FactorizationStatus.OK, e.status(), e.message());
    double[] w = e.eigenvalues();
    double[] q = e.eigenvectors();
    for (int j = 1; j < n; j++) {
      assertTrue(w[j - 1] <= w[j], "eigenvalues must ascend: " + Arrays.toString(w));
    }
    double scale = n * EPS * norm(a);
    double reconstruction = norm(subtract(TestMatrices.withSpectrum(q, w), a));
    assertTrue(reconstruction <= 8 * scale, "||Q diag(w) Q^T - A|| = " + reconstruction);
    double orthogonality =
        norm(subtract(multiply(transpose(q, n, n), n, n, q, n), TestMatrices.identity(n)));
    assertTrue(orthogonality <= 8 * n * EPS, "||Q^T Q - I|| = " + orthogonality);
    for (int j = 0; j < n; j++) {
      double[] v = e.eigenvector(j);
      double[] av = multiply(a, n, n, v);
      for (int i = 0; i < n; i++) {
        assertEquals(q[i * n + j], v[i], "eigenvector(j) is column j of eigenvectors()");
        av[i] -= w[j] * v[i];
      }
      assertTrue(norm(av) <= 4 * scale, "||A v - w v|| = " + norm(av) + " for j = " + j);
    }
  }

  @Property(tries = 200)
  void decomposesRandomSymmetricMatrices(
      @ForAll @IntRange(min = 1, max = 40) int n, @ForAll long seed) {
    double[] a = TestMatrices.randomSymmetric(new Random(seed), n);
    assertValidDecomposition(a, n, SymmetricEigendecomposition.factor(a, n));
  }

  @Property(tries = 200)
  void recoversAKnownSpectrum(
      @ForAll @IntRange(min = 1, max = 40) int n,
      @ForAll @IntRange(min = 1, max = 40) int distinct,
      @ForAll long seed) {
    Random random = new Random(seed);
    // s drawn from at most `distinct` values, so repeated eigenvalues are common
    double[] values = TestMatrices.gaussian(random, 1, Math.min(distinct, n));
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = values[random.nextInt(values.length)];
    }
    double[] a = TestMatrices.withSpectrum(TestMatrices.randomOrthogonal(random, n), s);
    SymmetricEigendecomposition e = SymmetricEigendecomposition.factor(a, n);
    assertValidDecomposition(a, n, e);

    Arrays.sort(s);
    double largest = Math.max(Math.abs(s[0]), Math.abs(s[n - 1]));
    double[] w = e.eigenvalues();
    for (int i = 0; i < n; i++) {
      assertEquals(s[i], w[i], 8 * n * EPS * largest, "eigenvalue " + i);
    }
  }

  @Example
  void diagonalAndSmallClosedForms() {
    double[] d = {3, 0, 0, 0, -1, 0, 0, 0, 2};
    SymmetricEigendecomposition e = SymmetricEigendecomposition.factor(d, 3);
    assertArrayEquals(new double[] {-1, 2, 3}, e.eigenvalues(), 1e-15);
    assertEquals(1.0, Math.abs(e.eigenvector(0)[1]), 1e-15, "eigenvector of -1 is ±e_1");
    assertEquals(1.0, Math.abs(e.eigenvector(1)[2]), 1e-15, "eigenvector of 2 is ±e_2");
    assertEquals(1.0, Math.abs(e.eigenvector(2)[0]), 1e-15, "eigenvector of 3 is ±e_0");

    // [[2, 1], [1, 2]]: eigenvalues 1 and 3, eigenvectors (1, −1)/√2 and (1, 1)/√2
    SymmetricEigendecomposition two =
        SymmetricEigendecomposition.factor(new double[] {2, 1, 1, 2}, 2);
    assertArrayEquals(new double[] {1, 3}, two.eigenvalues(), 1e-15);
    double[] v0 = two.eigenvector(0);
    assertEquals(0.0, v0[0] + v0[1], 1e-15);
    assertEquals(Math.sqrt(0.5), Math.abs(v0[0]), 1e-15);

    SymmetricEigendecomposition one = SymmetricEigendecomposition.factor(new double[] {-7}, 1);
    assertArrayEquals(new double[] {-7}, one.eigenvalues());
    assertEquals(1.0, Math.abs(one.eigenvectors()[0]));
  }

  @Example
  void iterationLimitIsReportedAsNoConvergence() {
    double[] a = TestMatrices.randomSymmetric(new Random(3), 12);
    SymmetricEigendecomposition e = SymmetricEigendecomposition.factor(a, 12, 1);
    assertEquals(FactorizationStatus.NO_CONVERGENCE, e.status());
    assertTrue(e.message().contains("did not converge") && e.message().contains("12x12"),
        e.message());
    IllegalStateException thrown = assertThrows(IllegalStateException.class, e::eigenvalues);
    assertTrue(thrown.getMessage().contains("NO_CONVERGENCE"), thrown.getMessage());
    // the same matrix with EJML's default limit converges
    assertValidDecomposition(a, 12, SymmetricEigendecomposition.factor(a, 12));
  }

  @Example
  void nonSymmetricMatrixIsRejectedButRoundingAsymmetryIsNot() {
    double[] a = {1, 2, 3, 2, 1, 2, 3.001, 2, 1};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SymmetricEigendecomposition.factor(a, 3));
    assertTrue(e.getMessage().contains("not symmetric") && e.getMessage().contains("a[0,2]")
        && e.getMessage().contains("3x3"), e.getMessage());

    double u = Math.ulp(3.0); // asymmetry of a few ulps, with an exactly representable mean
    double[] nearly = {1, 2, 3, 2, 1, 2, 3 + 4 * u, 2, 1};
    double[] mean = {1, 2, 3 + 2 * u, 2, 1, 2, 3 + 2 * u, 2, 1};
    assertArrayEquals(SymmetricEigendecomposition.factor(mean, 3).eigenvalues(),
        SymmetricEigendecomposition.factor(nearly, 3).eigenvalues(),
        "decomposes the symmetric part");
  }

  @Example
  void symmetryToleranceIsRelativeToTheLargestEntry() {
    // max|a| = 1e6, so the allowed |a_01 − a_10| is 1e-8 · 1e6 = 1e-2
    double[] within = {1e6, 1, 1 + 0.5e-2, 1};
    assertTrue(SymmetricEigendecomposition.factor(within, 2).isOk());
    double[] beyond = {1e6, 1, 1 + 2e-2, 1};
    assertThrows(IllegalArgumentException.class,
        () -> SymmetricEigendecomposition.factor(beyond, 2));
    assertEquals(1e-8, SymmetricEigendecomposition.SYMMETRY_TOLERANCE);
  }

  @Example
  void eigenvectorIndexOutsideTheRangeIsRefused() {
    SymmetricEigendecomposition ok =
        SymmetricEigendecomposition.factor(TestMatrices.identity(2), 2);
    expectMessage(() -> ok.eigenvector(2), "SymmetricEigendecomposition.eigenvector:", "j = 2",
        "[0, 2)");
  }

  @Example
  void solveMatchesTheClosedFormInverse() {
    // [[2, 1], [1, 2]]⁻¹ = [[2, −1], [−1, 2]]/3
    double[] x = SymmetricEigendecomposition.factor(new double[] {2, 1, 1, 2}, 2)
        .solve(new double[] {1, 5});
    assertArrayEquals(new double[] {(2 - 5) / 3.0, (-1 + 10) / 3.0}, x, 1e-15);
    // diag(1, 1e-12): κ = 1e12 is still solved, exactly as the closed form says
    double[] y = SymmetricEigendecomposition.factor(new double[] {1, 0, 0, 1e-12}, 2)
        .solve(new double[] {3, 4});
    assertArrayEquals(new double[] {3, 4e12}, y, 1e-3);
  }

  @Example
  void solveRefusesANumericallySingularMatrix() {
    // decomposing works (status OK), but κ = 1e20 > 1/(n·ε): x would carry no correct digit
    for (double small : new double[] {0, 1e-20, -1e-20}) {
      SymmetricEigendecomposition e =
          SymmetricEigendecomposition.factor(new double[] {1, 0, 0, small}, 2);
      assertTrue(e.isOk());
      IllegalStateException thrown =
          assertThrows(IllegalStateException.class, () -> e.solve(new double[] {1, 1}));
      assertTrue(thrown.getMessage().startsWith("SymmetricEigendecomposition.solve:")
          && thrown.getMessage().contains("numerically singular")
          && thrown.getMessage().contains("min|w| = " + Math.abs(small)), thrown.getMessage());
    }
  }

  @Example
  void anAsymmetryBeyondTheToleranceIsMeasuredAndTheRemedyNamed() {
    // a Hessian assembled by finite differences: asymmetric by 1e-7, 5e-8 relative to max|a| = 2
    double[] a = {1, 0.5, 0.5 + 1e-7, 2};
    double relative = Math.abs(0.5 - (0.5 + 1e-7)) / 2;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SymmetricEigendecomposition.factor(a, 2));
    assertTrue(e.getMessage().startsWith("SymmetricEigendecomposition.factor:")
        && e.getMessage().contains("relative asymmetry " + relative)
        && e.getMessage().contains("DenseMatrixOperator.symmetrized(a, n).matrix()"),
        e.getMessage());
    // the remedy the message names is accepted and decomposes (A + Aᵀ)/2
    double[] symmetric = DenseMatrixOperator.symmetrized(a, 2).matrix();
    double[] w = SymmetricEigendecomposition.factor(symmetric, 2).eigenvalues();
    double offDiagonal = 0.5 + 0.5e-7; // eigenvalues of [[1, c], [c, 2]]: 1.5 ∓ √(0.25 + c²)
    double root = Math.sqrt(0.25 + offDiagonal * offDiagonal);
    assertArrayEquals(new double[] {1.5 - root, 1.5 + root}, w, 1e-15);
  }

  @Property(tries = 100)
  void accessorsReturnCopies(@ForAll @IntRange(min = 1, max = 40) int n, @ForAll long seed) {
    double[] a = TestMatrices.randomSymmetric(new Random(seed), n);
    SymmetricEigendecomposition e = SymmetricEigendecomposition.factor(a, n);
    double first = e.eigenvalues()[0];
    e.eigenvalues()[0] = first + 1;
    e.eigenvectors()[0] = 42;
    assertEquals(first, e.eigenvalues()[0]);
    assertTrue(e.eigenvectors()[0] != 42);
  }

  @Example
  void emptyMatrix() {
    SymmetricEigendecomposition e = SymmetricEigendecomposition.factor(new double[0], 0);
    assertEquals(0, e.eigenvalues().length);
    assertEquals(0, e.eigenvectors().length);
  }
}
