package io.github.hypergrad4j.bilevel.unrolled;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bilevel.BilevelProblem;
import org.junit.jupiter.api.Test;

/**
 * On ridge regression (strongly convex: diabetes, 100 training rows, split seed 2, f = ½·mean(r²)
 * + ½Σλ_jθ_j²) the unrolled hypergradient of λ converges, as T grows, to the hypergradient of the
 * implicit function theorem in closed form (Cholesky solves of the {@code bilevel} tests'
 * {@code RidgeClosedForm}: dG/dλ_j = −θ*_j·(A⁻¹∇_θ g)_j): the run converges linearly to θ*, and
 * so does the derivative of the run. From θ₀ = 0 with gradient descent (α = 0.3) and heavy ball
 * (α = 0.3, γ = 0.9), for one global penalty and one per feature, the relative error is measured
 * at 2·10⁻² – 9·10⁻² after 100 steps, 2·10⁻⁶ – 6·10⁻⁵ after 300, and below 10⁻⁷ after 500 (10⁻¹⁴
 * after 1000, rounding): the test asserts that it falls and is at most 10⁻⁶ at T = 500.
 */
class RidgeConvergenceTest {

  static final SharedTestData.Split DATA = SharedTestData.diabetes(2, 100);
  static final SharedTestData.Ridge RIDGE = new SharedTestData.Ridge(DATA, 0.5);

  @Test
  void theUnrolledHypergradientOfLambdaConvergesToTheImplicitOne() {
    double[][] lambdas = {{0.1}, {0.3, 0.01, 1, 2, 0.5, 0.002, 0.2, 0.07, 3, 0.9}};
    for (double[] lambda : lambdas) {
      BilevelProblem problem = BilevelProblem.builder().inner(RIDGE.inner()).outer(RIDGE.outer())
          .initialTheta(new double[DATA.d()]).initialLambda(lambda).build();
      double[] implicit = RIDGE.hypergradient(lambda);
      for (boolean momentum : new boolean[] {false, true}) {
        double previous = Double.POSITIVE_INFINITY;
        for (int steps : new int[] {100, 300, 500}) {
          UnrolledOptimizer optimizer = momentum
              ? HeavyBall.of(Schedule.constant(steps, 0.3), Schedule.constant(steps, 0.9))
              : Sgd.of(Schedule.constant(steps, 0.3));
          UnrolledResult r = ReverseModeHypergradient.builder(optimizer).wrt(HyperparameterKind.LAMBDA).build()
              .run(problem, lambda);
          assertEquals(UnrolledResult.Status.OK, r.status(), r.detail());
          double error = TestProblems.relativeError(r.gradient(HyperparameterKind.LAMBDA), implicit);
          String what = optimizer.name() + ", " + lambda.length + " penalties, T = " + steps;
          assertTrue(error < previous, what + ": error " + error + " did not fall below " + previous);
          previous = error;
          if (steps == 500) {
            assertTrue(error <= 1e-6, what + ": relative error " + error);
            assertArrayEquals(RIDGE.thetaStar(lambda), r.theta(), 1e-6, what + ": theta_T is theta*");
          }
        }
      }
    }
  }
}
