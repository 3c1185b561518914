package io.github.hypergrad4j.bench.meta;

import io.github.hypergrad4j.bilevel.InnerOptimizer;
import io.github.hypergrad4j.bilevel.InnerStopping;
import io.github.hypergrad4j.bilevel.meta.FirstOrderMaml;
import io.github.hypergrad4j.bilevel.meta.Imaml;
import io.github.hypergrad4j.bilevel.meta.Maml;
import io.github.hypergrad4j.bilevel.meta.MetaGradient;
import io.github.hypergrad4j.bilevel.meta.Reptile;
import io.github.hypergrad4j.ihvp.SolverOptions;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The four meta-learners of the sinusoid benchmark, by their command-line names. */
public enum MetaMethod {
  /**
   * Implicit MAML: the proximal inner problem solved by L-BFGS to ‖∇‖ ≤ 10⁻⁶ (at most the
   * inner-step count of iterations: the implicit gradient assumes a solved inner problem, and a
   * few small gradient steps left I + H/λ indefinite in a third of the CG solves), the
   * meta-gradient by CG.
   */
  IMAML("imaml"),
  /** MAML: reverse mode through the inner SGD steps. */
  MAML("maml"),
  /** First-order MAML. */
  FOMAML("fomaml"),
  /** Reptile. */
  REPTILE("reptile");

  /** The name on the command line. */
  public final String cliName;

  MetaMethod(String cliName) {
    this.cliName = cliName;
  }

  /**
   * The meta-gradient with these inner settings: K inner steps of size α (for iMAML, at most K
   * L-BFGS iterations on the proximal problem with strength λ, to ‖∇‖ ≤ 10⁻⁶, then CG with the
   * budget; α is then used only in the evaluation's adaptation).
   */
  public MetaGradient create(int innerSteps, double innerLearningRate, double lambda, int cgBudget) {
    return switch (this) {
      case IMAML -> new Imaml(lambda, InnerOptimizer.lbfgs(),
          new InnerStopping(1e-6, innerSteps), SolverOptions.budget(cgBudget));
      case MAML -> new Maml(innerSteps, innerLearningRate);
      case FOMAML -> new FirstOrderMaml(innerSteps, innerLearningRate);
      case REPTILE -> new Reptile(innerSteps, innerLearningRate);
    };
  }

  /** The method called {@code name}, if any. */
  public static Optional<MetaMethod> byName(String name) {
    return Arrays.stream(values()).filter(m -> m.cliName.equals(name.toLowerCase(Locale.ROOT))).findFirst();
  }

  /** The names, comma-separated. */
  public static String names() {
    return Arrays.stream(values()).map(m -> m.cliName).collect(Collectors.joining(", "));
  }
}
