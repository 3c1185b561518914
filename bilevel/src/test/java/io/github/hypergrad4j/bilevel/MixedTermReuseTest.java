package io.github.hypergrad4j.bilevel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.autodiff.Derivatives;
import io.github.hypergrad4j.autodiff.HessianVectorProduct;
import io.github.hypergrad4j.autodiff.OutputLoss;
import io.github.hypergrad4j.autodiff.SecondOrderSweep;
import io.github.hypergrad4j.autodiff.TensorFunction;
import io.github.hypergrad4j.ihvp.ConjugateGradient;
import io.github.hypergrad4j.ihvp.CountingOperator;
import io.github.hypergrad4j.ihvp.ExactSolver;
import io.github.hypergrad4j.ihvp.IhvpResult;
import io.github.hypergrad4j.ihvp.IhvpSolver;
import io.github.hypergrad4j.ihvp.Minres;
import io.github.hypergrad4j.ihvp.NeumannSeries;
import io.github.hypergrad4j.ihvp.SolverOptions;
import io.github.hypergrad4j.linalg.Kernels;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The implicit hypergradient takes its mixed term ∇²_λθ f·p from the sweep that gave the true
 * residual of p, one forward-over-reverse sweep fewer than solving with a plain Hessian operator
 * and sweeping once more for the mixed term — the way it was computed before, redone here step by
 * step with the autodiff module's {@link HessianVectorProduct} and {@link Derivatives#secondOrder}.
 * On ridge regression and on logistic regression with one penalty per weight, with several solvers,
 * budgets, damping and a warm start: the same p and hypergradient to rounding (the solver's
 * products are now replays of one recording, {@link io.github.hypergrad4j.autodiff.RecordedHessian},
 * equal to the old sweeps to rounding), the same ‖∇_θ f‖ bit for bit, with one product fewer, and
 * the reported true residual is ‖b − (H + ρI)p‖ computed here with a fresh operator.
 */
class MixedTermReuseTest {

  /** The old computation, step by step, and what it spent. */
  private record OldWay(double[] hypergradient, IhvpResult solve, long products, double stationarity) {}

  private static OldWay oldWay(BilevelProblem problem, double[] theta, double[] lambda, IhvpSolver solver,
      SolverOptions options) {
    TensorFunction g = in -> problem.outer().apply(in[0], in[1], null);
    Derivatives.ValueAndGradients outer = Derivatives.valueAndGradients(g, theta, lambda);
    TensorFunction f = in -> problem.inner().apply(in[0], in[1], null);
    double[][] point = {theta, lambda};
    CountingOperator hessian = new CountingOperator(new HessianVectorProduct(f, point, 0));
    IhvpResult solve = solver.solve(hessian, outer.gradients()[0], options);
    SecondOrderSweep sweep = Derivatives.secondOrder(f, point, new double[][] {solve.x(), null});
    double[] h = new double[lambda.length];
    Kernels.sub(outer.gradients()[1], sweep.hessianTangents()[1], h);
    return new OldWay(h, solve, hessian.count() + 1, Kernels.nrm2(sweep.gradients()[0]));
  }

