package io.github.hypergrad4j.bilevel.unrolled;

import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.linalg.Kernels;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Directional hypergradients of a training run by forward mode (L. Franceschi, M. Donini, P.
 * Frasconi, M. Pontil, "Forward and reverse gradient-based hyperparameter optimization", ICML 2017,
 * §4, the basis of their real-time hyperparameter optimisation): alongside the run, carry for each
 * direction η̇ (a {@link Direction}) the tangent ṡ_t = ds_t/dη of the optimiser's state, and at
 * the end read off dL/dη = ∇_θ g(θ_T, λ)·θ̇_T + ∇_λ g·λ̇.
 *
 * <h2>The recursion</h2>
 *
 * ṡ_0 = (θ̇₀, 0, …); at each step t, after the gradient g_t and before the step, for each
 * direction one forward-over-reverse sweep of f(·, ·; B_t) at (θ_t, λ) with the tangents (θ̇_t,
 * λ̇) gives ġ_t = ∇²_θθ f·θ̇_t + ∇²_θλ f·λ̇, and the optimiser's tangent rule ({@link
 * UnrolledOptimizer#tangent}) advances ṡ_t to ṡ_{t+1} with the schedules' tangents η̇_t.
 *
 * <h2>When to use it</h2>
 *
 * Cost: T gradients and T·P sweeps for P directions; memory P·m·d doubles for the tangents and
 * nothing for the trajectory, however long the run. Reverse mode costs T gradients and T sweeps
 * for every hyperparameter at once, but needs the trajectory ({@link TrajectoryStore}). So
 * forward mode is the choice for a few scalar hyperparameters (a learning rate and a momentum per
 * layer) and long runs. Both are exact derivatives of the same discrete run: they agree to
 * rounding ({@link ReverseModeHypergradient}).
 *
 * <p>Failure: as in reverse mode, a status ({@link UnrolledResult}), never NaN returned. Stateless
 * and immutable.
 */
public final class ForwardModeHypergradient {

  private static final String OWNER = "ForwardModeHypergradient";

  private final UnrolledOptimizer optimizer;
  private final List<Direction> directions;
  private final MiniBatches batches;

  private ForwardModeHypergradient(UnrolledOptimizer optimizer, List<Direction> directions, MiniBatches batches) {
    this.optimizer = optimizer;
    this.directions = directions;
    this.batches = batches;
  }

  /**
   * Forward mode through {@code optimizer}'s run along {@code directions}, full batch.
   *
   * @throws IllegalArgumentException if there is no direction, or one moves a schedule the
   *     optimiser does not have
   */
  public static ForwardModeHypergradient of(UnrolledOptimizer optimizer, List<Direction> directions) {
    return of(optimizer, directions, MiniBatches.full());
  }

  /** Forward mode with the given batches per step. */
  public static ForwardModeHypergradient of(UnrolledOptimizer optimizer, List<Direction> directions,
      MiniBatches batches) {
    if (optimizer == null || batches == null) {
      throw new IllegalArgumentException(OWNER + ": the optimizer and the batches must not be null");
    }
    if (directions == null || directions.isEmpty()) {
      throw new IllegalArgumentException(OWNER + ": at least one direction is needed");
    }
    for (Direction dir : directions) {
      if (dir == null) {
        throw new IllegalArgumentException(OWNER + ": a direction is null");
      }
      for (HyperparameterKind kind : dir.scheduleKinds()) {
        if (!optimizer.scheduleKinds().contains(kind)) {
          throw new IllegalArgumentException(OWNER + ": direction " + dir.name() + " moves the " + kind
              + " schedule, which " + optimizer.name() + " does not have (it has " + optimizer.scheduleKinds() + ")");
        }
      }
    }
    return new ForwardModeHypergradient(optimizer, List.copyOf(directions), batches);
  }

  /** The optimiser differentiated through. */
  public UnrolledOptimizer optimizer() {
    return optimizer;
  }

  /** The directions, in the order of the result's derivatives. */
  public List<Direction> directions() {
    return directions;
  }

  /** Trains from the problem's θ₀ at λ, carrying the tangents. */
  public UnrolledResult run(BilevelProblem problem, double[] lambda) {
    return run(problem, problem == null ? null : problem.initialTheta(), lambda);
  }

