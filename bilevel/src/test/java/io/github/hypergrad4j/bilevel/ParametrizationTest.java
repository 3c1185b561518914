package io.github.hypergrad4j.bilevel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The parametrisations λ = φ(u): φ⁻¹(φ(u)) = u and φ(φ⁻¹(λ)) = λ to within the conditioning of
 * φ; the chain rule dg/du = φ′(u) ⊙ dg/dλ against central differences of a known g(φ(u)); and
 * values of λ outside the range rejected with a message naming the entry.
 */
class ParametrizationTest {

  static final double EPS = Math.ulp(1.0);

  static double[] toArray(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Property(tries = 100, seed = "9101")
  void identityRoundTripsExactly(@ForAll @Size(min = 1, max = 8) List<@DoubleRange(min = -1e6, max = 1e6) Double> values) {
    double[] u = toArray(values);
    Parametrization p = Parametrization.identity();
    assertArrayEquals(u, p.fromLambda(p.toLambda(u)), 0.0);
    assertArrayEquals(u, p.toLambda(u), 0.0);
  }

  @Property(tries = 200, seed = "9102")
  void expRoundTrips(@ForAll @Size(min = 1, max = 8) List<@DoubleRange(min = -30, max = 30) Double> values) {
    double[] u = toArray(values);
    Parametrization p = Parametrization.exp();
    double[] lambda = p.toLambda(u);
    double[] back = p.fromLambda(lambda);
    for (int i = 0; i < u.length; i++) {
      assertTrue(lambda[i] > 0);
      assertEquals(Math.exp(u[i]), lambda[i], 0.0);
      // log(exp(u)): the rounding of exp(u) is relative, so it moves u by about ε absolutely
      assertEquals(u[i], back[i], 4 * EPS * (1 + Math.abs(u[i])));
    }
    double[] again = p.toLambda(back);
    for (int i = 0; i < u.length; i++) {
      assertEquals(lambda[i], again[i], 8 * EPS * (1 + Math.abs(u[i])) * lambda[i]);
    }
  }

  @Property(tries = 200, seed = "9103")
  void boxRoundTripsWithinItsConditioning(
      @ForAll @DoubleRange(min = -10, max = 10) double lo,
      @ForAll @DoubleRange(min = 0.01, max = 10) double width,
      @ForAll @DoubleRange(min = -15, max = 15) double u) {
    double hi = lo + width;
    Parametrization p = Parametrization.box(lo, hi);
    double lambda = p.toLambda(new double[] {u})[0];
    assertTrue(lambda > lo && lambda < hi, "lambda " + lambda + " outside (" + lo + ", " + hi + ")");
    double s = 1 / (1 + Math.exp(-u));
    assertEquals(lo + width * s, lambda, 4 * EPS * (Math.abs(lo) + Math.abs(hi)));
    double back = p.fromLambda(new double[] {lambda})[0];
    // λ carries a rounding error of about ε·(|lo| + |hi|), which φ⁻¹ amplifies by 1/φ′(u)
    double slope = width * s * (1 - s);
    double tolerance = 8 * EPS * (Math.abs(lo) + Math.abs(hi) + width) / slope + 8 * EPS * (1 + Math.abs(u));
    assertEquals(u, back, tolerance);
  }

  @Property(tries = 100, seed = "9104")
  void chainRuleMatchesCentralDifferences(
      @ForAll @Size(min = 1, max = 6) List<@DoubleRange(min = -3, max = 3) Double> values) {
    double[] u = toArray(values);
    double[] c = new double[u.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = 0.5 + i; // G(λ) = Σ c_i λ_i + ½ Σ λ_i³ / 3, dG/dλ_i = c_i + λ_i² / 2
    }
    for (Parametrization p : new Parametrization[] {
      Parametrization.identity(), Parametrization.exp(), Parametrization.box(-2, 5)}) {
      double[] lambda = p.toLambda(u);
      double[] dgdl = new double[u.length];
      for (int i = 0; i < u.length; i++) {
        dgdl[i] = c[i] + lambda[i] * lambda[i] / 2;
      }
      double[] dgdu = p.chainRule(u, dgdl);
      for (int i = 0; i < u.length; i++) {
        double h = 1e-5;
        double[] plus = u.clone();
        double[] minus = u.clone();
        plus[i] += h;
        minus[i] -= h;
        double fd = (g(p.toLambda(plus), c) - g(p.toLambda(minus), c)) / (2 * h);
        assertEquals(fd, dgdu[i], 1e-7 * (1 + Math.abs(fd)), p.description() + " entry " + i);
      }
    }
  }

  private static double g(double[] lambda, double[] c) {
    double s = 0;
    for (int i = 0; i < lambda.length; i++) {
      s += c[i] * lambda[i] + lambda[i] * lambda[i] * lambda[i] / 6;
    }
    return s;
  }

  @Test
  void expRejectsNonPositiveAndNonFiniteLambdaNamingTheEntry() {
    Parametrization p = Parametrization.exp();
    for (double bad : new double[] {0.0, -0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> p.fromLambda(new double[] {1.0, bad}));
      assertTrue(e.getMessage().contains("lambda[1]") && e.getMessage().contains(String.valueOf(bad)),
          e.getMessage());
    }
  }

  @Test
  void boxRejectsLambdaOnOrOutsideItsBoundsNamingTheRange() {
    Parametrization p = Parametrization.box(0, 1);
    for (double bad : new double[] {0.0, 1.0, -0.5, 1.5, Double.NaN}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> p.fromLambda(new double[] {0.5, 0.25, bad}));
      assertTrue(e.getMessage().contains("lambda[2]") && e.getMessage().contains("(0.0, 1.0)"), e.getMessage());
    }
  }

  @Test
  void boxRejectsAnEmptyOrInfiniteRange() {
    for (double[] b : new double[][] {{1, 1}, {2, 1}, {0, Double.POSITIVE_INFINITY}, {Double.NaN, 1}, {0, Double.NaN}}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parametrization.box(b[0], b[1]));
      assertTrue(e.getMessage().contains("lo < hi"), e.getMessage());
    }
  }

  @Test
  void aProblemWhoseInitialLambdaIsOutsideItsParametrizationIsRejectedAtBuild() {
    BilevelProblem.Builder b = BilevelProblem.builder()
        .inner((t, l, batch) -> t.square().sum().add(l.sum()))
        .outer((t, l, batch) -> t.sum())
        .initialTheta(new double[] {1, 2})
        .initialLambda(new double[] {0.5, -1})
        .parametrization(Parametrization.exp());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
    assertTrue(e.getMessage().contains("lambda[1]"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> b.initialLambda(new double[] {0.5, 2}).parametrization(Parametrization.box(0, 1)).build());
  }

  @Test
  void descriptionsNameTheMap() {
    assertEquals("identity", Parametrization.identity().description());
    assertEquals("exp", Parametrization.exp().description());
    assertTrue(Parametrization.box(0, 1).description().startsWith("box("));
  }

  /**
   * The Javadoc promises λ "kept strictly inside (lo, hi)". In floating point σ(u) rounds to 1
   * for u ≳ 37, so λ = hi exactly; the outer loop's u is unbounded, so such u can be reached.
   */
  @Test
  void boxKeepsLambdaStrictlyInsideForEveryFiniteU() {
    Parametrization p = Parametrization.box(1, 2);
    double[] lambda = p.toLambda(new double[] {40, -40, 800, -800});
    for (double l : lambda) {
      assertTrue(l > 1 && l < 2, "lambda = " + l);
    }
  }
}
