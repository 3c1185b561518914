package io.github.hypergrad4j.ihvp;

import java.util.List;
import org.junit.jupiter.api.Nested;

/**
 * The promise for CG and MINRES — true relative residual ≤ 1e-10 within n iterations on
 * κ ≤ 10³ (n from 1 to 500; MINRES also on indefinite matrices) — through the whole contract, for
 * the variants with full reorthogonalisation.
 */
class ReorthogonalizedKrylovTest {

  @Nested
  class ConjugateGradientWithinN extends IhvpSolverContract {
    @Override
    IhvpSolver solverFor(TestProblem problem) {
      return new ConjugateGradient().withFullReorthogonalization();
    }

    @Override
    boolean needsSymmetry() {
      return true;
    }

    @Override
    List<Case> accurateCases() {
      return ConjugateGradientTest.krylovCases(true);
    }
  }

  @Nested
  class MinresWithinN extends IhvpSolverContract {
    @Override
    IhvpSolver solverFor(TestProblem problem) {
      return new Minres().withFullReorthogonalization();
    }

    @Override
    boolean needsSymmetry() {
      return true;
    }

    @Override
    List<Case> accurateCases() {
      return MinresTest.minresCases(true);
    }
  }
}
