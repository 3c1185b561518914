package io.github.hypergrad4j.bilevel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.ihvp.ConjugateGradient;
import io.github.hypergrad4j.ihvp.ExactSolver;
import io.github.hypergrad4j.ihvp.IhvpSolver;
import io.github.hypergrad4j.ihvp.SolverOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Stochastic (mini-batch) mode of {@link ImplicitHypergradient} on the ridge problem with one
 * penalty per feature (100 training rows declared as {@code trainingExamples}).
 *
 * <p>Besides equality with full batch and reproducibility, the mini-batch result is checked
 * against the closed form of the ridge problem restricted to the batch the objective was called
 * with (recorded by wrapping the objective): at a given θ the IFT hypergradient with curvature
 * A_B = X_BᵀX_B/|B| + diag(λ) is −θ ⊙ A_B⁻¹∇_θ g (the mixed term ∂²f/∂λ_j∂θ = θ_j e_j does not
 * depend on the data).
 */
class StochasticModeTest {

  static final TestData.Split DATA = RidgeHypergradientTest.DATA;
  static final double[] LAMBDA = {0.3, 0.01, 1, 2, 0.5, 0.002, 0.2, 0.07, 3, 0.9};
  static final double[] THETA = RidgeHypergradientTest.HALF.thetaStar(LAMBDA);
  static final SolverOptions TIGHT = SolverOptions.defaults().withTolerance(1e-12);

  /** The problem; {@code batches}, if given, records the batch of every later call of f. */
  static BilevelProblem problem(List<int[]> batches) {
    Objective inner = RidgeHypergradientTest.HALF.inner();
    BilevelProblem p = BilevelProblem.builder()
        .inner((theta, lambda, batch) -> {
          if (batches != null) {
            batches.add(batch == null ? null : batch.clone());
          }
          return inner.apply(theta, lambda, batch);
        })
        .outer(RidgeHypergradientTest.HALF.outer())
        .initialTheta(new double[DATA.d()])
        .initialLambda(LAMBDA)
        .trainingExamples(DATA.nTrain())
        .build();
    if (batches != null) {
      batches.clear(); // build() evaluates f once, full batch
    }
    return p;
  }

  @Test
  void aBatchAtLeastAsLargeAsTheDataGivesExactlyTheFullBatchResult() {
    for (IhvpSolver solver : new IhvpSolver[] {new ExactSolver(), new ConjugateGradient()}) {
      HypergradientResult full = ImplicitHypergradient.builder(solver).solverOptions(TIGHT).build()
          .compute(problem(null), THETA, LAMBDA);
      for (int batch : new int[] {DATA.nTrain(), DATA.nTrain() + 1, 10 * DATA.nTrain()}) {
        List<int[]> seen = new ArrayList<>();
        HypergradientResult r = ImplicitHypergradient.builder(solver).solverOptions(TIGHT).stochastic(batch, 5).build()
            .compute(problem(seen), THETA, LAMBDA);
        assertArrayEquals(full.hypergradient(), r.hypergradient(), 0.0, "batch " + batch);
        assertEquals(full.outerValue(), r.outerValue(), 0.0);
        assertEquals(full.innerStationarity(), r.innerStationarity(), 0.0);
        assertEquals(full.hessianVectorProducts(), r.hessianVectorProducts());
        for (int[] b : seen) {
          assertEquals(null, b, "a batch that covers the data is the full batch");
        }
      }
    }
  }

  /**
   * A session draws a new batch per call, reproducibly: two sessions of the same seed agree bit
   * for bit call after call, another seed differs. The method itself is stateless: every {@code
   * compute} takes the seed's first batch, which is also a session's first.
   */
  @Test
  void aSmallBatchIsReproducibleBitForBitWithTheSameSeed() {
    ImplicitHypergradient method = ImplicitHypergradient.builder(new ConjugateGradient()).solverOptions(TIGHT).stochastic(20, 5).build();
    Hypergradient.Session a = method.session(false);
    Hypergradient.Session b = ImplicitHypergradient.builder(new ConjugateGradient()).solverOptions(TIGHT).stochastic(20, 5).build()
        .session(false);
    Hypergradient.Session other = ImplicitHypergradient.builder(new ConjugateGradient()).solverOptions(TIGHT).stochastic(20, 6)
        .build().session(false);
    BilevelProblem problem = problem(null);
    double[] full = ImplicitHypergradient.builder(new ConjugateGradient()).solverOptions(TIGHT).build()
        .compute(problem, THETA, LAMBDA).hypergradient();
    double[] stateless = method.compute(problem, THETA, LAMBDA).hypergradient();
    double[] previous = null;
    for (int call = 0; call < 3; call++) { // a sequence of calls: each draws a new batch
      double[] ha = a.compute(problem, THETA, LAMBDA).hypergradient();
      double[] hb = b.compute(problem, THETA, LAMBDA).hypergradient();
      double[] ho = other.compute(problem, THETA, LAMBDA).hypergradient();
      assertArrayEquals(ha, hb, 0.0, "call " + call);
      assertFalse(Arrays.equals(ha, ho), "another seed should draw another batch");
      assertFalse(Arrays.equals(ha, full), "a batch of 20 of 100 rows should change the result");
      if (previous != null) {
        assertFalse(Arrays.equals(ha, previous), "each call should draw a new batch");
      }
      assertEquals(call == 0, Arrays.equals(ha, stateless), "call " + call + " of the session vs compute");
      assertArrayEquals(stateless, method.compute(problem, THETA, LAMBDA).hypergradient(), 0.0,
          "compute takes the seed's first batch every time");
      previous = ha;
    }
  }

