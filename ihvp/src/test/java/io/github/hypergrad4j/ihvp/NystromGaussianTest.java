package io.github.hypergrad4j.ihvp;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.hypergrad4j.ihvp.IhvpResult.Status;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nyström with a Gaussian sketch; sketch sizes as in {@link NystromColumnSamplingTest}. */
class NystromGaussianTest extends IhvpSolverContract {

  @Override
  IhvpSolver solverFor(TestProblem problem) {
    return NystromSolver.gaussian(NystromColumnSamplingTest.sketchSize(problem));
  }

  @Override
  boolean needsSymmetry() {
    return true;
  }

  @Override
  boolean oneShot() {
    return true;
  }

  @Override
  List<Case> accurateCases() {
    return NystromColumnSamplingTest.exactCases();
  }

  @Override
  List<StatusCase> statusCases() {
    return List.of(
        ending(TestProblem.spd(200, 1e3, 6), 0, 1, Status.MAX_ITERATIONS),
        ending(TestProblem.spd(200, 10, 6), 0.1, 1, Status.MAX_ITERATIONS));
  }

  @Test
  void theSeedChoosesTheSketch() {
    TestProblem p = TestProblem.spd(100, 100, 8);
    SolverOptions options = options(0.5, 1e-10, 1);
    IhvpResult one = NystromSolver.gaussian(20).solve(p.operator(), p.b, options.withSeed(1));
    IhvpResult two = NystromSolver.gaussian(20).solve(p.operator(), p.b, options.withSeed(2));
    assertFalse(Arrays.equals(one.x(), two.x()), "different seeds, same approximation");
  }
}
