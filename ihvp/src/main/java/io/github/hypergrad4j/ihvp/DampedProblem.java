package io.github.hypergrad4j.ihvp;

import io.github.hypergrad4j.ihvp.IhvpResult.Status;
import io.github.hypergrad4j.linalg.Kernels;
import io.github.hypergrad4j.linalg.LinearOperator;

/**
 * One solve of (A + ρI)·x = b as the solvers see it: the checked inputs, the counted products,
 * the observer, and the final accounting that turns an iterate into an {@link IhvpResult} with
 * its true residual. Every product a solver makes with A goes through {@link #apply}, {@link
 * #applyUndamped} or {@link #dampedOperator()}, so the reported count is complete by
 * construction.
 */
final class DampedProblem {

  private final String solver;
  private final LinearOperator a;
  private final double rho;
  private final double[] b;
  private final int n;
  private final double rhsNorm;
  private final SolverOptions options;
  private final double[] warmStart; // null: x0 = 0
  private long applications;

  private DampedProblem(String solver, LinearOperator a, double[] b, SolverOptions options,
      double[] warmStart) {
    this.solver = solver;
    this.a = a;
    this.rho = options.damping();
    this.b = b;
    this.n = b.length;
    this.rhsNorm = Kernels.nrm2(b);
    this.options = options;
    this.warmStart = warmStart;
  }

  /**
   * Checks the arguments of {@code solver}'s solve.
   *
   * @param needsSymmetry whether the solver refuses an operator that is not symmetric
   * @throws IllegalArgumentException naming the bad argument and the sizes or value seen
   */
  static DampedProblem of(String solver, LinearOperator a, double[] b, SolverOptions options,
      boolean needsSymmetry) {
    if (a == null) {
      throw new IllegalArgumentException(solver + ": the operator is null");
    }
    if (b == null) {
      throw new IllegalArgumentException(solver + ": b is null");
    }
    if (options == null) {
      throw new IllegalArgumentException(solver + ": options is null");
    }
    int n = a.dim();
    if (b.length != n) {
      throw new IllegalArgumentException(solver + ": b has length " + b.length + " but the operator"
          + " is " + n + "x" + n);
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(b[i])) {
        throw new IllegalArgumentException(
            solver + ": b must be finite, but b[" + i + "] = " + b[i]);
      }
    }
    double[] x0 = options.warmStart().orElse(null);
    if (x0 != null && x0.length != n) {
      throw new IllegalArgumentException(solver + ": the warm start x0 has length " + x0.length
          + " but the operator is " + n + "x" + n);
    }
    if (needsSymmetry && !a.isSymmetric()) {
      throw new IllegalArgumentException(solver + ": the operator (" + a.getClass().getSimpleName()
          + ", " + n + "x" + n + ") is not symmetric (isSymmetric() = false), and this solver"
          + " needs A = A^T; wrap a matrix that is symmetric in exact arithmetic in an operator"
          + " that says so, or use a solver for general operators");
    }
    return new DampedProblem(solver, a, b, options, x0);
  }

  String solver() {
    return solver;
  }

  int n() {
    return n;
  }

  double rho() {
    return rho;
  }

  /** The right-hand side itself (read only). */
  double[] b() {
    return b;
  }

  double rhsNorm() {
    return rhsNorm;
  }

  SolverOptions options() {
    return options;
  }

  /** The residual norm at which the solve may stop: tolerance·‖b‖₂. */
  double target() {
    return options.tolerance() * rhsNorm;
  }

  boolean hasWarmStart() {
    return warmStart != null;
  }

  /** A new array holding x₀ (the warm start, or zeros). */
  double[] start() {
    return warmStart == null ? new double[n] : warmStart.clone();
  }

  long applications() {
    return applications;
  }

  /** out ← (A + ρI)·x; one counted product. */
  void apply(double[] x, double[] out) {
    a.apply(x, out);
    applications++;
    if (rho != 0) {
      Kernels.axpy(rho, x, out);
    }
  }

  /** out ← A·x without the damping; one counted product (sketches of A itself). */
  void applyUndamped(double[] x, double[] out) {
    a.apply(x, out);
    applications++;
  }

  /** A + ρI as an operator whose products are counted here (for the spectrum estimates). */
  LinearOperator dampedOperator() {
    boolean symmetric = a.isSymmetric();
    return new LinearOperator() {
      @Override
      public int dim() {
        return n;
      }

      @Override
      public void apply(double[] x, double[] out) {
        DampedProblem.this.apply(x, out);
      }

      @Override
      public boolean isSymmetric() {
        return symmetric;
      }
    };
  }

  /** r ← b − (A + ρI)·x and returns ‖r‖₂; one counted product. */
  double residual(double[] x, double[] r) {
    apply(x, r);
    Kernels.sub(b, r, r);
    return Kernels.nrm2(r);
  }

  void observe(int iteration, double residualNorm) {
    options.observer().onIteration(iteration, residualNorm);
  }

  /** The result of a solve with b = 0: x = 0, converged, nothing spent. */
  IhvpResult zeroResult() {
    return new IhvpResult(new double[n], Status.CONVERGED, 0, 0, 0.0, 0.0,
        "b = 0, so x = 0 (no products)");
  }

  /** {@link #finish(double[], Status, int, String, double)} after one product for the residual. */
  IhvpResult finish(double[] x, Status claimed, int iterations, String detail) {
    if (!allFinite(x)) {
      return new IhvpResult(x, Status.DIVERGED, iterations, applications, Double.NaN, rhsNorm,
          detail + "; x holds NaN or infinity");
    }
    double residualNorm = residual(x, new double[n]);
    return finish(x, claimed, iterations, detail, residualNorm);
  }

  /**
   * The result for iterate x whose true residual norm {@code residualNorm} has just been computed
   * from x itself. The status is DIVERGED if x or the residual is not finite; CONVERGED or
   * MAX_ITERATIONS, as the true residual decides, if the solver claims either; else the claim.
   */
  IhvpResult finish(double[] x, Status claimed, int iterations, String detail,
      double residualNorm) {
    Status status = claimed;
    String why = detail;
    if (!Double.isFinite(residualNorm) || !allFinite(x)) {
      status = Status.DIVERGED;
      why = detail + "; the true residual is " + residualNorm;
    } else if (claimed == Status.CONVERGED || claimed == Status.MAX_ITERATIONS) {
      status = residualNorm <= target() ? Status.CONVERGED : Status.MAX_ITERATIONS;
    }
    return new IhvpResult(x, status, iterations, applications, residualNorm, rhsNorm,
        why + " (true relative residual " + (rhsNorm == 0 ? 0 : residualNorm / rhsNorm)
            + ", tolerance " + options.tolerance() + ")");
  }

  /** True when every element is finite (‖v‖₂ is overflow-safe, so it is finite exactly then). */
  static boolean allFinite(double[] v) {
    return Double.isFinite(Kernels.nrm2(v));
  }
}
