package io.github.hypergrad4j.bilevel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.ihvp.ExactSolver;
import org.junit.jupiter.api.Test;

/**
 * The conveniences of the problem and the settings: full-batch objectives without a batch
 * argument, values of f and g at a point (against the ridge closed form), L-BFGS with a chosen
 * memory (against a quadratic of known minimum), and the inner stopping rule's defaults.
 */
class ConvenienceTest {

  static final TestData.Split DATA = RidgeHypergradientTest.DATA;
  static final RidgeClosedForm RIDGE = RidgeHypergradientTest.HALF;
  static final double[] LAMBDA = StochasticModeTest.LAMBDA;
  static final double[] THETA = StochasticModeTest.THETA;

  static BilevelProblem.Builder fullBatchRidge() {
    Objective inner = RIDGE.inner();
    Objective outer = RIDGE.outer();
    return BilevelProblem.builder()
        .inner(Objective.fullBatch((theta, lambda) -> inner.apply(theta, lambda, null)))
        .outer(Objective.fullBatch((theta, lambda) -> outer.apply(theta, lambda, null)))
        .initialTheta(new double[DATA.d()])
        .initialLambda(LAMBDA);
  }

  @Test
  void aFullBatchObjectiveGivesTheClosedFormHypergradient() {
    HypergradientResult r = ImplicitHypergradient.builder(new ExactSolver()).solverOptions(RidgeHypergradientTest.TIGHT)
        .build().compute(fullBatchRidge().build(), THETA, LAMBDA);
    double error = RidgeHypergradientTest.relativeError(r.hypergradient(), RIDGE.hypergradient(LAMBDA));
    assertTrue(error <= RidgeHypergradientTest.TOLERANCE, "full-batch objective vs closed form: " + error);
  }

  /** Called with a mini-batch, a full-batch objective refuses rather than silently using all rows. */
  @Test
  void aFullBatchObjectiveRefusesAMiniBatch() {
    BilevelProblem problem = fullBatchRidge().trainingExamples(DATA.nTrain()).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ImplicitHypergradient.builder(new ExactSolver()).stochastic(20, 1).build().compute(problem, THETA, LAMBDA));
    assertEquals("Objective.fullBatch: this objective is full-batch, but it was called with a batch of 20 examples",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Objective.fullBatch(null));
  }

  /** f = ½·mean((Xθ − y)²) + ½·Σλ_jθ_j² and g = mean((Vθ − v)²), summed here by hand. */
  @Test
  void innerAndOuterValuesAreTheObjectivesAtThePoint() {
    BilevelProblem problem = RidgeHypergradientTest.problem(LAMBDA);
    int d = DATA.d();
    double f = 0;
    for (int i = 0; i < DATA.nTrain(); i++) {
      double r = -DATA.yTrain()[i];
      for (int j = 0; j < d; j++) {
        r += DATA.xTrain()[i * d + j] * THETA[j];
      }
      f += 0.5 * r * r / DATA.nTrain();
    }
    for (int j = 0; j < d; j++) {
      f += 0.5 * LAMBDA[j] * THETA[j] * THETA[j];
    }
    assertEquals(f, problem.innerValue(THETA, LAMBDA), 1e-12 * f);
    double g = RIDGE.validationLoss(THETA);
    assertEquals(g, problem.outerValue(THETA, LAMBDA), 1e-12 * g);
    double[] theta = THETA.clone();
    problem.outerValue(theta, LAMBDA);
    assertArrayEquals(THETA, theta, 0.0, "the point is not modified");
  }

  /**
   * On a quadratic with eigenvalues spread over [1, 10³] every memory reaches the known minimum;
   * one pair needs more iterations than twenty; a memory far above the budget behaves exactly like
   * one equal to it (and allocates no more).
   */
  @Test
  void lbfgsTakesItsMemory() {
    int n = 30;
    InnerOptimizerTest.Quadratic f = new InnerOptimizerTest.Quadratic(n, 11, false, 1, 1e3);
    InnerStopping stopping = InnerStopping.defaults().withGradientTolerance(1e-9).withMaxIterations(5000);
    int[] iterations = new int[3];
    int[] memories = {1, 20, Integer.MAX_VALUE};
    for (int k = 0; k < memories.length; k++) {
      InnerOptimizer opt = InnerOptimizer.lbfgs(memories[k]);
      assertEquals("lbfgs(" + memories[k] + ")", opt.name());
      InnerResult r = opt.minimize(f, new double[n], stopping);
      assertEquals(InnerResult.Status.CONVERGED, r.status(), opt.name() + ": " + r);
      // the smallest eigenvalue is 1, so |x − x*| ≤ |∇f| ≤ 1e-9
      assertTrue(InnerOptimizerTest.distance(r.theta(), f.xStar) <= 1e-9 * (1 + 1e-9), opt.name());
      iterations[k] = r.iterations();
    }
    assertTrue(iterations[0] > iterations[1], "one pair " + iterations[0] + " vs twenty " + iterations[1]);
    InnerStopping short10 = stopping.withMaxIterations(10);
    InnerResult huge = InnerOptimizer.lbfgs(Integer.MAX_VALUE).minimize(f, new double[n], short10);
    InnerResult ten = InnerOptimizer.lbfgs(10).minimize(f, new double[n], short10);
    assertArrayEquals(ten.theta(), huge.theta(), 0.0);
    assertThrows(IllegalArgumentException.class, () -> InnerOptimizer.lbfgs(-3));
  }

  @Test
  void innerStoppingHasDefaultsAndDerivesCheckedCopies() {
    InnerStopping d = InnerStopping.defaults();
    assertEquals(new InnerStopping(1e-6, 1000), d);
    assertEquals(new InnerStopping(1e-9, 1000), d.withGradientTolerance(1e-9));
    assertEquals(new InnerStopping(1e-6, 7), d.withMaxIterations(7));
    assertEquals(new InnerStopping(1e-6, 1000), d, "the defaults are not changed by deriving");
    assertThrows(IllegalArgumentException.class, () -> d.withGradientTolerance(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> d.withMaxIterations(-1));
  }
}
