package io.github.hypergrad4j.bilevel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The inner optimisers against known minima. The main anchor is a strongly convex quadratic
 * f(x) = ½(x − x*)ᵀQ(x − x*) with Q = U·diag(q)·Uᵀ of known spectrum q ⊂ [m, L] = [1, 10] (U a
 * random orthogonal matrix): the minimiser x* is known, ∇f = Q(x − x*), and ‖x − x*‖ ≤ ‖∇f‖/m,
 * so a reported gradient norm bounds the distance to x*. Step sizes follow from the spectrum:
 * gradient descent with η = 1/L, heavy ball with Polyak's optimal η = 4/(√L + √m)² and μ =
 * ((√κ − 1)/(√κ + 1))².
 */
class InnerOptimizerTest {

  static final double M = 1;
  static final double L = 10;

  /** ½(x − x*)ᵀQ(x − x*) of dimension n, with gradient; Q and x* drawn from the seed. */
  static final class Quadratic implements DifferentiableFunction {
    final int n;
    final double[] q; // n × n, row-major
    final double[] xStar;
    final boolean expanded; // evaluate as ½xᵀQx − bᵀx with b = Qx* (same f up to a constant)
    final double[] b;

    Quadratic(int n, long seed, boolean expanded) {
      this(n, seed, expanded, M, L);
    }

    /** With the spectrum spread evenly over [lo, hi]. */
    Quadratic(int n, long seed, boolean expanded, double lo, double hi) {
      this.n = n;
      this.expanded = expanded;
      Random r = new Random(seed);
      double[][] u = new double[n][n];
      for (int i = 0; i < n; i++) { // Gram-Schmidt of Gaussian columns
        for (int k = 0; k < n; k++) {
          u[i][k] = r.nextGaussian();
        }
        for (int j = 0; j < i; j++) {
          double dot = 0;
          for (int k = 0; k < n; k++) {
            dot += u[i][k] * u[j][k];
          }
          for (int k = 0; k < n; k++) {
            u[i][k] -= dot * u[j][k];
          }
        }
        double norm = 0;
        for (int k = 0; k < n; k++) {
          norm += u[i][k] * u[i][k];
        }
        norm = Math.sqrt(norm);
        for (int k = 0; k < n; k++) {
          u[i][k] /= norm;
        }
      }
      double[] eig = new double[n];
      for (int i = 0; i < n; i++) {
        eig[i] = n == 1 ? hi : lo + (hi - lo) * i / (n - 1.0); // both ends of [m, L] are present
      }
      q = new double[n * n];
      for (int a = 0; a < n; a++) {
        for (int b = 0; b < n; b++) {
          double s = 0;
          for (int i = 0; i < n; i++) {
            s += u[i][a] * eig[i] * u[i][b];
          }
          q[a * n + b] = s;
        }
      }
      xStar = new double[n];
      for (int i = 0; i < n; i++) {
        xStar[i] = 1 + r.nextGaussian();
      }
      b = new double[n];
      for (int a = 0; a < n; a++) {
        for (int c = 0; c < n; c++) {
          b[a] += q[a * n + c] * xStar[c];
        }
      }
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
      if (expanded) {
        double v = 0;
        for (int a = 0; a < n; a++) {
          double s = 0;
          for (int c = 0; c < n; c++) {
            s += q[a * n + c] * x[c];
          }
          gradient[a] = s - b[a];
          v += 0.5 * x[a] * s - b[a] * x[a];
        }
        return v;
      }
      double v = 0;
      for (int a = 0; a < n; a++) {
        double s = 0;
        for (int b = 0; b < n; b++) {
          s += q[a * n + b] * (x[b] - xStar[b]);
        }
        gradient[a] = s;
        v += 0.5 * (x[a] - xStar[a]) * s;
      }
      return v;
    }

    double gradientNorm(double[] x) {
      double[] g = new double[n];
      valueAndGradient(x, g);
      return norm(g);
    }

    double value(double[] x) {
      return valueAndGradient(x, new double[n]);
    }
  }

