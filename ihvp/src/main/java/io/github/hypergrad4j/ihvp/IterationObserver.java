package io.github.hypergrad4j.ihvp;

/**
 * Receives the progress of an iterative solve: called once per iteration, on the solving thread,
 * with the iteration number (1, 2, …) and the residual norm the solver tracks at that point (for
 * the Krylov solvers the recurrence's residual, which can drift from the true residual by
 * rounding; the final, true residual is in {@link IhvpResult#residualNorm()}). An observer must
 * not modify solver state; an exception it throws propagates out of the solve.
 */
@FunctionalInterface
public interface IterationObserver {

  /** An observer that ignores every call. */
  IterationObserver NONE = (iteration, residualNorm) -> {};

  /**
   * @param iteration the iteration just completed, counting from 1
   * @param residualNorm the solver's residual norm after it (absolute, not divided by ‖b‖)
   */
  void onIteration(int iteration, double residualNorm);
}