  /**
   * Trains from θ₀ at λ, carrying the tangents.
   *
   * @throws IllegalArgumentException if θ₀, λ or a direction's tangents do not fit the problem
   */
  public UnrolledResult run(BilevelProblem problem, double[] theta0, double[] lambda) {
    TrainingRun.checkInputs(OWNER, problem, theta0, lambda);
    int d = theta0.length;
    int p = directions.size();
    List<HyperparameterKind> kinds = optimizer.scheduleKinds();
    double[][] lambdaTangents = new double[p][];
    double[][][] tangents = new double[p][][];
    TrainingRun run = new TrainingRun(OWNER, problem, lambda, optimizer, batches);
    for (int q = 0; q < p; q++) {
      Direction dir = directions.get(q);
      lambdaTangents[q] = fit(dir, "lambda", dir.lambdaTangent(), lambda.length);
      tangents[q] = run.newState(d);
      double[] thetaTangent = fit(dir, "initialTheta", dir.initialThetaTangent(), d);
      if (thetaTangent != null) {
        Kernels.copy(thetaTangent, tangents[q][0]);
      }
    }
    TrainingRun.StepHook hook = (t, state, gradient) -> {
      for (int q = 0; q < p; q++) {
        double[] gradientTangent = run.sweep(t, state[0], tangents[q][0], lambdaTangents[q]).hessianTangents()[0];
        optimizer.tangent(t, state, gradient, gradientTangent, tangents[q],
            scheduleTangents(directions.get(q), kinds, t));
      }
    };
    TrainingRun.Outcome outcome = run.forward(theta0, null, hook);
    if (outcome.status() != UnrolledResult.Status.OK) {
      return result(outcome.status(), outcome.detail(), outcome.losses(), null, null, run);
    }
    UnrolledResult.FinalPoint end = run.evaluate(outcome.state()[0]);
    if (end == null) {
      return result(UnrolledResult.Status.DIVERGED, "f or g or a gradient of them is not finite at theta_T",
          outcome.losses(), null, null, run);
    }
    double[] derivatives = new double[p];
    for (int q = 0; q < p; q++) {
      derivatives[q] = Kernels.dot(end.validationGradientTheta(), tangents[q][0])
          + (lambdaTangents[q] == null ? 0.0 : Kernels.dot(end.validationGradientLambda(), lambdaTangents[q]));
      if (!Double.isFinite(derivatives[q])) {
        return result(UnrolledResult.Status.ADJOINT_NON_FINITE, "the tangent along " + directions.get(q).name()
            + " is not finite", outcome.losses(), end, null, run);
      }
    }
    return result(UnrolledResult.Status.OK, "", outcome.losses(), end, derivatives, run);
  }

  /** The schedules' tangents of step t along one direction, per group (null where it does not move one). */
  private double[][] scheduleTangents(Direction dir, List<HyperparameterKind> kinds, int t) {
    double[][] out = new double[kinds.size()][];
    for (int j = 0; j < kinds.size(); j++) {
      HyperparameterKind kind = kinds.get(j);
      if (dir.movesSchedule(kind)) {
        int groups = optimizer.schedule(kind).groups();
        out[j] = new double[groups];
        for (int k = 0; k < groups; k++) {
          out[j][k] = dir.scheduleTangent(kind, t, k);
        }
      }
    }
    return out;
  }

  private static double[] fit(Direction dir, String what, double[] tangent, int n) {
    if (tangent != null && tangent.length != n) {
      throw new IllegalArgumentException(OWNER + ": direction " + dir.name() + " has a " + what + " tangent of length "
          + tangent.length + " but the problem's " + what + " has " + n);
    }
    return tangent;
  }

  private UnrolledResult result(UnrolledResult.Status status, String detail, double[] losses,
      UnrolledResult.FinalPoint end, double[] derivatives, TrainingRun run) {
    Map<HyperparameterKind, Integer> groups = new EnumMap<>(HyperparameterKind.class);
    for (HyperparameterKind kind : optimizer.scheduleKinds()) {
      groups.put(kind, optimizer.schedule(kind).groups());
    }
    List<String> names = new ArrayList<>();
    for (Direction dir : directions) {
      names.add(dir.name());
    }
    String method = "forward mode, " + optimizer.name() + ", " + directions.size() + " directions, "
        + optimizer.steps() + " steps" + (batches.isFull() ? "" : ", " + batches);
    return new UnrolledResult(UnrolledResult.Mode.FORWARD, method, status, detail, optimizer.steps(),
        optimizer.steps(), losses, end, null, groups, names, derivatives,
        new UnrolledCost(run.gradients(), run.sweeps(), 0, 0));
  }
}
