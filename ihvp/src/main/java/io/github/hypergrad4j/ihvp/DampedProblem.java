package io.github.hypergrad4j.ihvp;

import io.github.hypergrad4j.ihvp.IhvpResult.Status;
import io.github.hypergrad4j.linalg.Kernels;
import io.github.hypergrad4j.linalg.LinearOperator;

/**
 * One solve of (A + ρI)·x = b as the solvers see it: the checked inputs, the counted products,
 * the observer, and the final accounting that turns an iterate into an {@link IhvpResult}.
 *
 * <p><b>Honesty by construction.</b> Every product a solver makes with A goes through {@link
 * #apply}, {@link #applyUndamped}, {@link #operator} or {@link #evaluate}, so the reported count
 * is complete. A result is made only by {@link #finish}, which computes the residual b − (A +
 * ρI)·x itself from the x it returns: either with one more product, or from an {@link Iterate} —
 * an x together with its product (A + ρI)·x, made by this class from a copy of x, which is the x
 * returned. A solver can hand over a product it already has, never a norm; and {@code CONVERGED}
 * is reported only when that residual meets the tolerance. An iterate's product is asked of a
 * {@link CandidateAwareOperator} through {@link CandidateAwareOperator#applyToCandidate}, with
 * that copy of x.
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

  /** tolerance·‖b‖₂: the true residual at or below which a solve is {@code CONVERGED}. */
  double target() {
    return options.tolerance() * rhsNorm;
  }

  /**
   * The residual at or below which an iteration may stop early: {@link #target()}, or 0 under a
   * fixed budget ({@link SolverOptions#withBudget}), which stops early only at an exact solution.
   */
  double stopTarget() {
    return options.isFixedBudget() ? 0 : target();
  }

  /**
   * The recurrence residual at or below which a Krylov solver checks the true residual: {@link
   * #stopTarget()}, raised to ε²·‖b‖₂ when it is smaller (a fixed budget, or a tolerance below ε²).
   * A true residual is computed with an error of about ε·‖b‖₂ at least, so a recurrence that has
   * fallen to ε²·‖b‖₂ no longer says anything about it — and further down, its squares underflow.
   */
  double checkBelow() {
    return Math.max(stopTarget(), Math.ulp(1.0) * Math.ulp(1.0) * rhsNorm);
  }

  /**
   * The detail of a Krylov solve whose true residual, {@code residualNorm}, did not at least halve
   * since the last restart: the attainable accuracy is reached.
   */
  String stagnation(String label, double residualNorm) {
    return label + ": the true residual stagnates at " + residualNorm + " after a restart (the"
        + " attainable accuracy, about eps*kappa*||b||, is reached"
        + (options.isFixedBudget() ? "; the rest of the budget cannot improve x)"
            : ", above tolerance*||b|| = " + target() + ")");
  }

  /** "budget K spent" or "iteration limit K spent", as the options say. */
  String spent(int limit) {
    return (options.isFixedBudget() ? "budget " : "iteration limit ") + limit + " spent";
  }

  /** The iteration limit or budget of the options, else {@code solverDefault}. */
  int limit(int solverDefault) {
    return options.maxIterationsOr(solverDefault);
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
    product(x, out, false);
  }

  /**
   * out ← (A + ρI)·x; one counted product. With {@code candidate}, x is one a result may return
   * (an {@link Iterate}'s own copy) and the product is made by {@link
   * CandidateAwareOperator#applyToCandidate} when A is one.
   */
  private void product(double[] x, double[] out, boolean candidate) {
    if (candidate && a instanceof CandidateAwareOperator candidates) {
      candidates.applyToCandidate(x, out);
    } else {
      a.apply(x, out);
    }
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

  /**
   * A + ρI (damped) or A (undamped) as an operator whose products are counted here: for the
   * spectrum estimates and for materialising A.
   */
  LinearOperator operator(boolean damped) {
    boolean symmetric = a.isSymmetric();
    return new LinearOperator() {
      @Override
      public int dim() {
        return n;
      }

      @Override
      public void apply(double[] x, double[] out) {
        if (damped) {
          DampedProblem.this.apply(x, out);
        } else {
          applyUndamped(x, out);
        }
      }

      @Override
      public boolean isSymmetric() {
        return symmetric;
      }
    };
  }

  /**
   * An iterate x with its product (A + ρI)·x, the only source of a true residual. Holds its own
   * copy of x, which is the x a result made from it returns.
   */
  final class Iterate {
    private final double[] x;
    private final double[] product;

    private Iterate(double[] x) {
      this.x = x.clone();
      this.product = new double[n];
      if (Kernels.nrm2(x) != 0) { // (A + ρI)·0 = 0 needs no product
        product(this.x, product, true);
      }
    }

    /** r ← b − (A + ρI)·x, and returns ‖r‖₂. No product. */
    double residual(double[] r) {
      Kernels.sub(b, product, r);
      return Kernels.nrm2(r);
    }
  }

  /** x with its product: one counted product, none when x = 0. */
  Iterate evaluate(double[] x) {
    return new Iterate(x);
  }

  /** The start x₀: one product for a warm start, none for x₀ = 0 (whose residual is b). */
  Iterate initial() {
    return new Iterate(start());
  }

  void observe(int iteration, double residualNorm) {
    options.observer().onIteration(iteration, residualNorm);
  }

  /** The result of a solve with b = 0: x = 0, converged, nothing spent. */
  IhvpResult zeroResult() {
    return new IhvpResult(new double[n], Status.CONVERGED, 0, 0, 0.0, 0.0,
        "b = 0, so x = 0 (no products)");
  }

  /**
   * {@link #finish(Iterate, Status, int, String)} for x, after one product for its residual (none
   * when x = 0, none when x holds NaN or ±∞: then the result is {@code DIVERGED}).
   *
   * @param ending how the solve ended, not {@code CONVERGED}: that needs an {@link Iterate}
   */
  IhvpResult finish(double[] x, Status ending, int iterations, String detail) {
    if (ending == Status.CONVERGED) {
      throw new IllegalStateException(solver + ": CONVERGED can only be claimed for an Iterate");
    }
    if (!allFinite(x)) {
      return new IhvpResult(x.clone(), Status.DIVERGED, iterations, applications, Double.NaN,
          rhsNorm, detail + "; x holds NaN or infinity");
    }
    return finish(evaluate(x), ending, iterations, detail);
  }

  /**
   * The result returning the iterate's x with its true residual ‖b − (A + ρI)·x‖₂, computed here
   * from the iterate's product. The status:
   *
   * <ul>
   *   <li>{@code DIVERGED} if x or the residual is NaN or ±∞, or if the solve ended so;
   *   <li>{@code NEGATIVE_CURVATURE} if the solve ended so;
   *   <li>else {@code CONVERGED} if the residual meets the tolerance — also when the solve ended
   *       at its iteration limit or budget ({@code MAX_ITERATIONS}) or could not continue ({@code
   *       BREAKDOWN}), the detail then saying why it stopped;
   *   <li>else the ending; {@code CONVERGED} claimed above the tolerance is a bug of the solver and
   *       throws {@link IllegalStateException}.
   * </ul>
   *
   * @param ending how the solve ended: {@code CONVERGED} when it stopped because this iterate's
   *     residual met the tolerance, {@code MAX_ITERATIONS} when it spent its iterations (for
   *     one-shot solvers: their single solve), or the failure met
   */
  IhvpResult finish(Iterate iterate, Status ending, int iterations, String detail) {
    double[] x = iterate.x;
    double residualNorm = iterate.residual(new double[n]);
    boolean met = residualNorm <= target();
    Status status;
    String why = detail;
    if (!Double.isFinite(residualNorm) || !allFinite(x)) {
      status = Status.DIVERGED;
      why = detail + "; the true residual is " + residualNorm;
    } else if (ending == Status.DIVERGED || ending == Status.NEGATIVE_CURVATURE || !met) {
      if (ending == Status.CONVERGED) {
        throw new IllegalStateException(solver + ": CONVERGED claimed, but the true residual "
            + residualNorm + " exceeds tolerance*||b|| = " + target());
      }
      status = ending;
    } else {
      status = Status.CONVERGED;
    }
    return new IhvpResult(x, status, iterations, applications, residualNorm, rhsNorm,
        why + " (true relative residual " + (rhsNorm == 0 ? 0 : residualNorm / rhsNorm)
            + ", tolerance "
            + options.tolerance() + ")");
  }

  /** True when every element is finite (‖v‖₂ is overflow-safe, so it is finite exactly then). */
  static boolean allFinite(double[] v) {
    return Double.isFinite(Kernels.nrm2(v));
  }
}
