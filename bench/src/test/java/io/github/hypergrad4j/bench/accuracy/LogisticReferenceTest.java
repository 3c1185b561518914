package io.github.hypergrad4j.bench.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.autodiff.Derivatives;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.ihvp.IhvpResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exact-solver reference of a problem without a closed form (breast cancer) against central
 * differences of the validation loss through re-solved inner problems, and the measurement
 * pipeline on it.
 */
class LogisticReferenceTest {

  private static StudyProblem problem;

  @BeforeAll
  static void prepare() {
    problem = ProblemCatalog.BREAST_CANCER.prepare();
  }

  @Test
  void innerProblemIsSolvedTightly() {
    assertTrue(problem.innerGradientNorm() <= ProblemCatalog.INNER_TOLERANCE,
        "|grad f| = " + problem.innerGradientNorm());
    assertEquals(31, problem.thetaSize());
    assertEquals(30, problem.lambdaSize());
    assertEquals(32, problem.referenceProducts(), "the exact solver: n products and the residual check");
  }

  @Test
  void exactReferenceMatchesCentralDifferencesThroughTheInnerSolve() {
    BilevelProblem bilevel = problem.problem();
    double scale = 0;
    for (double v : problem.exact()) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int j : new int[] {0, 7, 13, 21, 29}) {
      double step = 1e-3 * problem.lambda()[j];
      double[] plus = problem.lambda().clone();
      double[] minus = problem.lambda().clone();
      plus[j] += step;
      minus[j] -= step;
      double difference = (validationLoss(bilevel, plus) - validationLoss(bilevel, minus)) / (2 * step);
      assertEquals(problem.exact()[j], difference, 1e-6 * scale, "component " + j);
    }
  }

  private static double validationLoss(BilevelProblem bilevel, double[] lambda) {
    InnerSolve.Solution s = InnerSolve.solve(bilevel, lambda, problem.theta(), 1e-12, 5000);
    assertTrue(s.gradientNorm() < 1e-11, "re-solve: " + s.describe());
    return Derivatives.value(in -> bilevel.outer().apply(in[0], in[1], null), s.theta(), lambda);
  }

  @Test
  void measuredSolversConvergeWithEnoughProductsAndReportThem() {
    AccuracyStudy.Settings settings = new AccuracyStudy.Settings(java.util.List.of(ProblemCatalog.BREAST_CANCER),
        java.util.List.of(StudySolver.CG, StudySolver.MINRES, StudySolver.NYSTROM_GAUSSIAN), new int[] {2, 100}, 1);
    java.util.List<Measurement> rows = AccuracyStudy.measure(problem, settings);
    assertEquals(6, rows.size());
    for (Measurement m : rows) {
      if (m.budget() == 100) {
        assertTrue(m.relativeError() < 1e-10, m.toString());
        assertEquals(1.0, m.cosineSimilarity(), 1e-12, m.toString());
      } else {
        assertTrue(m.relativeError() > 1e-3, "two products cannot solve a 31-dimensional system: " + m);
      }
    }
    Measurement cg = rows.get(0);
    assertEquals(StudySolver.CG, cg.solver());
    assertEquals(3, cg.products(), "2 iterations and the residual check");
    assertEquals(IhvpResult.Status.MAX_ITERATIONS, cg.status());
    // a sketch is capped at n: budget 100 on n = 31 spends 31 products and the residual check
    assertEquals(32, rows.get(5).products());
    assertTrue(rows.stream().allMatch(m -> m.millis() > 0));
  }
}
