package io.github.hypergrad4j.bench.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.HypergradientResult;
import io.github.hypergrad4j.bilevel.ImplicitHypergradient;
import io.github.hypergrad4j.ihvp.ExactSolver;
import io.github.hypergrad4j.ihvp.SolverOptions;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The study's closed-form anchor is right, and the autodiff + exact-solver path agrees with it. */
class RidgeReferenceTest {

  private static final RidgeProblem RIDGE = RidgeProblem.diabetes(ProblemCatalog.SPLIT_SEED);

  /** The study's λ (1e-2 everywhere) and a spread one, log-uniform in [1e-3, 1e0]. */
  private static double[][] lambdas() {
    double[] uniform = new double[RIDGE.features()];
    java.util.Arrays.fill(uniform, 1e-2);
    SplittableRandom random = new SplittableRandom(3);
    double[] spread = new double[RIDGE.features()];
    for (int j = 0; j < spread.length; j++) {
      spread[j] = Math.pow(10, -3 + 3 * random.nextDouble());
    }
    return new double[][] {uniform, spread};
  }

  @Test
  void closedFormHypergradientMatchesCentralDifferencesOfTheValidationLoss() {
    for (double[] lambda : lambdas()) {
      double[] exact = RIDGE.hypergradient(lambda);
      double[] differences = new double[lambda.length];
      for (int j = 0; j < lambda.length; j++) {
        double step = 1e-4 * lambda[j];
        double[] plus = lambda.clone();
        double[] minus = lambda.clone();
        plus[j] += step;
        minus[j] -= step;
        differences[j] = (RIDGE.validationLoss(RIDGE.solution(plus)) - RIDGE.validationLoss(RIDGE.solution(minus)))
            / (2 * step);
      }
      double error = ErrorMetrics.relativeError(differences, exact);
      assertTrue(error < 1e-6, "closed form vs central differences: relative error " + error);
    }
  }

  @Test
  void closedFormSolutionIsStationaryForTheAutodiffObjective() {
    for (double[] lambda : lambdas()) {
      BilevelProblem problem = RIDGE.problem(lambda);
      double norm = InnerSolve.gradientNorm(problem, RIDGE.solution(lambda), lambda);
      assertTrue(norm < 1e-13, "|grad f| at the closed-form solution: " + norm);
    }
  }

  @Test
  void exactSolverHypergradientMatchesTheClosedForm() {
    for (double[] lambda : lambdas()) {
      BilevelProblem problem = RIDGE.problem(lambda);
      HypergradientResult r = ImplicitHypergradient.builder(new ExactSolver())
          .solverOptions(SolverOptions.defaults().withTolerance(1e-12)).build()
          .compute(problem, RIDGE.solution(lambda), lambda);
      double error = ErrorMetrics.relativeError(r.hypergradient(), RIDGE.hypergradient(lambda));
      assertTrue(error < 1e-10, "exact solver vs closed form: relative error " + error);
      assertEquals(RIDGE.features() + 1, r.solve().operatorApplications(), "n products and the residual check");
    }
  }

  @Test
  void preparedRidgeProblemCarriesTheClosedForm() {
    StudyProblem p = ProblemCatalog.RIDGE.prepare();
    assertEquals("ridge", p.name());
    assertEquals(10, p.thetaSize());
    assertEquals(10, p.lambdaSize());
    assertEquals(0.0, ErrorMetrics.relativeError(p.exact(), RIDGE.hypergradient(p.lambda())), 0.0);
    assertTrue(p.innerGradientNorm() < 1e-13);
    assertTrue(p.smallestEigenvalue() > 1e-2, "A = X^T X/n + 1e-2 I has eigenvalues above 1e-2");
  }
}
