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
      case EXACT -> new ExactSolver(5000);
    };
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
