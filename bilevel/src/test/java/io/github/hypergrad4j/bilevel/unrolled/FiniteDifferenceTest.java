package io.github.hypergrad4j.bilevel.unrolled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bilevel.BilevelProblem;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reverse mode against central differences of the validation loss through the whole re-run
 * training, for every optimiser and every kind of hyperparameter (each schedule, θ₀, λ), on
 * logistic regression on breast cancer (31 parameters, 30 penalties, T = 30, schedules that vary
 * per step): every entry of every hypergradient, full batch; and along random directions with
 * seeded mini-batches of 64 rows.
 *
 * <p><b>The error budget.</b> A central difference (L(η + h) − L(η − h))/2h errs by the truncation
 * h²·L‴/6 plus the rounding δ/h, δ the noise in one evaluation of L. The steps, and the errors
 * measured with them (2-norm relative error over a whole hypergradient; for a unit direction u,
 * |FD − ⟨∇L, u⟩| / ‖∇L‖, the most a unit direction can see):
 *
 * <ul>
 *   <li>double-precision optimisers, h = 10⁻⁵: the truncation falls by 100 from h = 10⁻⁴ to 10⁻⁵
 *       (the h² law) to at most 10⁻⁸, the rounding is about 10⁻¹⁰ (δ ≈ 10⁻¹⁷); measured 2·10⁻¹⁰
 *       to 4·10⁻⁹ per entry, below 3·10⁻¹⁰ along directions;
 *   <li>Adam, h = 10⁻⁶: its step m̂/(√v̂ + ε) is more curved (truncation 4·10⁻⁷ at h = 10⁻⁵ for
 *       θ₀); measured 4·10⁻¹⁰ to 7·10⁻⁹ per entry, below 5·10⁻¹⁰ along directions;
 *   <li>the fixed-point {@link ExactReversibleMomentum}: each operation rounds to 2⁻⁴⁴, so δ is
 *       about 10⁻¹¹ relative and the rounding error is 2·10⁻⁶ already at h = 10⁻⁵; with h = 3·10⁻⁴
 *       (schedules), 10⁻⁴ (θ₀) and 10⁻⁵ (λ, whose smallest entry is 10⁻³) measured 2·10⁻⁸ to
 *       5·10⁻⁸ per entry, below 3·10⁻⁸ along directions.
 * </ul>
 *
 * The test asserts 10⁻⁶, the bound: 20 to 5000 times the measured errors.
 */
class FiniteDifferenceTest {

  static final int STEPS = 30;
  static final double TOLERANCE = 1e-6;

  static Stream<UnrolledOptimizer> optimizers() {
    return Optimizers.all(STEPS).stream();
  }

  /** The difference step for a kind of hyperparameter of this optimiser (see the class comment). */
  static double step(UnrolledOptimizer optimizer, HyperparameterKind kind) {
    if (optimizer instanceof Adam) {
      return 1e-6;
    }
    if (optimizer instanceof ExactReversibleMomentum) {
      return kind.isSchedule() ? 3e-4 : kind == HyperparameterKind.INITIAL_THETA ? 1e-4 : 1e-5;
    }
    return 1e-5;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void everyEntryOfEveryHypergradientMatchesCentralDifferences(UnrolledOptimizer optimizer) {
    BilevelProblem problem = TestProblems.logistic();
    double[] theta0 = problem.initialTheta();
    double[] lambda = problem.initialLambda();
    UnrolledResult r = TrajectoryStoreTest.run(problem, optimizer, TrajectoryStore.stored(), 0, MiniBatches.full());
    assertEquals(optimizer.scheduleKinds().size() + 2, r.gradientKinds().size(), "every kind by default");
    for (HyperparameterKind kind : r.gradientKinds()) {
      double[] g = r.gradient(kind);
      double h = step(optimizer, kind);
      double[] fd = new double[g.length];
      for (int i = 0; i < g.length; i++) {
        fd[i] = (perturbed(problem, optimizer, theta0, lambda, kind, i, h, MiniBatches.full())
            - perturbed(problem, optimizer, theta0, lambda, kind, i, -h, MiniBatches.full())) / (2 * h);
      }
      double error = TestProblems.relativeError(g, fd);
      assertTrue(error <= TOLERANCE, optimizer.name() + ", " + kind + ": relative error " + error
          + "\nreverse " + Arrays.toString(g) + "\nFD      " + Arrays.toString(fd));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void seededMiniBatchHypergradientsMatchCentralDifferencesAlongRandomDirections(UnrolledOptimizer optimizer) {
    BilevelProblem problem = TestProblems.logistic();
    double[] theta0 = problem.initialTheta();
    double[] lambda = problem.initialLambda();
    MiniBatches batches = MiniBatches.seeded(64, 2024);
    UnrolledResult r = TrajectoryStoreTest.run(problem, optimizer, TrajectoryStore.stored(), 0, batches);
    Random random = new Random(17);
    for (HyperparameterKind kind : r.gradientKinds()) {
      double[] g = r.gradient(kind);
      for (int repeat = 0; repeat < 2; repeat++) {
        double[] u = new double[g.length];
        double norm = 0;
        for (int i = 0; i < u.length; i++) {
          u[i] = random.nextDouble() * 2 - 1;
          norm += u[i] * u[i];
        }
        for (int i = 0; i < u.length; i++) {
          u[i] /= Math.sqrt(norm); // a unit direction: h is then the length of the step
        }
        double h = step(optimizer, kind);
        double expected = (along(problem, optimizer, theta0, lambda, kind, u, h, batches)
            - along(problem, optimizer, theta0, lambda, kind, u, -h, batches)) / (2 * h);
        double actual = 0;
        double norm2 = 0;
        for (int i = 0; i < u.length; i++) {
          actual += g[i] * u[i];
          norm2 += g[i] * g[i];
        }
        // relative to |g|, the largest a unit direction can see (Cauchy-Schwarz)
        double error = Math.abs(actual - expected) / Math.sqrt(norm2);
        assertTrue(error <= TOLERANCE, optimizer.name() + ", " + kind + ": reverse " + actual + ", FD " + expected
            + ", |g| " + Math.sqrt(norm2));
      }
    }
  }

  /** L with entry i of the hyperparameters of {@code kind} moved by h. */
  static double perturbed(BilevelProblem problem, UnrolledOptimizer optimizer, double[] theta0, double[] lambda,
      HyperparameterKind kind, int i, double h, MiniBatches batches) {
    int size = kind == HyperparameterKind.LAMBDA ? lambda.length
        : kind == HyperparameterKind.INITIAL_THETA ? theta0.length : optimizer.schedule(kind).values().length;
    double[] e = new double[size];
    e[i] = 1;
    return along(problem, optimizer, theta0, lambda, kind, e, h, batches);
  }

  /** L with the hyperparameters of {@code kind} moved by h·u. */
  static double along(BilevelProblem problem, UnrolledOptimizer optimizer, double[] theta0, double[] lambda,
      HyperparameterKind kind, double[] u, double h, MiniBatches batches) {
    double[] t = theta0.clone();
    double[] l = lambda.clone();
    UnrolledOptimizer o = optimizer;
    switch (kind) {
      case INITIAL_THETA:
        for (int i = 0; i < t.length; i++) {
          t[i] += h * u[i];
        }
        break;
      case LAMBDA:
        for (int i = 0; i < l.length; i++) {
          l[i] += h * u[i];
        }
        break;
      default:
        o = optimizer.withSchedule(kind, optimizer.schedule(kind).plus(h, u));
    }
    return TestProblems.validationLoss(problem, o, t, l, batches);
  }
}
