package io.github.hypergrad4j.bench.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bench.data.DatasetReader;
import io.github.hypergrad4j.bench.data.Splits;
import io.github.hypergrad4j.bench.examples.L2LogisticRegression;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.InnerOptimizer;
import io.github.hypergrad4j.bilevel.InnerResult;
import io.github.hypergrad4j.bilevel.InnerStopping;
import io.github.hypergrad4j.bilevel.unrolled.UnrolledResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gap experiment: the unrolled hypergradient approaches the implicit one as T grows, and the
 * implicit reference is right — it equals central differences of the validation loss through
 * inner problems solved again at λ ± h·e_j.
 */
class GapExperimentTest {

  @Test
  void theGapShrinksWithTheNumberOfSteps() {
    GapExperiment.Report r = GapExperiment.run(DatasetReader.breastCancer(),
        new GapExperiment.Settings(0.01, new int[] {10, 100, 500, 2000}, 7), null);
    assertEquals(30, r.hyperparameters());
    List<GapExperiment.Row> rows = r.rows();
    for (GapExperiment.Row row : rows) {
      assertEquals(UnrolledResult.Status.OK, row.status());
    }
    for (int i = 1; i < rows.size(); i++) {
      assertTrue(rows.get(i).gap() < rows.get(i - 1).gap(), "T = " + rows.get(i).steps() + ": " + rows.get(i).gap()
          + " is not below T = " + rows.get(i - 1).steps() + ": " + rows.get(i - 1).gap());
      assertTrue(rows.get(i).gradientNorm() < rows.get(i - 1).gradientNorm(), "theta_T approaches theta*");
    }
    assertTrue(rows.get(0).gap() > 0.5, "10 steps are far from the optimum: " + rows.get(0).gap());
    assertTrue(rows.get(rows.size() - 1).gap() < 1e-2, "2000 steps are close: " + rows.get(rows.size() - 1).gap());
    assertTrue(r.innerGradientNorm() <= 1e-10, "the reference is stationary: " + r.innerGradientNorm());
    assertTrue(GapExperiment.summary(r, false).stream().noneMatch(l -> l.startsWith("warning")),
        GapExperiment.summary(r, false).toString());
  }

  @Test
  void theImplicitReferenceEqualsCentralDifferencesThroughResolvedInnerProblems() {
    Dataset data = DatasetReader.breastCancer();
    Splits.TrainValidationTest split = Splits.split(data, Splits.DEFAULT_TRAIN, Splits.DEFAULT_VALIDATION, 7);
    L2LogisticRegression model = new L2LogisticRegression(split.train(), split.validation());
    BilevelProblem problem = model.problem(0.01, false);
    double[] lambda = problem.initialLambda();
    double[] h = GapExperiment.optimum(problem, lambda).hypergradient().hypergradient();
    // h = 1e-3·λ: the quotient is good to about 1e-6 relative, limited by the 1e-12 inner solves
    double step = 1e-5;
    for (int j : new int[] {0, 7, 21, 29}) {
      double[] plus = lambda.clone();
      double[] minus = lambda.clone();
      plus[j] += step;
      minus[j] -= step;
      double fd = (validationAtOptimum(problem, model, split, plus) - validationAtOptimum(problem, model, split, minus))
          / (2 * step);
      assertEquals(fd, h[j], 1e-5 * Math.max(Math.abs(fd), 1e-3), "dL/dlambda[" + j + "]");
    }
  }

  /** g(θ*(λ)) with θ* solved afresh by L-BFGS to 1e-12. */
  private static double validationAtOptimum(BilevelProblem problem, L2LogisticRegression model,
      Splits.TrainValidationTest split, double[] lambda) {
    InnerResult r = InnerOptimizer.lbfgs().minimize(problem.innerFunctionAt(lambda), problem.initialTheta(),
        new InnerStopping(1e-12, 100_000));
    return model.meanLoss(r.theta(), split.validation());
  }

  @Test
  void settingsAreChecked() {
    IllegalArgumentExceptionAssert.assertMessage(() -> new GapExperiment.Settings(0, new int[] {10}, 7),
        "GapExperiment: lambda must be > 0");
    IllegalArgumentExceptionAssert.assertMessage(() -> new GapExperiment.Settings(0.1, new int[] {10, 0}, 7),
        "GapExperiment: needs at least one T, each >= 1, got [10, 0]");
    IllegalArgumentExceptionAssert.assertMessage(() -> GapExperiment.run(DatasetReader.digits(),
        GapExperiment.Settings.defaults(), null), "GapExperiment: needs two classes");
  }
}
