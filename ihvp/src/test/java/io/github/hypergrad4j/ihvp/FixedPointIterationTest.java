package io.github.hypergrad4j.ihvp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.ihvp.IhvpResult.Status;
import io.github.hypergrad4j.linalg.DenseMatrixOperator;
import io.github.hypergrad4j.linalg.LinearOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Fixed-point iteration of gradient descent, η = 1/λ_max(A + ρI), and the general adjoint form. */
class FixedPointIterationTest extends IhvpSolverContract {

  @Override
  IhvpSolver solverFor(TestProblem problem) {
    return new FixedPointIteration(1 / Math.abs(problem.largestEigenvalue()));
  }

  @Override
  boolean needsSymmetry() {
    return false;
  }

  @Override
  List<Case> accurateCases() {
    List<Case> cases = new ArrayList<>();
    for (int n : SIZES) {
      cases.add(accurate(TestProblem.spd(n, 10, n), 0, 1e-10, 600, 1e-8));
    }
    return cases;
  }

  @Override
  List<StatusCase> statusCases() {
    return List.of(
        ending(NeumannSeriesTest.mostlyPositive(), 0, 2000, Status.DIVERGED),
        ending(TestProblem.spd(200, 1e3, 6), 0, 100, Status.MAX_ITERATIONS));
  }

  @Test
  void fromZeroIterateKPlusOneIsTheNeumannPartialSumK() {
    TestProblem p = TestProblem.spd(80, 30, 3);
    double eta = 1.5 / p.largestEigenvalue();
    for (int k : new int[] {0, 1, 4, 25}) {
      IhvpResult neumann = new NeumannSeries(eta).solve(p.operator(), p.b, options(0.1, 0, k));
      IhvpResult fixed = new FixedPointIteration(eta).solve(p.operator(), p.b,
          options(0.1, 0, k + 1));
      assertTrue(TestProblem.relativeError(fixed.x(), neumann.x()) <= 1e-13,
          "K = " + k + ": " + TestProblem.relativeError(fixed.x(), neumann.x()));
      // K+1 iterations cost K+1 products; K Neumann terms cost K, plus one residual check
      assertEquals(k + 1, fixed.operatorApplications());
      assertEquals(k + 1, neumann.operatorApplications());
    }
  }

  @Test
  void adjointOfGradientDescentGivesTheInverseHessianProductOverEta() {
    // Φ(θ) = θ − η∇f: J = I − ηA (symmetric), (I − Jᵀ)v = c ⇔ ηA·v = c
    TestProblem p = TestProblem.spd(60, 10, 4);
    double eta = 1 / p.largestEigenvalue();
    LinearOperator a = p.operator();
    LinearOperator j = a.scaled(-eta).shifted(1.0);
    IhvpResult v = FixedPointIteration.solveAdjoint(j, p.b, options(0, 1e-12, 2000));
    assertEquals(Status.CONVERGED, v.status(), v.detail());
    double[] expected = p.closedForm(p.b, 0);
    for (int i = 0; i < expected.length; i++) {
      expected[i] /= eta;
    }
    assertTrue(TestProblem.relativeError(v.x(), expected) <= 1e-10);
  }

  @Test
  void dampedAdjointSolvesOnePlusRhoMinusJTransposed() {
    // a non-symmetric contraction J = 0.6·R with R orthogonal (‖J‖ = 0.6): check the residual
    int n = 40;
    Random random = new Random(5);
    double[] r = TestProblem.withSpectrum("orthogonal source", new double[n], 5).q.clone();
    double[] jt = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < n; k++) {
        jt[i * n + k] = 0.6 * r[k * n + i]; // Jᵀ
      }
    }
    double[] c = TestProblem.gaussian(random, n);
    double rho = 0.25;
    TestOperators.Counted counted =
        new TestOperators.Counted(new DenseMatrixOperator(jt, n));
    IhvpResult v = FixedPointIteration.solveAdjoint(counted, c, options(rho, 1e-12, 500));
    assertEquals(Status.CONVERGED, v.status(), v.detail());
    assertEquals(counted.count, v.operatorApplications());
    double[] jtv = TestProblem.multiply(jt, n, v.x());
    double[] residual = new double[n];
    for (int i = 0; i < n; i++) {
      residual[i] = c[i] - ((1 + rho) * v.x()[i] - jtv[i]);
    }
    assertEquals(TestProblem.norm(residual), v.residualNorm(), 1e-12 * TestProblem.norm(c));
    assertTrue(TestProblem.norm(residual) <= 1e-12 * TestProblem.norm(c));
    // contraction factor 0.6/1.25 = 0.48 per iteration: 1e-12 within about 40 iterations
    assertTrue(v.iterations() <= 45, "iterations " + v.iterations());
  }

  @Test
  void anExpansiveMapDiverges() {
    TestProblem p = TestProblem.spd(30, 10, 6);
    IhvpResult result = new FixedPointIteration(2.5 / p.largestEigenvalue()).solve(p.operator(),
        p.b, options(0, 1e-10, 1000));
    assertEquals(Status.DIVERGED, result.status(), result.detail());
  }

  @Test
  void badArgumentsAreRefused() {
    expectMessage(() -> new FixedPointIteration(0), "eta", "0.0");
    expectMessage(() -> new FixedPointIteration(Double.POSITIVE_INFINITY), "eta", "Infinity");
    expectMessage(() -> FixedPointIteration.solveAdjoint(null, new double[2],
        SolverOptions.defaults()), "J^T is null");
    TestProblem p = TestProblem.spd(5, 10, 3);
    expectMessage(() -> FixedPointIteration.solveAdjoint(p.operator(), new double[6],
        SolverOptions.defaults()), "b has length 6", "5x5");
  }
}
