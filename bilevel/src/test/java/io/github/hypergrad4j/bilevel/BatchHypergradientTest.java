package io.github.hypergrad4j.bilevel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.ihvp.ConjugateGradient;
import io.github.hypergrad4j.ihvp.ExactSolver;
import io.github.hypergrad4j.ihvp.SolverOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hypergradient of a {@link ProblemBatch} (cross-validation: K ridge problems on the diabetes
 * data, each with its own train/validation rows, sharing one penalty per feature) against outside
 * truths: central differences of the mean validation loss through inner problems re-solved in
 * closed form ({@link RidgeClosedForm}); the mean of the members' hypergradients computed one by
 * one; today's single-problem hypergradient for a batch of one; and the sequential computation
 * for the parallel one.
 */
class BatchHypergradientTest {

  static final int K = 4;
  static final List<RidgeClosedForm> FOLDS = new ArrayList<>();

  static {
    for (int k = 0; k < K; k++) {
      FOLDS.add(new RidgeClosedForm(TestData.diabetes(10 + k, 120), 0.5));
    }
  }

  static final double[] LAMBDA = {0.3, 0.01, 1.5, 0.07, 0.2, 2.0, 0.02, 0.5, 0.9, 0.004};

  static ProblemBatch batch(int members) {
    List<BilevelProblem> problems = new ArrayList<>();
    for (int k = 0; k < members; k++) {
      problems.add(problem(FOLDS.get(k)));
    }
    return ProblemBatch.of(problems);
  }

  static BilevelProblem problem(RidgeClosedForm fold) {
    return BilevelProblem.builder().inner(fold.inner()).outer(fold.outer()).initialTheta(new double[10])
        .initialLambda(LAMBDA).parametrization(Parametrization.exp()).build();
  }

  static double[][] exactThetas(int members, double[] lambda) {
    double[][] t = new double[members][];
    for (int k = 0; k < members; k++) {
      t[k] = FOLDS.get(k).thetaStar(lambda);
    }
    return t;
  }

  static Hypergradient exact() {
    return ImplicitHypergradient.builder(new ExactSolver()).build();
  }

  /** G(λ) = (1/K) Σ_k g_k(θ_k*(λ)), every θ_k* re-solved in closed form. */
  static double cvLoss(double[] lambda) {
    double s = 0;
    for (RidgeClosedForm f : FOLDS) {
      s += f.validationLossAt(lambda);
    }
    return s / FOLDS.size();
  }

