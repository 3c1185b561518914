package io.github.hypergrad4j.bilevel.unrolled;

import io.github.hypergrad4j.autodiff.SecondOrderSweep;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.HyperOptimizer;
import io.github.hypergrad4j.bilevel.Hypergradient;
import io.github.hypergrad4j.bilevel.HypergradientResult;
import io.github.hypergrad4j.linalg.Kernels;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hypergradient of a whole training run by reverse mode: differentiate the validation loss
 * L = g(θ_T, λ) through T steps of an {@link UnrolledOptimizer} started at θ₀, with respect to
 * the optimiser's schedules, θ₀ and λ (D. Maclaurin, D. Duvenaud, R. P. Adams, "Gradient-based
 * hyperparameter optimization through reversible learning", ICML 2015; L. Franceschi, M. Donini,
 * P. Frasconi, M. Pontil, "Forward and reverse gradient-based hyperparameter optimization", ICML
 * 2017, §3).
 *
 * <h2>The recursion</h2>
 *
 * The run is s_{t+1} = Φ_t(s_t, ∇_θ f(θ_t, λ; B_t); η_t). Starting from θ̄ = ∇_θ g(θ_T, λ),
 * the other state adjoints 0 and λ̄ = ∇_λ g, each step t = T − 1, …, T − K:
 *
 * <ol>
 *   <li>takes s_t from the {@link TrajectoryStore} (stored, recomputed from a checkpoint, or
 *       undone exactly);
 *   <li>ḡ_t = (∂Φ_t/∂g)ᵀ s̄_{t+1} ({@link UnrolledOptimizer#gradientCotangent}; Adam first spends
 *       one gradient for g_t);
 *   <li>one forward-over-reverse sweep of f(·, ·; B_t) at θ_t with the tangent ḡ_t on θ gives
 *       g_t, H ḡ_t = ∇²_θθ f·ḡ_t and M ḡ_t = ∇²_λθ f·ḡ_t together — no tape of the training run
 *       is ever kept, only one step's;
 *   <li>s̄_t = (∂Φ_t/∂s)ᵀ s̄_{t+1} + (H ḡ_t on θ), the schedules' adjoints η̄_t
 *       ({@link UnrolledOptimizer#adjoint}), and λ̄ += M ḡ_t.
 * </ol>
 *
 * At the end dL/dθ₀ = θ̄_0, dL/dλ = λ̄, dL/dη_t = η̄_t; each optimiser's Javadoc derives its
 * adjoint. Cost: T + 2 gradients (the forward run; f and g at θ_T) and K sweeps (≈ 2 gradients
 * each), plus one gradient per backward step for Adam and for exact reversal, and about K − K/k
 * for checkpoints every k steps; memory as the {@link TrajectoryStore} says. All of it is counted
 * in {@link UnrolledResult#cost()}. The step-t batch B_t is the same in every pass ({@link
 * MiniBatches}).
 *
 * <h2>Truncation</h2>
 *
 * With {@link Builder#truncate(int) truncate(K)} the recursion stops after the last K steps
 * (Shaban, Cheng, Hatch and Boots, "Truncated back-propagation for bilevel optimization", AISTATS
 * 2019): the schedule entries of steps before T − K get 0, λ̄ collects only the last K steps'
 * terms, and θ₀'s hypergradient is not available. K = T is the full result.
 *
 * <h2>Failure</h2>
 *
 * A forward run that diverges (non-finite loss, gradient or θ) or overflows a fixed-point
 * optimiser ends with that status and its loss history; adjoints that become non-finite end with
 * ADJOINT_NON_FINITE. No NaN is returned as a hypergradient ({@link UnrolledResult}).
 *
 * <h2>As a {@link Hypergradient}</h2>
 *
 * {@link #compute} returns dL/dλ for the run from the problem's θ₀, so an unrolled method plugs
 * into {@link io.github.hypergrad4j.bilevel.HyperOptimizer}. The interface passes θ at an inner
 * optimum, which this method ignores: it trains from θ₀ itself (the outer loop's inner solve is
 * then wasted work; a cheap one will do). The result has no solve, and its inner stationarity is
 * ‖∇_θ f(θ_T, λ)‖ at the end of the unrolled run. {@link HypergradientResult} has no status: a
 * failed run is returned as NaN there (hypergradient and outer value), which the outer loop
 * treats as a non-finite step and stops, keeping its best λ; {@link #run} gives the status.
 *
 * <p>Stateless and immutable: every call trains afresh.
 */
public final class ReverseModeHypergradient implements Hypergradient {

  private static final String OWNER = "ReverseModeHypergradient";

  private final UnrolledOptimizer optimizer;
  private final TrajectoryStore store;
  private final int truncation;
  private final Set<HyperparameterKind> wrt;
  private final MiniBatches batches;

  private ReverseModeHypergradient(Builder b) {
    this.optimizer = b.optimizer;
    this.store = b.store;
    this.truncation = b.truncation;
    this.batches = b.batches;
    if (b.wrt == null) {
      EnumSet<HyperparameterKind> all = EnumSet.of(HyperparameterKind.LAMBDA);
      all.addAll(optimizer.scheduleKinds());
      if (truncation == 0 || truncation == optimizer.steps()) {
        all.add(HyperparameterKind.INITIAL_THETA);
      }
      this.wrt = all;
    } else {
      this.wrt = b.wrt;
    }
    store.check(OWNER, optimizer);
    for (HyperparameterKind kind : wrt) {
      if (kind.isSchedule() && !optimizer.scheduleKinds().contains(kind)) {
        throw new IllegalArgumentException(OWNER + ": " + optimizer.name() + " has no " + kind + " schedule (it has "
            + optimizer.scheduleKinds() + ")");
      }
    }
    if (wrt.contains(HyperparameterKind.INITIAL_THETA) && window() < optimizer.steps()) {
      throw new IllegalArgumentException(OWNER + ": the hypergradient of INITIAL_THETA needs the full backward pass,"
          + " but it is truncated to K = " + truncation + " of T = " + optimizer.steps() + " steps");
    }
  }

  /** A builder for reverse mode through {@code optimizer}'s run. */
  public static Builder builder(UnrolledOptimizer optimizer) {
    return new Builder(optimizer);
  }

  /** The optimiser differentiated through. */
  public UnrolledOptimizer optimizer() {
    return optimizer;
  }

  /** K, the steps the backward pass covers. */
  public int window() {
    return truncation == 0 ? optimizer.steps() : truncation;
  }

  /**
   * False: the unrolled run trains θ from θ₀ itself, so {@link HyperOptimizer} does not judge the
   * inner solve's stationarity (the θ it solves for is not used here).
   */
  @Override
  public boolean assumesInnerOptimum() {
    return false;
  }

  @Override
  public String name() {
    return "unrolled reverse mode (" + optimizer.name() + ", " + optimizer.steps() + " steps, "
        + store.description() + (window() < optimizer.steps() ? ", truncated to " + window() : "")
        + (batches.isFull() ? "" : ", " + batches) + ")";
  }

  /** Trains from the problem's θ₀ at λ and differentiates the run. */
  public UnrolledResult run(BilevelProblem problem, double[] lambda) {
    return run(problem, problem == null ? null : problem.initialTheta(), lambda);
  }

  /**
   * Trains from θ₀ at λ and differentiates the run.
   *
   * @throws IllegalArgumentException if θ₀ or λ do not fit the problem, or the optimiser's
   *     parameter groups do not cover θ
   */
  public UnrolledResult run(BilevelProblem problem, double[] theta0, double[] lambda) {
    TrainingRun.checkInputs(OWNER, problem, theta0, lambda);
    int steps = optimizer.steps();
    int window = window();
    int d = theta0.length;
    TrainingRun run = new TrainingRun(OWNER, problem, lambda, optimizer, batches);
    Trajectory trajectory = store.open(run, steps, window, d);
    TrainingRun.Outcome outcome = run.forward(theta0, trajectory, null);
    if (outcome.status() != UnrolledResult.Status.OK) {
      return result(outcome.status(), outcome.detail(), outcome.losses(), null, null, run, trajectory);
    }
    UnrolledResult.FinalPoint end = run.evaluate(outcome.state()[0]);
    if (end == null) {
      return result(UnrolledResult.Status.DIVERGED, "f or g or a gradient of them is not finite at theta_T",
          outcome.losses(), null, null, run, trajectory);
    }
    List<HyperparameterKind> kinds = optimizer.scheduleKinds();
    double[][] scheduleAdjoints = new double[kinds.size()][];
    for (int j = 0; j < kinds.size(); j++) {
      if (wrt.contains(kinds.get(j))) {
        scheduleAdjoints[j] = new double[steps * optimizer.schedule(kinds.get(j)).groups()];
      }
    }
    double[][] adjoint = run.newState(d);
    Kernels.copy(end.validationGradientTheta(), adjoint[0]);
    double[] lambdaBar = end.validationGradientLambda().clone();
    double[] gradientBar = new double[d];
    for (int t = steps - 1; t >= steps - window; t--) {
      double[][] state = trajectory.stateBefore(t);
      double[] gradient = optimizer.adjointNeedsGradient() ? run.gradient(t, state[0]).gradient() : null;
      optimizer.gradientCotangent(t, state, gradient, adjoint, gradientBar);
      SecondOrderSweep sweep = run.sweep(t, state[0], gradientBar, null);
      optimizer.adjoint(t, state, gradient == null ? sweep.gradients()[0] : gradient, adjoint, scheduleAdjoints);
      Kernels.axpy(1.0, sweep.hessianTangents()[0], adjoint[0]);
      Kernels.axpy(1.0, sweep.hessianTangents()[1], lambdaBar);
      if (!Double.isFinite(Kernels.nrm2(adjoint[0])) || !Double.isFinite(Kernels.nrm2(lambdaBar))) {
        return result(UnrolledResult.Status.ADJOINT_NON_FINITE, "the adjoint became non-finite at step " + t,
            outcome.losses(), end, null, run, trajectory);
      }
    }
    Map<HyperparameterKind, double[]> gradients = new EnumMap<>(HyperparameterKind.class);
    for (int j = 0; j < kinds.size(); j++) {
      if (scheduleAdjoints[j] != null) {
        gradients.put(kinds.get(j), scheduleAdjoints[j]);
      }
    }
    if (wrt.contains(HyperparameterKind.INITIAL_THETA)) {
      gradients.put(HyperparameterKind.INITIAL_THETA, adjoint[0]);
    }
    if (wrt.contains(HyperparameterKind.LAMBDA)) {
      gradients.put(HyperparameterKind.LAMBDA, lambdaBar);
    }
    for (Map.Entry<HyperparameterKind, double[]> e : gradients.entrySet()) {
      if (!Double.isFinite(Kernels.nrm2(e.getValue()))) {
        return result(UnrolledResult.Status.ADJOINT_NON_FINITE, "the hypergradient of " + e.getKey()
            + " is not finite", outcome.losses(), end, null, run, trajectory);
      }
    }
    return result(UnrolledResult.Status.OK, "", outcome.losses(), end, gradients, run, trajectory);
  }

  private UnrolledResult result(UnrolledResult.Status status, String detail, double[] losses,
      UnrolledResult.FinalPoint end, Map<HyperparameterKind, double[]> gradients, TrainingRun run,
      Trajectory trajectory) {
    Map<HyperparameterKind, Integer> groups = new EnumMap<>(HyperparameterKind.class);
    for (HyperparameterKind kind : optimizer.scheduleKinds()) {
      groups.put(kind, optimizer.schedule(kind).groups());
    }
    UnrolledCost cost = new UnrolledCost(run.gradients(), run.sweeps(), trajectory.peakDoubles(),
        trajectory.bufferBits());
    String method = "reverse mode, " + optimizer.name() + ", " + store.description() + ", last " + window()
        + " of " + optimizer.steps() + " steps" + (batches.isFull() ? "" : ", " + batches);
    return new UnrolledResult(UnrolledResult.Mode.REVERSE, method, status, detail, optimizer.steps(), window(),
        losses, end, gradients, groups, null, null, cost);
  }

  /**
   * dL/dλ of the run from the problem's θ₀ (θ is ignored: see the class comment). A failed run
   * gives NaN values, which {@link io.github.hypergrad4j.bilevel.HyperOptimizer} stops on.
   */
  @Override
  public HypergradientResult compute(BilevelProblem problem, double[] theta, double[] lambda) {
    ReverseModeHypergradient method = wrt.contains(HyperparameterKind.LAMBDA) ? this
        : new Builder(optimizer).store(store).truncate(truncation).miniBatches(batches)
            .wrt(union(wrt, HyperparameterKind.LAMBDA)).build();
    UnrolledResult r = method.run(problem, lambda);
    long gradients = r.cost().gradients();
    long products = r.cost().hessianVectorProducts();
    if (!r.isOk()) {
      double[] nan = new double[lambda.length];
      Arrays.fill(nan, Double.NaN);
      return new HypergradientResult(nan, Double.NaN, nan.clone(), products, gradients, null, Double.NaN);
    }
    return new HypergradientResult(r.gradient(HyperparameterKind.LAMBDA), r.validationLoss(), r.directGradient(),
        products, gradients, null, r.finalGradientNorm());
  }

  private static HyperparameterKind[] union(Set<HyperparameterKind> kinds, HyperparameterKind extra) {
    EnumSet<HyperparameterKind> all = EnumSet.copyOf(kinds);
    all.add(extra);
    return all.toArray(new HyperparameterKind[0]);
  }

  /** Settings of a {@link ReverseModeHypergradient}. */
  public static final class Builder {
    private final UnrolledOptimizer optimizer;
    private TrajectoryStore store = TrajectoryStore.stored();
    private int truncation;
    private EnumSet<HyperparameterKind> wrt;
    private MiniBatches batches = MiniBatches.full();

    private Builder(UnrolledOptimizer optimizer) {
      if (optimizer == null) {
        throw new IllegalArgumentException(OWNER + ": the optimizer is null");
      }
      this.optimizer = optimizer;
    }

    /** How the backward pass has the trajectory (default: stored). */
    public Builder store(TrajectoryStore s) {
      if (s == null) {
        throw new IllegalArgumentException(OWNER + ": the trajectory store is null");
      }
      this.store = s;
      return this;
    }

    /** Back-propagate through the last K steps only (1 ≤ K ≤ T; 0, the default, means K = T). */
    public Builder truncate(int k) {
      if (k < 0 || k > optimizer.steps()) {
        throw new IllegalArgumentException(OWNER + ": the truncation K must be in 1.." + optimizer.steps()
            + " (or 0 for none), got " + k);
      }
      this.truncation = k;
      return this;
    }

    /**
     * The hyperparameters to differentiate with respect to (default: every schedule of the
     * optimiser, λ, and θ₀ unless truncated).
     */
    public Builder wrt(HyperparameterKind... kinds) {
      if (kinds == null || kinds.length == 0) {
        throw new IllegalArgumentException(OWNER + ": wrt needs at least one kind");
      }
      this.wrt = EnumSet.noneOf(HyperparameterKind.class);
      for (HyperparameterKind k : kinds) {
        if (k == null) {
          throw new IllegalArgumentException(OWNER + ": a kind in wrt is null");
        }
        wrt.add(k);
      }
      return this;
    }

    /** The batches of each step (default: full batch). */
    public Builder miniBatches(MiniBatches b) {
      if (b == null) {
        throw new IllegalArgumentException(OWNER + ": the mini-batches are null");
      }
      this.batches = b;
      return this;
    }

    /**
     * The configured method.
     *
     * @throws IllegalArgumentException if a kind in wrt is not one of the optimiser's schedules,
     *     θ₀ is asked for with truncation, or the store cannot serve the optimiser
     */
    public ReverseModeHypergradient build() {
      return new ReverseModeHypergradient(this);
    }
  }
}