  static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s);
  }

  static InnerOptimizer[] optimizers() {
    double sk = Math.sqrt(L / M);
    return new InnerOptimizer[] {
      InnerOptimizer.gradientDescent(1 / L),
      InnerOptimizer.heavyBall(4 / Math.pow(Math.sqrt(L) + Math.sqrt(M), 2), Math.pow((sk - 1) / (sk + 1), 2)),
      InnerOptimizer.adam(0.05),
      InnerOptimizer.lbfgs(),
    };
  }

  @Property(tries = 25, seed = "7301")
  void everyOptimizerReachesTheKnownMinimumOfAStronglyConvexQuadratic(
      @ForAll @IntRange(min = 1, max = 30) int n, @ForAll long seed) {
    Quadratic f = new Quadratic(n, seed, false);
    double tol = 1e-9;
    for (InnerOptimizer opt : optimizers()) {
      InnerResult r = opt.minimize(f, new double[n], new InnerStopping(tol, 20000));
      String what = opt.name() + " n=" + n + ": " + r;
      assertEquals(InnerResult.Status.CONVERGED, r.status(), what);
      double trueNorm = f.gradientNorm(r.theta());
      assertEquals(trueNorm, r.gradientNorm(), 1e-12 * trueNorm + 1e-300, what + " reports a wrong gradient norm");
      assertTrue(trueNorm <= tol, what);
      assertEquals(f.value(r.theta()), r.value(), 0.0, what + " reports a wrong value");
      assertTrue(distance(r.theta(), f.xStar) <= tol / M * (1 + 1e-9), what + ": |x - x*| = " + distance(r.theta(), f.xStar));
      assertTrue(r.iterations() < 20000 && r.gradientEvaluations() >= r.iterations(), what);
    }
  }

  @Test
  void theStartingPointIsNotModified() {
    Quadratic f = new Quadratic(5, 3, false);
    double[] x0 = {0.5, -1, 2, 0, 3};
    for (InnerOptimizer opt : optimizers()) {
      opt.minimize(f, x0, new InnerStopping(1e-8, 1000));
      assertArrayEquals(new double[] {0.5, -1, 2, 0, 3}, x0, 0.0, opt.name());
    }
  }

  @Test
  void anIterationBudgetEndsWithMaxIterationsAndTheTruePoint() {
    Quadratic f = new Quadratic(12, 4, false);
    for (InnerOptimizer opt : optimizers()) {
      InnerResult r = opt.minimize(f, new double[12], new InnerStopping(1e-12, 5));
      assertEquals(InnerResult.Status.MAX_ITERATIONS, r.status(), opt.name());
      assertEquals(5, r.iterations(), opt.name());
      assertEquals(f.gradientNorm(r.theta()), r.gradientNorm(), 1e-12 * r.gradientNorm(), opt.name());
      assertTrue(r.gradientNorm() > 1e-12, opt.name());
      InnerResult none = opt.minimize(f, new double[12], new InnerStopping(1e-12, 0));
      assertEquals(InnerResult.Status.MAX_ITERATIONS, none.status(), opt.name());
      assertEquals(0, none.iterations(), opt.name());
      assertArrayEquals(new double[12], none.theta(), 0.0, opt.name());
    }
  }

  @Test
  void aStartAtTheMinimumConvergesAtOnce() {
    Quadratic f = new Quadratic(6, 5, false);
    for (InnerOptimizer opt : optimizers()) {
      InnerResult r = opt.minimize(f, f.xStar, new InnerStopping(1e-12, 100));
      assertEquals(InnerResult.Status.CONVERGED, r.status(), opt.name());
      assertEquals(0, r.iterations(), opt.name());
      assertArrayEquals(f.xStar, r.theta(), 0.0, opt.name());
    }
  }

  /** Gradient descent with η = 20/L: the error grows by up to |1 − ηL| = 19 per step. */
  @Test
  void gradientDescentWithAStepFarTooLargeDivergesAndKeepsAFinitePoint() {
    Quadratic f = new Quadratic(8, 6, false);
    InnerResult r = InnerOptimizer.gradientDescent(20 / L).minimize(f, new double[8], new InnerStopping(1e-10, 10000));
    assertEquals(InnerResult.Status.DIVERGED, r.status(), r.toString());
    assertTrue(r.iterations() < 100, "divergence should be seen early: " + r);
    for (double v : r.theta()) {
      assertTrue(Double.isFinite(v), r.toString());
    }
    assertTrue(Double.isFinite(r.value()) && Double.isFinite(r.gradientNorm()), r.toString());
    assertEquals(f.value(r.theta()), r.value(), 0.0);
    assertEquals(f.gradientNorm(r.theta()), r.gradientNorm(), 0.0);
  }

  /**
   * A step so large that f overflows to +∞ after one step: θ is the last point where f and ∇f
   * were finite, the start.
   */
  @Test
  void anOverflowingStepReturnsTheLastFinitePoint() {
    Quadratic f = new Quadratic(4, 7, false);
    double[] x0 = {0.1, 0.2, 0.3, 0.4};
    for (InnerOptimizer opt : new InnerOptimizer[] {
      InnerOptimizer.gradientDescent(1e200), InnerOptimizer.heavyBall(1e200, 0.5)}) {
      InnerResult r = opt.minimize(f, x0, new InnerStopping(1e-10, 100));
      assertEquals(InnerResult.Status.DIVERGED, r.status(), opt.name());
      assertArrayEquals(x0, r.theta(), 0.0, opt.name());
      assertEquals(f.value(x0), r.value(), 0.0, opt.name());
    }
  }

  /** A function that is NaN from the start: DIVERGED at once, never CONVERGED. */
  @Test
  void aNonFiniteFunctionIsReportedAsDiverged() {
    DifferentiableFunction nan = (x, g) -> {
      java.util.Arrays.fill(g, Double.NaN);
      return Double.NaN;
    };
    for (InnerOptimizer opt : optimizers()) {
      InnerResult r = opt.minimize(nan, new double[3], new InnerStopping(1e-6, 100));
      assertEquals(InnerResult.Status.DIVERGED, r.status(), opt.name());
    }
  }

  /** Rosenbrock f(x, y) = (1 − x)² + 100(y − x²)², nonconvex, minimum 0 at (1, 1). */
  @Test
  void lbfgsConvergesOnRosenbrock() {
    DifferentiableFunction rosenbrock = (x, g) -> {
      double a = 1 - x[0];
      double b = x[1] - x[0] * x[0];
      g[0] = -2 * a - 400 * x[0] * b;
      g[1] = 200 * b;
      return a * a + 100 * b * b;
    };
    InnerResult r = InnerOptimizer.lbfgs().minimize(rosenbrock, new double[] {-1.2, 1}, new InnerStopping(1e-10, 1000));
    assertEquals(InnerResult.Status.CONVERGED, r.status(), r.toString());
    // near (1, 1) the Hessian's smallest eigenvalue is about 0.4, so |x − x*| ≲ 2.5·|∇f|
    assertEquals(1.0, r.theta()[0], 1e-9);
    assertEquals(1.0, r.theta()[1], 1e-9);
    assertTrue(r.iterations() < 200, r.toString());
  }

  /**
   * The extended Rosenbrock function in 20 dimensions (10 coupled pairs, Moré, Garbow and
   * Hillstrom 1981, problem 21), from their standard start (−1.2, 1, −1.2, 1, …); minimum 0 at
   * (1, …, 1), the only stationary point.
   */
  @Test
  void lbfgsConvergesOnTheExtendedRosenbrockFunction() {
    int n = 20;
    DifferentiableFunction f = (x, g) -> {
      double v = 0;
      for (int i = 0; i < n; i += 2) {
        double a = 1 - x[i];
        double b = x[i + 1] - x[i] * x[i];
        v += a * a + 100 * b * b;
        g[i] = -2 * a - 400 * x[i] * b;
        g[i + 1] = 200 * b;
      }
      return v;
    };
    double[] x0 = new double[n];
    for (int i = 0; i < n; i += 2) {
      x0[i] = -1.2;
      x0[i + 1] = 1;
    }
    InnerResult r = InnerOptimizer.lbfgs().minimize(f, x0, new InnerStopping(1e-9, 5000));
    assertEquals(InnerResult.Status.CONVERGED, r.status(), r.toString());
    for (double v : r.theta()) {
      assertEquals(1.0, v, 1e-8);
    }
  }

  /**
   * The same kind of quadratic (10 dimensions, spectrum [1, 1000]) in its textbook form
   * ½xᵀQx − bᵀx (b = Qx*): the same minimiser and gradient, but f* = −½x*ᵀQx* is in the
   * thousands and each value carries rounding noise of about ε·Σ|terms|. ∇f = Qx − b is still
   * computed to about ε·L·‖x*‖ ≈ 10⁻¹², so 1e-10 is a fair tolerance (the centred form of the
   * same functions converges to it in about 45 iterations).
   */
  @Test
  void lbfgsReachesATightToleranceWhenTheValuesOfFAreNoisy() {
    for (long seed = 1; seed <= 3; seed++) {
      Quadratic f = new Quadratic(10, seed, true, 1, 1000);
      InnerResult r = InnerOptimizer.lbfgs().minimize(f, new double[10], new InnerStopping(1e-10, 3000));
      assertEquals(InnerResult.Status.CONVERGED, r.status(), "seed " + seed + ": " + r);
      assertTrue(distance(r.theta(), f.xStar) <= 1e-10, "seed " + seed);
    }
  }

  /**
   * Its Javadoc: "halving α at most 50 times (then LINE_SEARCH_FAILED: no decrease at the
   * precision of f)". With a tolerance below what rounding allows (0) on the textbook-form
   * quadratic above, the run must end with
   * LINE_SEARCH_FAILED (or CONVERGED, should ∇f be exactly 0) well before a large budget.
   */
  @Test
  void lbfgsReportsLineSearchFailedWhenNoDecreaseIsPossible() {
    Quadratic f = new Quadratic(10, 8, true);
    InnerResult r = InnerOptimizer.lbfgs().minimize(f, new double[10], new InnerStopping(0, 5000));
    assertNotEquals(InnerResult.Status.MAX_ITERATIONS, r.status(), r.toString());
    assertTrue(r.iterations() < 5000, r.toString());
  }
}
