package io.github.hypergrad4j.bench.penalties;

import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bilevel.InnerOptimizer;
import io.github.hypergrad4j.bilevel.InnerResult;
import io.github.hypergrad4j.bilevel.InnerStopping;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline of the million-penalty experiment: one global L2 penalty c on every weight, tuned
 * by a grid on the validation loss within a wall-time budget (that of the per-weight run, for a
 * comparison at equal wall time).
 *
 * <p>Each grid value c is trained from the same θ₀ as the tuned run by L-BFGS on f(·, c·1) with
 * the same tolerance and the same total number of iterations the tuned run's inner solves may
 * take, so each model has the same training effort. The values are visited in a coarse-to-fine
 * order ({@link #DEFAULT_PENALTIES}: the middle of the range, its ends, then the midpoints), and a
 * further value is started only while the time spent plus the last value's time stays within the
 * budget (the first is always trained). The best value is the one with the lowest validation
 * loss; the test loss is computed for the report only.
 */
public final class GlobalPenaltyGrid {

  /** The default grid, in the order it is visited: decades from 10⁻⁵ to 10⁻¹, coarse to fine. */
  public static final double[] DEFAULT_PENALTIES = {1e-3, 1e-1, 1e-5, 1e-2, 1e-4};

  /**
   * One trained grid value.
   *
   * @param penalty c
   * @param iterations L-BFGS iterations
   * @param status how the training ended
   * @param gradientNorm ‖∇_θ f‖₂ at its end
   * @param validationLoss the validation cross-entropy
   * @param testLoss the test cross-entropy, for the report only
   * @param validationAccuracy the validation accuracy
   * @param testAccuracy the test accuracy, for the report only
   * @param seconds the training time
   */
  public record Point(double penalty, int iterations, InnerResult.Status status, double gradientNorm,
      double validationLoss, double testLoss, double validationAccuracy, double testAccuracy, double seconds) {}

  /**
   * The grid's outcome.
   *
   * @param points the trained values, in the order trained
   * @param best the index of the lowest validation loss
   * @param seconds the wall time spent
   */
  public record Result(List<Point> points, int best, double seconds) {

    /** The point with the lowest validation loss. */
    public Point bestPoint() {
      return points.get(best);
    }
  }

  /** Receives every grid value as it is trained. */
  @FunctionalInterface
  public interface Listener {
    /** One value is done. */
    void point(Point p);
  }

  private GlobalPenaltyGrid() {}

  /**
   * Trains the grid values in order within the budget.
   *
   * @param penalties the values, in the order to visit them (at least one, each &gt; 0)
   * @param iterations the L-BFGS iteration cap per value
   * @param tolerance the L-BFGS tolerance on ‖∇_θ f‖₂
   * @param seed the seed of θ₀ (the tuned run's)
   * @param budgetSeconds the wall-time budget (the first value is always trained; ∞: train them all)
   * @param listener sees every value (may be null)
   * @throws IllegalArgumentException if there is no value or one is not positive and finite
   */
  public static Result run(PenaltyMlp model, Dataset test, double[] penalties, int iterations, double tolerance,
      long seed, double budgetSeconds, Listener listener) {
    if (penalties == null || penalties.length == 0) {
      throw new IllegalArgumentException("GlobalPenaltyGrid.run: needs at least one penalty");
    }
    for (double c : penalties) {
      if (!(c > 0) || !Double.isFinite(c)) {
        throw new IllegalArgumentException("GlobalPenaltyGrid.run: penalties must be > 0 and finite, got " + c);
      }
    }
    long start = System.nanoTime();
    double[] theta0 = model.initialTheta(seed);
    InnerStopping stopping = new InnerStopping(tolerance, iterations);
    List<Point> points = new ArrayList<>();
    int best = 0;
    double last = 0;
    for (double c : penalties) {
      double elapsed = (System.nanoTime() - start) / 1e9;
      if (!points.isEmpty() && elapsed + last > budgetSeconds) {
        break;
      }
      long t0 = System.nanoTime();
      InnerResult r = InnerOptimizer.lbfgs().minimize(
          model.problem(theta0, model.uniformPenalty(c)).innerFunctionAt(model.uniformPenalty(c)), theta0, stopping);
      double[] theta = r.theta();
      last = (System.nanoTime() - t0) / 1e9;
      Point p = new Point(c, r.iterations(), r.status(), r.gradientNorm(), model.loss(theta, model.validation()),
          model.loss(theta, test), model.accuracy(theta, model.validation()), model.accuracy(theta, test), last);
      points.add(p);
      if (p.validationLoss() < points.get(best).validationLoss()) {
        best = points.size() - 1;
      }
      if (listener != null) {
        listener.point(p);
      }
    }
    return new Result(List.copyOf(points), best, (System.nanoTime() - start) / 1e9);
  }
}
