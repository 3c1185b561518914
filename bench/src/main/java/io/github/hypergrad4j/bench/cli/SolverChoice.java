package io.github.hypergrad4j.bench.cli;

import io.github.hypergrad4j.ihvp.ConjugateGradient;
import io.github.hypergrad4j.ihvp.ExactSolver;
import io.github.hypergrad4j.ihvp.IhvpSolver;
import io.github.hypergrad4j.ihvp.Minres;
import io.github.hypergrad4j.ihvp.NeumannSeries;
import io.github.hypergrad4j.ihvp.NystromPreconditionedCg;
import io.github.hypergrad4j.ihvp.NystromSolver;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The inverse-HVP solvers the command line offers, by name. */
enum SolverChoice {
  CG("cg", "conjugate gradient"),
  MINRES("minres", "MINRES"),
  NEUMANN("neumann", "Neumann series, step from power iteration"),
  NYSTROM("nystrom", "Nystrom, Gaussian sketch of 20"),
  NYSTROM_PCG("nystrom-pcg", "CG preconditioned by a Nystrom sketch of 20"),
  EXACT("exact", "materialised Hessian, Cholesky or LU");

  /** The most parameters {@code exact} takes: it materialises their n × n Hessian (n products, 8n² bytes). */
  static final int EXACT_LIMIT = 5000;

  /** The largest damping {@code --damping} takes. */
  static final double MAX_DAMPING = 1e4;

  /** Why: the solve then returns about (∇g)/ρ, whatever the Hessian. */
  static final String DAMPING_LIMIT_REASON = "above that, (H + rho I)^-1 ~ I/rho and the hypergradient vanishes";

  final String cliName;
  final String description;

  SolverChoice(String cliName, String description) {
    this.cliName = cliName;
    this.description = description;
  }

  /**
   * A solver instance. (Fixed-point iteration with gradient-descent steps is the Neumann
   * iteration, so the command line offers only the latter.)
   */
  IhvpSolver create() {
    return switch (this) {
      case CG -> new ConjugateGradient();
      case MINRES -> new Minres();
      case NEUMANN -> NeumannSeries.automatic();
      case NYSTROM -> NystromSolver.gaussian(20);
      case NYSTROM_PCG -> new NystromPreconditionedCg(20);
      case EXACT -> new ExactSolver(EXACT_LIMIT);
    };
  }

  /**
   * Refuses, before the run, a problem of {@code parameters} parameters that this solver cannot
   * take: {@code exact} takes at most {@value #EXACT_LIMIT}; the others have no limit.
   */
  void checkSize(String command, int parameters) {
    if (this == EXACT && parameters > EXACT_LIMIT) {
      throw new UsageException(command + ": --solver exact materialises the Hessian, which it does for at most "
          + EXACT_LIMIT + " parameters, but this problem has " + parameters + ": use --solver cg");
    }
  }

  static SolverChoice parse(String name) {
    for (SolverChoice c : values()) {
      if (c.cliName.equals(name.toLowerCase(Locale.ROOT))) {
        return c;
      }
    }
    throw new UsageException("tune: unknown solver '" + name + "' (choose one of "
        + Arrays.stream(values()).map(c -> c.cliName).collect(Collectors.joining(", ")) + ")");
  }

  static String list() {
    return Arrays.stream(values()).map(c -> String.format("    %-12s %s", c.cliName, c.description))
        .collect(Collectors.joining("\n"));
  }
}
