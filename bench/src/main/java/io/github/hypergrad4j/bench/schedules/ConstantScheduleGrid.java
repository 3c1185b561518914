package io.github.hypergrad4j.bench.schedules;

import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.unrolled.HyperparameterKind;
import io.github.hypergrad4j.bilevel.unrolled.MaclaurinMomentum;
import io.github.hypergrad4j.bilevel.unrolled.MiniBatches;
import io.github.hypergrad4j.bilevel.unrolled.ReverseModeHypergradient;
import io.github.hypergrad4j.bilevel.unrolled.Schedule;
import io.github.hypergrad4j.bilevel.unrolled.UnrolledResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline of the learning-schedule experiment: a grid search over constant schedules (α, γ)
 * — one learning rate and one momentum for every step and layer — each point a training run of
 * the same T steps of {@link MaclaurinMomentum} on the same mini-batches as the learned schedule,
 * the best point chosen by validation loss.
 *
 * <p>A grid point whose run does not end OK (it diverged) gets no validation loss; it is counted
 * and never chosen. Each run is a forward run: reverse mode truncated to its last step (one
 * sweep), whose hypergradient is not used. Cost: |α| · |γ| runs of T mini-batch gradients and 3
 * full ones.
 */
public final class ConstantScheduleGrid {

  /**
   * One grid point's run.
   *
   * @param index the point, from 0 (α varies fastest)
   * @param points the grid's size
   * @param alpha its learning rate
   * @param gamma its momentum
   * @param status how its training run ended
   * @param validationLoss its validation loss (NaN unless OK)
   * @param bestValidationLoss the lowest so far (NaN before any)
   * @param elapsedMillis time since the grid started
   */
  public record Point(int index, int points, double alpha, double gamma, UnrolledResult.Status status,
      double validationLoss, double bestValidationLoss, double elapsedMillis) {}

  /** Receives every grid point as it ends. */
  public interface Listener {
    /** A grid point's run ended. */
    void gridPoint(Point point);
  }

  /**
   * The grid's outcome.
   *
   * @param alpha the best point's learning rate (NaN if every run failed)
   * @param gamma its momentum
   * @param validationLoss its validation loss
   * @param theta θ_T of its run (null if every run failed)
   * @param points every point
   * @param seconds the wall time
   */
  public record Outcome(double alpha, double gamma, double validationLoss, double[] theta, List<Point> points,
      double seconds) {

    /** The points whose training run did not end OK. */
    public long failed() {
      return points.stream().filter(p -> p.status() != UnrolledResult.Status.OK).count();
    }
  }

  private ConstantScheduleGrid() {}

  /**
   * {@code count} values log-spaced from {@code low} to {@code high}, both included.
   *
   * @throws IllegalArgumentException unless 0 &lt; low &lt; high and count ≥ 2
   */
  public static double[] logSpaced(double low, double high, int count) {
    if (!(low > 0 && high > low) || Double.isInfinite(high) || count < 2) {
      throw new IllegalArgumentException("ConstantScheduleGrid: logSpaced needs 0 < low < high and count >= 2, got "
          + low + ", " + high + ", " + count);
    }
    double[] v = new double[count];
    for (int i = 0; i < count; i++) {
      v[i] = low * Math.pow(high / low, i / (double) (count - 1));
    }
    return v;
  }

  /**
   * Trains at every (α, γ) of the grid and keeps the lowest validation loss.
   *
   * @param problem the training and validation losses, with θ₀
   * @param steps T
   * @param batches the mini-batches of every run
   * @param alphas the learning rates, each &gt; 0
   * @param gammas the momenta, each in [0, 1]
   * @param listener receives each point, or null
   * @throws IllegalArgumentException if a list is empty or a value is out of range
   */
  public static Outcome run(BilevelProblem problem, int steps, MiniBatches batches, double[] alphas, double[] gammas,
      Listener listener) {
    if (alphas == null || gammas == null || alphas.length == 0 || gammas.length == 0) {
      throw new IllegalArgumentException("ConstantScheduleGrid: needs at least one alpha and one gamma");
    }
    long t0 = System.nanoTime();
    int total = alphas.length * gammas.length;
    List<Point> points = new ArrayList<>(total);
    double bestLoss = Double.NaN;
    double bestAlpha = Double.NaN;
    double bestGamma = Double.NaN;
    double[] bestTheta = null;
    for (int j = 0; j < gammas.length; j++) {
      for (int i = 0; i < alphas.length; i++) {
        MaclaurinMomentum sgd = MaclaurinMomentum.of(Schedule.constant(steps, alphas[i]),
            Schedule.constant(steps, gammas[j]));
        UnrolledResult r = ReverseModeHypergradient.builder(sgd).truncate(1).wrt(HyperparameterKind.LEARNING_RATE)
            .miniBatches(batches).build().run(problem, problem.initialLambda());
        double loss = r.isOk() ? r.validationLoss() : Double.NaN;
        if (r.isOk() && !(loss >= bestLoss)) {
          bestLoss = loss;
          bestAlpha = alphas[i];
          bestGamma = gammas[j];
          bestTheta = r.theta();
        }
        Point p = new Point(points.size(), total, alphas[i], gammas[j], r.status(), loss, bestLoss,
            (System.nanoTime() - t0) / 1e6);
        points.add(p);
        if (listener != null) {
          listener.gridPoint(p);
        }
      }
    }
    return new Outcome(bestAlpha, bestGamma, bestLoss, bestTheta, List.copyOf(points), (System.nanoTime() - t0) / 1e9);
  }
}