  /**
   * A retry with more damping, in a session, solves the same batch's system: (A_B + ρI)p = ∇_θ g
   * with A_B of the batch that the preceding call recorded, checked against the closed form.
   */
  @Test
  void aRetryWithMoreDampingUsesTheSameBatch() {
    List<int[]> seen = new ArrayList<>();
    BilevelProblem problem = problem(seen);
    Hypergradient.Session session = ImplicitHypergradient.builder(new ExactSolver()).solverOptions(TIGHT).stochastic(30, 3)
        .build().session(true);
    session.compute(problem, THETA, LAMBDA);
    int[] batch = seen.get(0);
    double rho = 0.25;
    HypergradientResult r = session.retryWithDamping(problem, THETA, LAMBDA, rho).orElseThrow();
    for (int[] b : seen) {
      assertArrayEquals(batch, b, "every evaluation of f, the retry's included, on the first call's batch");
    }
    assertEquals(rho, r.damping(), 0.0);
    double[] a = batchProblem(batch).hessian(LAMBDA);
    int d = DATA.d();
    for (int j = 0; j < d; j++) {
      a[j * d + j] += rho;
    }
    double[] q = Cholesky.solve(a, batchProblem(batch).validationGradient(THETA), d);
    double[] expected = new double[d];
    for (int j = 0; j < d; j++) {
      expected[j] = -THETA[j] * q[j];
    }
    double error = RidgeHypergradientTest.relativeError(r.hypergradient(), expected);
    assertTrue(error <= 1e-8, "damped retry vs the closed form on its batch: " + error);
  }

  @Test
  void theMiniBatchResultIsTheClosedFormOfTheBatchProblem() {
    List<int[]> seen = new ArrayList<>();
    HypergradientResult r = ImplicitHypergradient.builder(new ExactSolver()).solverOptions(TIGHT).stochastic(30, 11).build()
        .compute(problem(seen), THETA, LAMBDA);
    assertFalse(seen.isEmpty());
    int[] batch = seen.get(seen.size() - 1);
    assertNotNull(batch);
    assertEquals(30, batch.length);
    for (int[] b : seen) {
      assertArrayEquals(batch, b, "the HVPs and the mixed term must use one and the same batch");
    }
    for (int i : batch) {
      assertTrue(i >= 0 && i < DATA.nTrain(), "row " + i);
    }
    int d = DATA.d();
    RidgeClosedForm sub = batchProblem(batch);
    double[] q = Cholesky.solve(sub.hessian(LAMBDA), sub.validationGradient(THETA), d);
    double[] expected = new double[d];
    for (int j = 0; j < d; j++) {
      expected[j] = -THETA[j] * q[j];
    }
    double error = RidgeHypergradientTest.relativeError(r.hypergradient(), expected);
    assertTrue(error <= 1e-8, "mini-batch IFT vs the closed form on its batch: " + error);
  }

  /** The ridge problem of the batch's rows (repeats counted), with the same validation data. */
  static RidgeClosedForm batchProblem(int[] batch) {
    int d = DATA.d();
    double[] xb = new double[batch.length * d];
    double[] yb = new double[batch.length];
    for (int k = 0; k < batch.length; k++) {
      System.arraycopy(DATA.xTrain(), batch[k] * d, xb, k * d, d);
      yb[k] = DATA.yTrain()[batch[k]];
    }
    return new RidgeClosedForm(new TestData.Split(xb, yb, DATA.xVal(), DATA.yVal(), d), 0.5);
  }
}
