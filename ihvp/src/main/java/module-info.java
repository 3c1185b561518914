/**
 * Matrix-free solvers of (A + ρI)·x = b, the inverse-Hessian-vector products (IHVPs) of implicit
 * hypergradients: conjugate gradient, MINRES, Neumann series, fixed-point iteration, Nyström
 * (direct and as a CG preconditioner) and an exact dense reference, plus power-iteration and
 * Lanczos spectrum estimates. A solver sees only a {@link io.github.hypergrad4j.linalg.LinearOperator};
 * see {@link io.github.hypergrad4j.ihvp.IhvpSolver} for the contract every solver keeps.
 */
module io.github.hypergrad4j.ihvp {
  requires transitive io.github.hypergrad4j.linalg;
  // linalg's factorisations (used by the exact solver, Nyström and Lanczos) run on EJML, which
  // linalg only requires statically: requiring it here resolves it at run time
  requires ejml.ddense;

  exports io.github.hypergrad4j.ihvp;
}