  /** ‖b − (H + ρI)p‖₂ with b = ∇_θ g, H from a fresh operator. */
  private static double trueResidual(BilevelProblem problem, double[] theta, double[] lambda, double[] p, double rho) {
    TensorFunction g = in -> problem.outer().apply(in[0], in[1], null);
    double[] b = Derivatives.gradient(g, theta, lambda)[0];
    TensorFunction f = in -> problem.inner().apply(in[0], in[1], null);
    double[] hp = new double[p.length];
    new HessianVectorProduct(f, new double[][] {theta, lambda}, 0).apply(p, hp);
    double[] r = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      r[i] = b[i] - (hp[i] + rho * p[i]);
    }
    return Kernels.nrm2(r);
  }

  private static void check(String label, BilevelProblem problem, double[] theta, double[] lambda, IhvpSolver solver,
      SolverOptions options) {
    OldWay old = oldWay(problem, theta, lambda, solver, options);
    HypergradientResult now = ImplicitHypergradient.builder(solver).solverOptions(options).build()
        .compute(problem, theta, lambda);
    // the solver's products are now replays of one recording: exact, equal to the old sweeps to
    // rounding (on these small problems bit for bit, but that is not promised), so p and the
    // hypergradient agree to rounding amplified by at most K steps of the solver
    assertNear(old.solve().x(), now.solve().x(), 0.0, label + ": p");
    assertNear(old.hypergradient(), now.hypergradient(), Kernels.nrm2(now.directGradient()), label + ": the hypergradient");
    assertEquals(old.stationarity(), now.innerStationarity(), 0.0, label + ": |grad_theta f|");
    assertEquals(old.solve().status(), now.solve().status(), label);
    assertEquals(old.products() - 1, now.hessianVectorProducts(), label + ": one sweep fewer");
    assertEquals(old.solve().operatorApplications(), now.solve().operatorApplications(), label + ": the solve's own");
    double independent = trueResidual(problem, theta, lambda, now.solve().x(), options.damping());
    assertEquals(independent, now.solve().residualNorm(), 1e-15 * now.solve().rhsNorm(),
        label + ": the reported true residual");
  }

  /** ‖a − b‖₂ ≤ 1e-12·(‖a‖₂ + scale). */
  private static void assertNear(double[] a, double[] b, double scale, String label) {
    double[] d = new double[a.length];
    Kernels.sub(a, b, d);
    double tol = 1e-12 * (Kernels.nrm2(a) + scale);
    assertTrue(Kernels.nrm2(d) <= tol, label + ": differs by " + Kernels.nrm2(d) + " > " + tol);
  }

  private static final BilevelProblem RIDGE = RidgeHypergradientTest.problem(StochasticModeTest.LAMBDA);

  @Test
  void ridgeSameBitsOneSweepFewer() {
    double[] theta = StochasticModeTest.THETA;
    double[] lambda = StochasticModeTest.LAMBDA;
    check("ridge, CG budget 20", RIDGE, theta, lambda, new ConjugateGradient(), SolverOptions.defaults().withBudget(20));
    check("ridge, CG budget 3, damped", RIDGE, theta, lambda, new ConjugateGradient(),
        SolverOptions.defaults().withBudget(3).withDamping(0.1));
    check("ridge, CG to 1e-10", RIDGE, theta, lambda, new ConjugateGradient(), SolverOptions.defaults().withTolerance(1e-10));
    check("ridge, MINRES budget 5", RIDGE, theta, lambda, new Minres(), SolverOptions.defaults().withBudget(5));
    check("ridge, exact", RIDGE, theta, lambda, new ExactSolver(), SolverOptions.defaults().withTolerance(1e-12));
  }

  @Test
  void logisticPerWeightPenaltiesSameBitsOneSweepFewer() {
    Random r = new Random(5);
    double[] theta = new double[LogisticHypergradientTest.P];
    double[] lambda = new double[LogisticHypergradientTest.D];
    for (int j = 0; j < theta.length; j++) {
      theta[j] = 0.3 * r.nextGaussian();
    }
    for (int j = 0; j < lambda.length; j++) {
      lambda[j] = Math.pow(10, -3 + 2 * r.nextDouble());
    }
    BilevelProblem problem = BilevelProblem.builder().inner(LogisticHypergradientTest.inner())
        .outer(LogisticHypergradientTest.outer()).initialTheta(new double[LogisticHypergradientTest.P])
        .initialLambda(lambda).build();
    check("logistic, CG budget 20", problem, theta, lambda, new ConjugateGradient(), SolverOptions.defaults().withBudget(20));
    check("logistic, CG to 1e-8, damped", problem, theta, lambda, new ConjugateGradient(),
        SolverOptions.defaults().withTolerance(1e-8).withDamping(1e-2));
    check("logistic, Neumann budget 10", problem, theta, lambda, new NeumannSeries(0.5), SolverOptions.defaults().withBudget(10));
    double[] start = new double[theta.length];
    for (int j = 0; j < start.length; j++) {
      start[j] = r.nextGaussian();
    }
    check("logistic, CG budget 20 from a warm start", problem, theta, lambda, new ConjugateGradient(),
        SolverOptions.defaults().withBudget(20).withWarmStart(start));
  }

  /** A warm-started session's later call reuses too: the same bits as the old way from the same start. */
  @Test
  void aWarmStartedSessionReusesToo() {
    double[] theta = StochasticModeTest.THETA;
    double[] lambda = StochasticModeTest.LAMBDA;
    SolverOptions options = SolverOptions.defaults().withBudget(4);
    Hypergradient.Session session = ImplicitHypergradient.builder(new ConjugateGradient()).solverOptions(options).build()
        .session(true);
    HypergradientResult first = session.compute(RIDGE, theta, lambda);
    HypergradientResult second = session.compute(RIDGE, theta, lambda);
    assertTrue(second.warmStarted());
    OldWay old = oldWay(RIDGE, theta, lambda, new ConjugateGradient(), options.withWarmStart(first.solve().x()));
    assertNear(old.hypergradient(), second.hypergradient(), Kernels.nrm2(second.directGradient()), "warm start");
    assertEquals(old.products() - 1, second.hessianVectorProducts());
  }

  /**
   * A logistic regression large enough for the kernels' multi-column paths (n = 1500, d = 300,
   * per-weight penalties), where a replayed product (one-column passes over X) and a sweep's
   * (two-column passes) round differently: the hypergradient still equals the old path's to
   * 1e-12.
   */
  @Test
  void aLargerLogisticProblemAgreesWithTheOldPathToRounding() {
    int n = 1500;
    int d = 300;
    Random r = new Random(17);
    double[] x = new double[n * d];
    double[] y = new double[n];
    double[] xv = new double[n * d];
    double[] yv = new double[n];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextGaussian();
      xv[i] = r.nextGaussian();
    }
    for (int i = 0; i < n; i++) {
      y[i] = r.nextBoolean() ? 1 : 0;
      yv[i] = r.nextBoolean() ? 1 : 0;
    }
    double[] theta = new double[d];
    double[] lambda = new double[d];
    for (int j = 0; j < d; j++) {
      theta[j] = 0.1 * r.nextGaussian();
      lambda[j] = Math.pow(10, -3 + 2 * r.nextDouble());
    }
    Objective inner = (t, l, batch) -> t.tape().constant(x, io.github.hypergrad4j.autodiff.Shape.matrix(n, d)).matmul(t)
        .binaryCrossEntropyWithLogits(y).add(l.mul(t.square()).sum().scale(0.5));
    Objective outer = (t, l, batch) -> t.tape().constant(xv, io.github.hypergrad4j.autodiff.Shape.matrix(n, d)).matmul(t)
        .binaryCrossEntropyWithLogits(yv);
    BilevelProblem problem = BilevelProblem.builder().inner(inner).outer(outer).initialTheta(theta)
        .initialLambda(lambda).build();
    check("logistic n = 1500, d = 300, CG budget 20", problem, theta, lambda, new ConjugateGradient(),
        SolverOptions.defaults().withBudget(20));
  }

  /**
   * The solver's products are one recording sweep and then replays (counted apart), each equal to
   * a fresh sweep to rounding; a candidate product is a full sweep.
   */
  @Test
  void theSolversProductsAreReplaysOfOneRecording() {
    double[] theta = StochasticModeTest.THETA;
    double[] lambda = StochasticModeTest.LAMBDA;
    TensorFunction f = in -> RIDGE.inner().apply(in[0], in[1], null);
    HessianWithMixedTerm op = new HessianWithMixedTerm(f, theta, lambda);
    Random r = new Random(3);
    for (int k = 0; k < 4; k++) {
      double[] v = new double[theta.length];
      for (int j = 0; j < v.length; j++) {
        v[j] = r.nextGaussian();
      }
      double[] out = new double[v.length];
      op.apply(v, out);
      double[] fresh = Derivatives.hvp(f, new double[][] {theta, lambda}, 0, v);
      assertNear(fresh, out, Kernels.nrm2(v), "product " + k);
    }
    assertEquals(1, op.sweeps(), "one recording");
    assertEquals(3, op.replays(), "the later products replay it");
    op.applyToCandidate(theta.clone(), new double[theta.length]);
    assertEquals(2, op.sweeps(), "a candidate product is a full sweep");
    assertEquals(3, op.replays());
  }

  /**
   * The operator hands back the remembered sweep only for the same bits: a p one ulp away, or the
   * candidate's array changed after the product, gets a sweep of its own (counted), equal to a
   * fresh {@link Derivatives#secondOrder} at that p.
   */
  @Test
  void theRememberedSweepServesOnlyTheSameBits() {
    double[] theta = StochasticModeTest.THETA;
    double[] lambda = StochasticModeTest.LAMBDA;
    TensorFunction f = in -> RIDGE.inner().apply(in[0], in[1], null);
    HessianWithMixedTerm op = new HessianWithMixedTerm(f, theta, lambda);
    double[] x = lambda.clone();
    double[] out = new double[x.length];
    op.applyToCandidate(x, out);
    assertEquals(1, op.sweeps());
    SecondOrderSweep kept = op.sweep(x.clone());
    assertEquals(1, op.sweeps(), "same bits: no new sweep");
    assertArrayEquals(out, kept.hessianTangents()[0], 0.0);
    double[] near = x.clone();
    near[3] = Math.nextUp(near[3]);
    x[0] = -x[0]; // the caller's array changes after the product: the operator kept its own copy
    SecondOrderSweep other = op.sweep(near);
    assertEquals(2, op.sweeps(), "one ulp away: a sweep of its own");
    SecondOrderSweep fresh = Derivatives.secondOrder(f, new double[][] {theta, lambda}, new double[][] {near, null});
    assertArrayEquals(fresh.hessianTangents()[1], other.hessianTangents()[1], 0.0);
    assertArrayEquals(fresh.hessianTangents()[0], other.hessianTangents()[0], 0.0);
    op.sweep(x);
    assertEquals(3, op.sweeps(), "the changed caller array is not the candidate");
  }

  /** Gauss-Newton products are not the exact Hessian's: the mixed term still takes a sweep of its own. */
  @Test
  void gaussNewtonCurvatureKeepsItsMixedTermSweep() {
    double[] lambda = new double[LogisticHypergradientTest.D];
    Arrays.fill(lambda, 0.01);
    double[] theta = new double[LogisticHypergradientTest.P];
    Arrays.fill(theta, 0.05);
    GaussNewtonForm form = new GaussNewtonForm(
        t -> LogisticHypergradientTest.logits(t, LogisticHypergradientTest.DATA.xTrain(), LogisticHypergradientTest.DATA.nTrain()),
        OutputLoss.binaryCrossEntropyWithLogits(LogisticHypergradientTest.DATA.yTrain()),
        LogisticHypergradientTest::penalty);
    BilevelProblem problem = BilevelProblem.builder().inner(form).outer(LogisticHypergradientTest.outer())
        .initialTheta(theta).initialLambda(lambda).build();
    HypergradientResult r = ImplicitHypergradient.builder(new ConjugateGradient())
        .solverOptions(SolverOptions.defaults().withBudget(5)).curvature(Curvature.GAUSS_NEWTON).build()
        .compute(problem, theta, lambda);
    assertEquals(r.solve().operatorApplications() + 1, r.hessianVectorProducts());
  }

  /**
   * A retry with other damping at the same point spends no second gradient of g (counted by
   * calls of g) and equals a fresh computation with that damping, bit for bit; at another λ it
   * computes the gradient again.
   */
  @Test
  void aRetryReusesTheOuterGradient() {
    double[] theta = StochasticModeTest.THETA;
    double[] lambda = StochasticModeTest.LAMBDA;
    int[] outerCalls = {0};
    Objective outer = RIDGE.outer();
    BilevelProblem counted = BilevelProblem.builder().inner(RIDGE.inner())
        .outer((t, l, b) -> {
          outerCalls[0]++;
          return outer.apply(t, l, b);
        })
        .initialTheta(new double[theta.length]).initialLambda(lambda).build();
    SolverOptions options = SolverOptions.defaults().withBudget(6);
    Hypergradient.Session session = ImplicitHypergradient.builder(new ConjugateGradient()).solverOptions(options).build()
        .session(false);
    outerCalls[0] = 0;
    HypergradientResult first = session.compute(counted, theta, lambda);
    assertEquals(1, outerCalls[0]);
    assertEquals(1, first.gradientEvaluations());
    HypergradientResult retry = session.retryWithDamping(counted, theta.clone(), lambda.clone(), 0.5).orElseThrow();
    assertEquals(1, outerCalls[0], "the retry reuses the gradient of g");
    assertEquals(0, retry.gradientEvaluations());
    HypergradientResult fresh = ImplicitHypergradient.builder(new ConjugateGradient())
        .solverOptions(options.withDamping(0.5)).build().compute(RIDGE, theta, lambda);
    assertArrayEquals(fresh.hypergradient(), retry.hypergradient(), 0.0);
    assertEquals(fresh.outerValue(), retry.outerValue(), 0.0);
    double[] other = lambda.clone();
    other[0] *= 2;
    HypergradientResult moved = session.retryWithDamping(counted, theta, other, 0.5).orElseThrow();
    assertEquals(2, outerCalls[0], "another lambda: a gradient of its own");
    assertEquals(1, moved.gradientEvaluations());
  }
}
