package io.github.hypergrad4j.bench.accuracy;

import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.ihvp.SpectrumEstimate;
import io.github.hypergrad4j.linalg.factor.SymmetricEigendecomposition;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The four problems of the study, each prepared at a fixed λ: the inner problem solved tightly
 * ({@link InnerSolve}, target ‖∇_θ f‖₂ ≤ {@value #INNER_TOLERANCE}) and the exact hypergradient
 * computed (closed form for ridge, {@link ExactReference} otherwise). Every data split is 60/20/20
 * with seed {@value #SPLIT_SEED}, standardised with the training part's statistics.
 */
public enum ProblemCatalog {

  /** Ridge on diabetes: 10 parameters, 10 penalties λ_j = 10⁻², closed-form reference. */
  RIDGE("ridge") {
    @Override
    StudyProblem prepare() {
      RidgeProblem ridge = RidgeProblem.diabetes(SPLIT_SEED);
      double[] lambda = filled(ridge.features(), 1e-2);
      BilevelProblem problem = ridge.problem(lambda);
      double[] theta = ridge.solution(lambda);
      double gradientNorm = InnerSolve.gradientNorm(problem, theta, lambda);
      double[] exact = ridge.hypergradient(lambda);
      for (int i = 0; i < 200; i++) {
        ridge.hypergradient(lambda); // JIT warm-up: each run is only microseconds
      }
      double[] times = new double[21];
      for (int i = 0; i < times.length; i++) {
        long start = System.nanoTime();
        ridge.hypergradient(lambda);
        times[i] = (System.nanoTime() - start) / 1e6;
      }
      double millis = AccuracyStudy.median(times);
      SymmetricEigendecomposition eig = SymmetricEigendecomposition.factor(ridge.hessian(lambda), ridge.features());
      double[] w = eig.eigenvalues();
      String description = String.format(Locale.ROOT, "ridge regression on diabetes: %d train / %d validation"
          + " rows, %d parameters, %d hyperparameters (one penalty per feature), lambda_j = 1e-2",
          ridge.trainingRows(), ridge.validationRows(), theta.length, lambda.length);
      String reference = String.format(Locale.ROOT, "closed form (Cholesky of X^T X/n + diag(lambda));"
          + " theta* in closed form, |grad f| = %.1e; eigenvalues of the Hessian %.3g .. %.3g (exact)",
          gradientNorm, w[0], w[w.length - 1]);
      return new StudyProblem(cliName, description, problem, theta, lambda, exact, lambda.clone(),
          gradientNorm, reference, 0, millis, w[0], w[w.length - 1]);
    }
  },

  /** Binary logistic regression on breast cancer: 31 parameters, 30 penalties λ_j = 10⁻². */
  BREAST_CANCER("breast-cancer") {
    @Override
    StudyProblem prepare() {
      LogisticProblem model = LogisticProblem.breastCancer(SPLIT_SEED, 1e-2);
      double[] lambda = filled(model.weights(), 1e-2);
      BilevelProblem problem = model.problem(lambda);
      return withExactReference(cliName, String.format(Locale.ROOT, "per-feature-L2 logistic regression on"
          + " breast cancer: %d parameters, %d hyperparameters, lambda_j = 1e-2, bias penalty 1e-2 (fixed)",
          model.parameters(), model.weights()), problem, lambda, model.knownDiagonal(lambda));
    }
  },

  /** Multinomial logistic regression on digits: 650 parameters, 640 penalties λ_j = 10⁻². */
  DIGITS("digits") {
    @Override
    StudyProblem prepare() {
      LogisticProblem model = LogisticProblem.digits(SPLIT_SEED, 1e-2);
      double[] lambda = filled(model.weights(), 1e-2);
      BilevelProblem problem = model.problem(lambda);
      return withExactReference(cliName, String.format(Locale.ROOT, "per-weight-L2 multinomial logistic"
          + " regression on digits: %d parameters, %d hyperparameters, lambda_j = 1e-2, bias penalty 1e-2"
          + " (fixed)", model.parameters(), model.weights()), problem, lambda, model.knownDiagonal(lambda));
    }
  },

  /** A tanh MLP on digits, hidden width 16: 1210 parameters, 2 penalties λ = (10⁻³, 10⁻³). */
  MLP("mlp") {
    @Override
    StudyProblem prepare() {
      TanhMlpProblem model = TanhMlpProblem.digits(SPLIT_SEED, MLP_HIDDEN, 1e-3);
      double[] lambda = {1e-3, 1e-3};
      BilevelProblem problem = model.problem(lambda, MLP_INIT_SEED);
      return withExactReference(cliName, String.format(Locale.ROOT, "one-hidden-layer tanh MLP on digits:"
          + " 64-%d-10, %d parameters, 2 hyperparameters (one L2 per layer), lambda = (1e-3, 1e-3), bias"
          + " penalty 1e-3 (fixed), initial weights from seed %d", model.hidden(), model.parameters(), MLP_INIT_SEED),
          problem, lambda, model.knownDiagonal(lambda));
    }
  };

  /** Seed of every data split. */
  public static final long SPLIT_SEED = 7;

  /** The gradient norm the inner solves aim at. */
  public static final double INNER_TOLERANCE = 1e-10;

  /** The MLP's hidden width (kept small so the exact solver can materialise the Hessian). */
  public static final int MLP_HIDDEN = 16;

  /** Seed of the MLP's initial weights. */
  public static final long MLP_INIT_SEED = 11;

  private static final int INNER_MAX_ITERATIONS = 20_000;

  /** The name on the command line and in the CSV. */
  public final String cliName;

  ProblemCatalog(String cliName) {
    this.cliName = cliName;
  }

  /**
   * Builds the problem, solves its inner problem and computes its exact hypergradient (seconds:
   * the MLP's inner solve and its 1210-product exact solve dominate).
   */
  abstract StudyProblem prepare();

  /**
   * @param name a command-line name such as {@code breast-cancer}
   * @return the problem called {@code name}, or empty
   */
  public static java.util.Optional<ProblemCatalog> byName(String name) {
    return Arrays.stream(values()).filter(p -> p.cliName.equals(name)).findFirst();
  }

  /** @return the command-line names, comma-separated, for messages */
  public static String names() {
    return Arrays.stream(values()).map(p -> p.cliName).collect(Collectors.joining(", "));
  }

  private static StudyProblem withExactReference(String name, String description, BilevelProblem problem,
      double[] lambda, double[] diagonal) {
    InnerSolve.Solution inner = InnerSolve.solve(problem, lambda, problem.initialTheta(), INNER_TOLERANCE,
        INNER_MAX_ITERATIONS);
    ExactReference.Result exact = ExactReference.hypergradient(problem, inner.theta(), lambda);
    SpectrumEstimate spectrum = ExactReference.spectrum(problem, inner.theta(), lambda);
    String reference = String.format(Locale.ROOT, "%s; inner solve: %s; Lanczos (%d steps):"
        + " Hessian eigenvalues %.3g .. %.3g%s", exact.describe(), inner.describe(),
        spectrum.iterations(), spectrum.smallest(), spectrum.largest(),
        spectrum.smallest() < 0 ? " (INDEFINITE)" : "");
    return new StudyProblem(name, description, problem, inner.theta(), lambda, exact.hypergradient(), diagonal,
        inner.gradientNorm(), reference, exact.products(), exact.millis(), spectrum.smallest(),
        spectrum.largest());
  }

  private static double[] filled(int n, double value) {
    double[] v = new double[n];
    Arrays.fill(v, value);
    return v;
  }
}