  /**
   * Central differences with a relative step δ = 1e-5 in each λ_j: truncation ~δ², rounding
   * ~ε·G/δ relative to the derivative's scale, both well below the asserted 1e-6.
   */
  @Test
  void matchesCentralDifferencesOfTheCrossValidatedLoss() {
    double[] h = BatchHypergradient.of(exact(), 1).compute(batch(K), exactThetas(K, LAMBDA), LAMBDA)
        .mean().hypergradient();
    double scale = 0;
    for (double v : h) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int j = 0; j < LAMBDA.length; j++) {
      double step = 1e-5 * LAMBDA[j];
      double[] up = LAMBDA.clone();
      double[] down = LAMBDA.clone();
      up[j] += step;
      down[j] -= step;
      double fd = (cvLoss(up) - cvLoss(down)) / (2 * step);
      assertEquals(fd, h[j], 1e-6 * scale, "dG/dlambda_" + j);
    }
  }

  @Test
  void equalsTheMeanOfTheMembersComputedOneByOne() {
    Hypergradient method = exact();
    double[][] thetas = exactThetas(K, LAMBDA);
    BatchHypergradient.Result r = BatchHypergradient.of(method, 1).compute(batch(K), thetas, LAMBDA);
    double[] sum = new double[LAMBDA.length];
    double value = 0;
    for (int k = 0; k < K; k++) {
      HypergradientResult one = method.compute(problem(FOLDS.get(k)), thetas[k], LAMBDA);
      assertArrayEquals(one.hypergradient(), r.members().get(k).hypergradient(), 0.0);
      for (int j = 0; j < sum.length; j++) {
        sum[j] += one.hypergradient()[j];
      }
      value += one.outerValue();
    }
    for (int j = 0; j < sum.length; j++) {
      sum[j] /= K;
    }
    assertArrayEquals(sum, r.mean().hypergradient(), 0.0);
    assertEquals(value / K, r.mean().outerValue(), 0.0);
    assertEquals(value / K, batch(K).outerValue(thetas, LAMBDA), 1e-12 * value);
  }

  @Test
  void aBatchOfOneEqualsTodaysHypergradient() {
    Hypergradient method = ImplicitHypergradient.builder(new ConjugateGradient())
        .solverOptions(SolverOptions.defaults().withTolerance(1e-10)).build();
    double[][] thetas = exactThetas(1, LAMBDA);
    HypergradientResult single = method.compute(problem(FOLDS.get(0)), thetas[0], LAMBDA);
    HypergradientResult mean = BatchHypergradient.of(method, 3).compute(batch(1), thetas, LAMBDA).mean();
    assertArrayEquals(single.hypergradient(), mean.hypergradient(), 0.0);
    assertEquals(single.outerValue(), mean.outerValue(), 0.0);
    assertEquals(single.hessianVectorProducts(), mean.hessianVectorProducts());
  }

  @Test
  void aRunOnABatchOfOneEqualsTheRunOnItsProblem() {
    HyperOptimizer opt = optimizer(1);
    HyperOptimizationResult single = opt.run(problem(FOLDS.get(0)));
    HyperOptimizationResult batched = opt.runBatch(batch(1));
    assertEquals(single.history().size(), batched.history().size());
    for (int s = 0; s < single.history().size(); s++) {
      assertArrayEquals(single.history().events().get(s).lambda(), batched.history().events().get(s).lambda(), 0.0);
      assertEquals(single.history().events().get(s).outerValue(), batched.history().events().get(s).outerValue(), 0.0);
    }
    assertArrayEquals(single.bestTheta(), batched.bestTheta(), 0.0);
  }

  @Test
  void parallelIsBitIdenticalToSequential() {
    double[][] thetas = exactThetas(K, LAMBDA);
    Hypergradient cg = ImplicitHypergradient.builder(new ConjugateGradient()).build();
    BatchHypergradient.Result one = BatchHypergradient.of(cg, 1).compute(batch(K), thetas, LAMBDA);
    BatchHypergradient.Result four = BatchHypergradient.of(cg, 4).compute(batch(K), thetas, LAMBDA);
    assertArrayEquals(one.mean().hypergradient(), four.mean().hypergradient(), 0.0);
    HyperOptimizationResult a = optimizer(1).runBatch(batch(K));
    HyperOptimizationResult b = optimizer(3).runBatch(batch(K));
    assertEquals(a.history().size(), b.history().size());
    for (int s = 0; s < a.history().size(); s++) {
      assertArrayEquals(a.history().events().get(s).hypergradient(), b.history().events().get(s).hypergradient(), 0.0);
    }
    assertArrayEquals(a.bestLambda(), b.bestLambda(), 0.0);
    assertArrayEquals(a.bestTheta(), b.bestTheta(), 0.0);
  }

  @Test
  void aBatchRunLowersTheCrossValidatedLossAndWarmStartsEveryMember() {
    HyperOptimizationResult r = optimizer(2).runBatch(batch(K));
    assertTrue(r.bestOuterValue() < cvLoss(LAMBDA), r.bestOuterValue() + " vs " + cvLoss(LAMBDA));
    ProgressEvent first = r.history().events().get(0);
    assertEquals(cvLoss(LAMBDA), first.outerValue(), 1e-8 * cvLoss(LAMBDA));
    // each member's held-out loss, against its closed form, in the event and in the CSV
    assertEquals(K, first.memberOuterValues().length);
    for (int k = 0; k < K; k++) {
      double g = FOLDS.get(k).validationLossAt(LAMBDA);
      assertEquals(g, first.memberOuterValues()[k], 1e-8 * g);
    }
    StringBuilder csv = new StringBuilder();
    r.history().writeCsv(csv);
    String[] lines = csv.toString().split("\n");
    assertEquals(History.CSV_HEADER + ",outer_value_1,outer_value_2,outer_value_3,outer_value_4", lines[0]);
    String[] cells = lines[1].split(",");
    for (int k = 0; k < K; k++) {
      assertEquals(first.memberOuterValues()[k], Double.parseDouble(cells[13 + k]), 0.0);
    }
    assertEquals(10 * K, r.bestTheta().length);
    // the best θ is every member's inner solution at the best λ
    for (int k = 0; k < K; k++) {
      double[] exactK = FOLDS.get(k).thetaStar(r.bestLambda());
      for (int j = 0; j < 10; j++) {
        assertEquals(exactK[j], r.bestTheta()[10 * k + j], 1e-6 * (1 + Math.abs(exactK[j])));
      }
    }
  }

  private static HyperOptimizer optimizer(int threads) {
    return HyperOptimizer.builder(ImplicitHypergradient.builder(new ConjugateGradient())
            .solverOptions(SolverOptions.defaults().withTolerance(1e-10)).build())
        .innerStopping(new InnerStopping(1e-9, 10_000)).outerRule(StepRule.adam(0.1)).maxSteps(6).threads(threads)
        .build();
  }

  @Test
  void badInputIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProblemBatch.of(List.of()));
    assertTrue(e.getMessage().startsWith("ProblemBatch.of: members is empty"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ProblemBatch.of(null));
    assertTrue(e.getMessage().startsWith("ProblemBatch.of:"), e.getMessage());
    BilevelProblem other = BilevelProblem.builder().inner(FOLDS.get(1).inner()).outer(FOLDS.get(1).outer())
        .initialTheta(new double[10]).initialLambda(new double[] {1}).build();
    e = assertThrows(IllegalArgumentException.class, () -> ProblemBatch.of(List.of(problem(FOLDS.get(0)), other)));
    assertTrue(e.getMessage().startsWith("ProblemBatch.of: members[1] has 1 hyperparameters"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> BatchHypergradient.of(exact(), 0));
    assertTrue(e.getMessage().startsWith("BatchHypergradient.of: threads must be >= 1, got 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> BatchHypergradient.of(exact(), 1).compute(batch(2), exactThetas(1, LAMBDA), LAMBDA));
    assertTrue(e.getMessage().startsWith("BatchHypergradient.compute: thetas must hold one theta per member (2), got 1"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> HyperOptimizer.builder(exact()).threads(0));
    assertTrue(e.getMessage().startsWith("HyperOptimizer: threads must be >= 1, got 0"), e.getMessage());
    double[][] wrong = exactThetas(2, LAMBDA);
    wrong[1] = new double[3];
    e = assertThrows(IllegalArgumentException.class,
        () -> BatchHypergradient.of(exact(), 2).compute(batch(2), wrong, LAMBDA));
    assertTrue(e.getMessage().startsWith("ImplicitHypergradient:"), e.getMessage());
    InnerStopping stop = InnerStopping.defaults();
    double[][] starts = exactThetas(2, LAMBDA);
    e = assertThrows(IllegalArgumentException.class,
        () -> batch(2).solveInner(InnerOptimizer.lbfgs(), LAMBDA, starts, stop, 0));
    assertTrue(e.getMessage().startsWith("ProblemBatch.solveInner: threads must be >= 1, got 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> batch(3).solveInner(InnerOptimizer.lbfgs(), LAMBDA, starts, stop, 1));
    assertTrue(e.getMessage().startsWith("ProblemBatch.solveInner: thetas must hold one theta per member (3), got 2"),
        e.getMessage());
  }

  /** The members' inner solves: each at its closed-form minimiser, the same on one thread or three. */
  @Test
  void solveInnerSolvesEveryMember() {
    double[][] starts = new double[K][10];
    InnerStopping stop = new InnerStopping(1e-10, 10_000);
    List<InnerResult> one = batch(K).solveInner(InnerOptimizer.lbfgs(), LAMBDA, starts, stop, 1);
    List<InnerResult> three = batch(K).solveInner(InnerOptimizer.lbfgs(), LAMBDA, starts, stop, 3);
    for (int k = 0; k < K; k++) {
      assertArrayEquals(one.get(k).theta(), three.get(k).theta(), 0.0);
      double[] exact = FOLDS.get(k).thetaStar(LAMBDA);
      for (int j = 0; j < 10; j++) {
        assertEquals(exact[j], one.get(k).theta()[j], 1e-6 * (1 + Math.abs(exact[j])));
      }
    }
  }
}
