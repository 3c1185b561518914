package io.github.hypergrad4j.bench.ihvp;

import io.github.hypergrad4j.ihvp.ConjugateGradient;
import io.github.hypergrad4j.ihvp.FixedPointIteration;
import io.github.hypergrad4j.ihvp.IhvpResult;
import io.github.hypergrad4j.ihvp.Minres;
import io.github.hypergrad4j.ihvp.NeumannSeries;
import io.github.hypergrad4j.ihvp.NystromPreconditionedCg;
import io.github.hypergrad4j.ihvp.NystromSolver;
import io.github.hypergrad4j.ihvp.SolverOptions;

/**
 * Each solver given a budget B of products with A to build x (tolerance 0, so none stops early;
 * no damping). The final true-residual check every solver makes is one more product, included
 * in the reported {@code operatorApplications}. The exact solver is not here: it needs n products.
 */
public enum BudgetedSolver {
  /** Conjugate gradient, B iterations. */
  CG {
    @Override
    IhvpResult solve(KnownSpectrumProblem p, int budget) {
      return new ConjugateGradient().solve(p.operator, p.b, options(budget));
    }
  },
  /** MINRES, B iterations. */
  MINRES {
    @Override
    IhvpResult solve(KnownSpectrumProblem p, int budget) {
      return new Minres().solve(p.operator, p.b, options(budget));
    }
  },
  /** The Neumann series with K = B terms after the first and the oracle step α = 1/λ_max. */
  NEUMANN {
    @Override
    IhvpResult solve(KnownSpectrumProblem p, int budget) {
      return new NeumannSeries(1 / p.largestEigenvalue()).solve(p.operator, p.b, options(budget));
    }
  },
  /** Gradient-descent fixed point, η = 1/λ_max, B iterations (x_B = Neumann's x_B). */
  FIXED_POINT {
    @Override
    IhvpResult solve(KnownSpectrumProblem p, int budget) {
      return new FixedPointIteration(1 / p.largestEigenvalue()).solve(p.operator, p.b,
          options(budget));
    }
  },
  /** Nyström with k = B sampled columns (ρ = 0: the unseen spectrum is scaled by 1/λ̂_min). */
  NYSTROM_COLUMNS {
    @Override
    IhvpResult solve(KnownSpectrumProblem p, int budget) {
      return NystromSolver.columnSampling(budget).solve(p.operator, p.b, options(1));
    }
  },
  /** Nyström with a k = B Gaussian sketch. */
  NYSTROM_GAUSSIAN {
    @Override
    IhvpResult solve(KnownSpectrumProblem p, int budget) {
      return NystromSolver.gaussian(budget).solve(p.operator, p.b, options(1));
    }
  },
  /** Nyström-preconditioned CG: a sketch of k = max(1, B/2), then B − k iterations. */
  NYSTROM_PCG {
    @Override
    IhvpResult solve(KnownSpectrumProblem p, int budget) {
      int k = Math.max(1, budget / 2);
      return new NystromPreconditionedCg(k).solve(p.operator, p.b, options(budget - k));
    }
  };

  /** Solves A·x = b within {@code budget} products (plus the final residual check). */
  abstract IhvpResult solve(KnownSpectrumProblem p, int budget);

  static SolverOptions options(int iterations) {
    return SolverOptions.budget(iterations).withSeed(1);
  }
}
