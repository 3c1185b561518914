package io.github.hypergrad4j.bench.accuracy;

import io.github.hypergrad4j.ihvp.ConjugateGradient;
import io.github.hypergrad4j.ihvp.IhvpSolver;
import io.github.hypergrad4j.ihvp.Minres;
import io.github.hypergrad4j.ihvp.NystromPreconditionedCg;
import io.github.hypergrad4j.ihvp.NystromSolver;
import io.github.hypergrad4j.ihvp.SolverOptions;

/**
 * The inverse-HVP solvers of the study, each configured for a budget of B Hessian-vector
 * products with the conventions of the ihvp benchmarks' {@code BudgetedSolver}: relative
 * tolerance 0 (nothing stops early on its own), no damping, seed 1 for every random choice, and
 * the final true-residual product each solver makes on top of its B (reported in its
 * {@code operatorApplications}, which is what the study records). Two additions for real
 * problems: a sketch size k is capped at n (a sketch of n columns is already exact; so for
 * budgets above n the Nyström variants spend only n + 1), and the step-size methods estimate
 * their step inside the budget ({@link PowerStepSolver}) instead of being told λ_max.
 */
public enum StudySolver {
  /** Conjugate gradient, B iterations (Hestenes and Stiefel 1952). */
  CG("CG"),
  /** The Neumann series: power iteration, then K terms, B products in all (Lorraine et al. 2020). */
  NEUMANN("Neumann"),
  /** The gradient-descent fixed point: power iteration, then iterations, B products in all (Grazzi et al. 2020). */
  FIXED_POINT("fixed point"),
  /** Nyström sketch-and-solve with k = min(B, n) sampled columns (Hataya and Yamada 2023). */
  NYSTROM_COLUMNS("Nystrom columns"),
  /** Nyström sketch-and-solve with a k = min(B, n) Gaussian sketch (Frangella, Tropp and Udell 2023). */
  NYSTROM_GAUSSIAN("Nystrom Gaussian"),
  /**
   * Structure-aware Nyström: ∇²f = D + M with D the known L2 diagonal kept exactly and M sketched
   * by a k = min(B, n) Gaussian sketch.
   */
  NYSTROM_STRUCTURED("Nystrom structured"),
  /** Nyström-preconditioned CG: a Gaussian sketch of k = min(max(1, B/2), n), then B − k iterations. */
  NYSTROM_PCG("Nystrom-PCG"),
  /** MINRES, B iterations (Paige and Saunders 1975): needs no positive definiteness. */
  MINRES("MINRES");

  /** The seed of every random choice of the solves. */
  public static final long SEED = 1;

  /** The name in tables, the CSV and the plots' legends. */
  public final String label;

  StudySolver(String label) {
    this.label = label;
  }

  /**
   * A solver and its options for a budget of B products on {@code problem}.
   *
   * @param solver the configured solver
   * @param options tolerance 0, the iteration limit, seed {@value #SEED}
   */
  public record Configured(IhvpSolver solver, SolverOptions options) {}

  /**
   * This solver configured for budget B on a problem of dimension n with the known diagonal
   * {@code diagonal}.
   *
   * @param budget B ≥ 1
   * @param n the dimension of θ (sketch sizes are capped at n)
   * @param diagonal the known L2 part of ∇²f (used by the structured Nyström variant only)
   * @return the solver and its options
   * @throws IllegalArgumentException if B &lt; 1
   */
  public Configured configure(int budget, int n, double[] diagonal) {
    if (budget < 1) {
      throw new IllegalArgumentException("StudySolver: the budget must be >= 1, got " + budget);
    }
    int k = Math.min(budget, n);
    return switch (this) {
      case CG -> new Configured(new ConjugateGradient(), options(budget));
      case MINRES -> new Configured(new Minres(), options(budget));
      case NEUMANN -> new Configured(
          new PowerStepSolver(true, PowerStepSolver.powerStepsFor(budget), budget), options(budget));
      case FIXED_POINT -> new Configured(
          new PowerStepSolver(false, PowerStepSolver.powerStepsFor(budget), budget), options(budget));
      case NYSTROM_COLUMNS -> new Configured(NystromSolver.columnSampling(k), options(1));
      case NYSTROM_GAUSSIAN -> new Configured(NystromSolver.gaussian(k), options(1));
      case NYSTROM_STRUCTURED -> new Configured(NystromSolver.structured(k, diagonal, true), options(1));
      case NYSTROM_PCG -> {
        int sketch = Math.min(Math.max(1, budget / 2), n);
        yield new Configured(new NystromPreconditionedCg(sketch), options(budget - sketch));
      }
    };
  }

  private static SolverOptions options(int iterations) {
    return SolverOptions.budget(iterations).withSeed(SEED);
  }
}
