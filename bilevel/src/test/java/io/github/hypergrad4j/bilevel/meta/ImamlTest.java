package io.github.hypergrad4j.bilevel.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.autodiff.Derivatives;
import io.github.hypergrad4j.autodiff.TensorFunction;
import io.github.hypergrad4j.bilevel.InnerOptimizer;
import io.github.hypergrad4j.bilevel.InnerResult;
import io.github.hypergrad4j.bilevel.InnerStopping;
import io.github.hypergrad4j.ihvp.IhvpResult;
import io.github.hypergrad4j.ihvp.SolverOptions;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** iMAML's meta-gradient against central differences and against the closed form on a quadratic. */
class ImamlTest {

  private static final InnerStopping EXACT = new InnerStopping(1e-12, 10_000);
  private static final SolverOptions CG_EXACT = SolverOptions.defaults().withTolerance(1e-13);

  /**
   * The tanh network 1–3–1 (10 parameters), λ = 2: each entry of the meta-gradient against
   * (L_test(θ*(φ + h e_i)) − L_test(θ*(φ − h e_i)))/2h with θ* re-solved by L-BFGS to ‖∇‖ ≤ 1e-12;
   * h = 1e-5 (truncation h²·L‴ ≈ 1e-10; rounding ≈ 1e-12/h = 1e-7 relative to the entries at most,
   * since each re-solve is exact to 1e-12); measured: 9e-11 relative error (2-norm).
   */
  @Test
  void matchesCentralDifferencesThroughTheResolvedProximalProblem() {
    SplittableRandom random = new SplittableRandom(7);
    MetaTask task = Fixtures.netTask(random, 8);
    double[] phi = Fixtures.randomVector(random, Fixtures.NET_SIZE, 0.8);
    Imaml imaml = new Imaml(2.0, InnerOptimizer.lbfgs(), EXACT, CG_EXACT);
    TaskGradient g = imaml.compute(task, phi);
    assertTrue(g.solve().converged(), g.solve().detail());
    double[] fd = Fixtures.centralDifferences(p -> testLossAtOptimum(imaml, task, p), phi, 1e-5);
    assertTrue(Fixtures.relativeError(g.gradient(), fd) < 1e-6,
        "relative error " + Fixtures.relativeError(g.gradient(), fd));
  }

  private static double testLossAtOptimum(Imaml imaml, MetaTask task, double[] phi) {
    InnerResult r = imaml.adapt(task, phi);
    assertTrue(r.converged(), "inner solve: " + r.status() + ", |grad| = " + r.gradientNorm());
    return Derivatives.value(task.testLoss(), r.theta());
  }

  /**
   * L_train = ½‖R(θ − a)‖² (H = RᵀR), L_test = ½‖S(θ − c)‖²: θ* = (H + λI)⁻¹(Ha + λφ) and the
   * meta-gradient (I + H/λ)⁻¹ ∇L_test(θ*), both by a dense solve.
   */
  @Test
  void equalsTheClosedFormOnAQuadratic() {
    int d = 6;
    int m = 8;
    double lambda = 0.7;
    Fixtures.QuadraticCase q = Fixtures.QuadraticCase.draw(11, d, m);
    MetaTask task = q.task();
    double[] a = q.a();
    double[] c = q.c();
    double[] phi = q.phi();
    TaskGradient g = new Imaml(lambda, InnerOptimizer.lbfgs(), EXACT, CG_EXACT).compute(task, phi);

    double[][] hr = q.trainHessian();
    double[][] hs = q.testHessian();
    double[][] shifted = new double[d][d];
    double[][] system = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        shifted[i][j] = hr[i][j] + (i == j ? lambda : 0);
        system[i][j] = hr[i][j] / lambda + (i == j ? 1 : 0);
      }
    }
    double[] rhs = Fixtures.multiply(hr, a);
    for (int i = 0; i < d; i++) {
      rhs[i] += lambda * phi[i];
    }
    double[] thetaStar = Fixtures.solve(shifted, rhs);
    double[] diff = thetaStar.clone();
    for (int i = 0; i < d; i++) {
      diff[i] -= c[i];
    }
    double[] testGradient = Fixtures.multiply(hs, diff);
    double[] want = Fixtures.solve(system, testGradient);
    assertTrue(Fixtures.relativeError(g.gradient(), want) < 1e-9,
        "relative error " + Fixtures.relativeError(g.gradient(), want));
    assertEquals(IhvpResult.Status.CONVERGED, g.solve().status());
    assertTrue(g.hessianVectorProducts() >= 1 && g.hessianVectorProducts() <= d + 1,
        "CG on a " + d + "-dimensional system: " + g.hessianVectorProducts() + " products");
  }

  /** A CG budget is honoured and reported: 1 iteration on a 6-dimensional system does not converge. */
  @Test
  void reportsTheBudgetedSolve() {
    int d = 6;
    SplittableRandom random = new SplittableRandom(3);
    double[] r = Fixtures.randomVector(random, d * d, 1.0);
    TensorFunction q = Fixtures.quadratic(r, d, Fixtures.randomVector(random, d, 1.0));
    MetaTask task = new MetaTask(q, Fixtures.quadratic(r, d, Fixtures.randomVector(random, d, 1.0)));
    TaskGradient g = new Imaml(0.1, InnerOptimizer.lbfgs(), EXACT, SolverOptions.budget(1))
        .compute(task, new double[d]);
    assertEquals(1, g.solve().iterations());
    assertEquals(IhvpResult.Status.MAX_ITERATIONS, g.solve().status());
    assertTrue(g.solve().relativeResidual() > 1e-6);
  }
}
