package io.github.hypergrad4j.bench.schedules;

import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.StepRule;
import io.github.hypergrad4j.bilevel.unrolled.HyperparameterKind;
import io.github.hypergrad4j.bilevel.unrolled.MaclaurinMomentum;
import io.github.hypergrad4j.bilevel.unrolled.MiniBatches;
import io.github.hypergrad4j.bilevel.unrolled.ParameterGroups;
import io.github.hypergrad4j.bilevel.unrolled.ReverseModeHypergradient;
import io.github.hypergrad4j.bilevel.unrolled.Schedule;
import io.github.hypergrad4j.bilevel.unrolled.TrajectoryStore;
import io.github.hypergrad4j.bilevel.unrolled.UnrolledResult;
import io.github.hypergrad4j.linalg.Kernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Meta-learns a per-step, per-group learning-rate and momentum schedule by gradient descent on
 * the validation loss through the whole training run (Maclaurin, Duvenaud and Adams,
 * "Gradient-based hyperparameter optimization through reversible learning", ICML 2015, §3.1).
 *
 * <p><b>Training.</b> T steps of {@link MaclaurinMomentum} (v ← γ_t v − (1 − γ_t) g_t, θ ← θ +
 * α_t v) on seeded mini-batches, the same at every evaluation. Maclaurin's form rather than heavy
 * ball because there the velocity is an average of gradients whatever γ is: α_t alone sets the
 * step length and γ_t only the averaging, so the two schedules (and the grid over them) are
 * nearly independent, while in the heavy-ball form the effective step α/(1 − γ) couples them.
 *
 * <p><b>Variables.</b> The schedules are held unconstrained, x = (u, w) with α_{t,k} = exp(u_{t,k})
 * and γ_{t,k} = σ(w_{t,k}) = 1/(1 + exp(−w_{t,k})), so that every point is a valid schedule
 * (α &gt; 0, 0 &lt; γ &lt; 1); both are step-major, T·G entries each (G groups). The chain rule:
 *
 * <pre>
 *   dL/du_{t,k} = α_{t,k} · dL/dα_{t,k}
 *   dL/dw_{t,k} = γ_{t,k}(1 − γ_{t,k}) · dL/dγ_{t,k}
 * </pre>
 *
 * with dL/dα and dL/dγ from {@link ReverseModeHypergradient} (L = g(θ_T), the validation loss).
 * Cost per evaluation: one reverse-mode run, about 3T mini-batch gradients and 2 full ones.
 *
 * <p><b>Meta-loop.</b> Adam ({@link StepRule#adam}) on x for a fixed number N of meta-steps: N + 1
 * evaluations, the first at the start. The schedule kept is the one of lowest validation loss
 * among those evaluated. <b>Failure:</b> a run that does not end OK (training diverged, a
 * non-finite adjoint) gives no number; the loop goes back to the last schedule whose run was OK,
 * halves the meta learning rate, restarts Adam there and steps again with that schedule's
 * hypergradient (a back-off, recorded in the history). It stops when the run after {@value
 * #MAX_BACKOFFS_IN_A_ROW} back-offs in a row fails too, or when the start itself fails. (A run
 * whose loss grows large but stays finite is OK as far as the status goes; it is simply not kept,
 * and Adam's normalised steps walk away from it.)
 */
public final class ScheduleLearning {

  /** Back-offs in a row after which the meta-loop stops. */
  public static final int MAX_BACKOFFS_IN_A_ROW = 3;

  /**
   * One evaluated schedule: the training run's status and, when it is OK, the validation loss,
   * θ_T and dL/dx.
   */
  record Evaluation(UnrolledResult.Status status, String detail, double validationLoss, double[] theta,
      double[] gradient) {
    boolean ok() {
      return status == UnrolledResult.Status.OK;
    }
  }

  /**
   * One meta-step (step 0 evaluates the start).
   *
   * @param step the meta-step, from 0
   * @param steps the budget N
   * @param status how its training run ended
   * @param detail why it failed ("" if it did not)
   * @param validationLoss its validation loss (NaN unless OK)
   * @param bestValidationLoss the lowest validation loss so far (NaN before any)
   * @param gradientNorm ‖dL/dx‖ (NaN unless OK)
   * @param metaLearningRate Adam's learning rate for the step that follows
   * @param elapsedMillis time since the meta-loop started
   */
  public record MetaStep(int step, int steps, UnrolledResult.Status status, String detail, double validationLoss,
      double bestValidationLoss, double gradientNorm, double metaLearningRate, double elapsedMillis) {}

  /** Receives every meta-step as it ends. */
  public interface Listener {
    /** A meta-step ended. */
    void metaStep(MetaStep step);
  }

  /**
   * What the meta-loop learned.
   *
   * @param learningRate the best α schedule (T × G)
   * @param momentum the best γ schedule (T × G)
   * @param validationLoss its validation loss
   * @param bestStep the meta-step it was evaluated at (0: the start)
   * @param theta θ_T of its training run
   * @param start the start's evaluation loss (NaN if it failed)
   * @param startTheta θ_T of the start's run (null if it failed)
   * @param history every meta-step
   * @param backoffs how many back-offs there were
   * @param stop why the loop ended, in words
   * @param seconds its wall time
   */
  public record Outcome(Schedule learningRate, Schedule momentum, double validationLoss, int bestStep, double[] theta,
      double start, double[] startTheta, List<MetaStep> history, int backoffs, String stop, double seconds) {

    /** Whether any evaluated schedule (the start at least) trained without failure. */
    public boolean learned() {
      return theta != null;
    }
  }

  private final BilevelProblem problem;
  private final ParameterGroups groups;
  private final int steps;
  private final MiniBatches batches;
  private final TrajectoryStore store;

  /**
   * @param problem the training and validation losses, with θ₀
   * @param groups the parameter groups G (one α and one γ per group and step)
   * @param steps the training steps T
   * @param batches the mini-batches of every run
   * @param store how reverse mode keeps the trajectory
   */
  public ScheduleLearning(BilevelProblem problem, ParameterGroups groups, int steps, MiniBatches batches,
      TrajectoryStore store) {
    if (problem == null || groups == null || batches == null || store == null) {
      throw new IllegalArgumentException("ScheduleLearning: the problem, groups, batches and store must not be null");
    }
    if (steps < 1) {
      throw new IllegalArgumentException("ScheduleLearning: steps must be >= 1, got " + steps);
    }
    this.problem = problem;
    this.groups = groups;
    this.steps = steps;
    this.batches = batches;
    this.store = store;
  }

  /** The number of variables, 2·T·G. */
  public int variables() {
    return 2 * steps * groups.count();
  }

  /**
   * x for the constant schedule α, γ (every step and group).
   *
   * @throws IllegalArgumentException unless α &gt; 0 and 0 &lt; γ &lt; 1
   */
  public double[] constant(double alpha, double gamma) {
    if (!(alpha > 0) || Double.isInfinite(alpha) || !(gamma > 0 && gamma < 1)) {
      throw new IllegalArgumentException("ScheduleLearning: a constant schedule needs alpha > 0 and 0 < gamma < 1,"
          + " got alpha " + alpha + " and gamma " + gamma);
    }
    int n = steps * groups.count();
    double[] x = new double[2 * n];
    Arrays.fill(x, 0, n, Math.log(alpha));
    Arrays.fill(x, n, 2 * n, Math.log(gamma / (1 - gamma)));
    return x;
  }

  /** α = exp(u), the learning-rate schedule of x. */
  public Schedule learningRate(double[] x) {
    int n = steps * groups.count();
    double[] alpha = new double[n];
    for (int i = 0; i < n; i++) {
      alpha[i] = Math.exp(x[i]);
    }
    return Schedule.of(steps, groups.count(), alpha);
  }

  /** γ = σ(w), the momentum schedule of x. */
  public Schedule momentum(double[] x) {
    int n = steps * groups.count();
    double[] gamma = new double[n];
    for (int i = 0; i < n; i++) {
      gamma[i] = 1 / (1 + Math.exp(-x[n + i]));
    }
    return Schedule.of(steps, groups.count(), gamma);
  }

  /** One training run at the schedule x, differentiated: the validation loss and dL/dx. */
  Evaluation evaluate(double[] x) {
    if (x.length != variables()) {
      throw new IllegalArgumentException("ScheduleLearning: x has " + x.length + " entries, needs " + variables());
    }
    for (int i = 0; i < steps * groups.count(); i++) {
      if (!(Math.exp(x[i]) < Double.POSITIVE_INFINITY)) {
        return new Evaluation(UnrolledResult.Status.DIVERGED, "the learning rate exp(" + x[i] + ") overflows",
            Double.NaN, null, null);
      }
    }
    Schedule alpha = learningRate(x);
    Schedule gamma = momentum(x);
    UnrolledResult r = ReverseModeHypergradient.builder(MaclaurinMomentum.of(alpha, gamma, groups))
        .store(store).miniBatches(batches)
        .wrt(HyperparameterKind.LEARNING_RATE, HyperparameterKind.MOMENTUM)
        .build().run(problem, problem.initialLambda());
    if (!r.isOk()) {
      return new Evaluation(r.status(), r.detail(), Double.NaN, null, null);
    }
    double[] dAlpha = r.gradient(HyperparameterKind.LEARNING_RATE);
    double[] dGamma = r.gradient(HyperparameterKind.MOMENTUM);
    double[] a = alpha.values();
    double[] c = gamma.values();
    int n = a.length;
    double[] gradient = new double[2 * n];
    for (int i = 0; i < n; i++) {
      gradient[i] = a[i] * dAlpha[i];
      gradient[n + i] = c[i] * (1 - c[i]) * dGamma[i];
    }
    return new Evaluation(r.status(), "", r.validationLoss(), r.theta(), gradient);
  }

  /**
   * Runs the meta-loop from x₀ for {@code metaSteps} Adam steps at {@code metaLearningRate}.
   *
   * @param listener receives each meta-step, or null
   * @throws IllegalArgumentException if x₀ has the wrong length, metaSteps &lt; 0 or the rate is
   *     not &gt; 0
   */
  public Outcome run(double[] x0, int metaSteps, double metaLearningRate, Listener listener) {
    if (x0 == null || x0.length != variables()) {
      throw new IllegalArgumentException("ScheduleLearning: x0 needs " + variables() + " entries, got "
          + (x0 == null ? "null" : x0.length));
    }
    if (metaSteps < 0 || !(metaLearningRate > 0) || Double.isInfinite(metaLearningRate)) {
      throw new IllegalArgumentException("ScheduleLearning: needs metaSteps >= 0 and a metaLearningRate > 0, got "
          + metaSteps + " and " + metaLearningRate);
    }
    long t0 = System.nanoTime();
    double[] x = x0.clone();
    double rate = metaLearningRate;
    StepRule.Stepper adam = StepRule.adam(rate).start(x.length);
    double[] goodX = null;
    double[] goodGradient = null;
    double[] bestX = null;
    Evaluation best = null;
    int bestStep = -1;
    Evaluation start = null;
    List<MetaStep> history = new ArrayList<>();
    int backoffs = 0;
    int inARow = 0;
    String stop = metaSteps == 1 ? "the 1 meta-step done" : "all " + metaSteps + " meta-steps done";
    for (int k = 0; k <= metaSteps; k++) {
      Evaluation e = evaluate(x);
      if (k == 0) {
        start = e;
      }
      boolean stopNow = false;
      if (e.ok()) {
        if (best == null || e.validationLoss() < best.validationLoss()) {
          best = e;
          bestX = x.clone();
          bestStep = k;
        }
        goodX = x.clone();
        goodGradient = e.gradient();
        inARow = 0;
      } else if (goodX == null) {
        stop = "the starting schedule's training run failed (" + e.status() + ": " + e.detail() + ")";
        stopNow = true;
      } else if (inARow == MAX_BACKOFFS_IN_A_ROW) {
        stop = "meta-step " + k + " failed after " + MAX_BACKOFFS_IN_A_ROW + " back-offs in a row";
        stopNow = true;
      } else {
        backoffs++;
        inARow++;
        rate /= 2;
        adam = StepRule.adam(rate).start(x.length);
        x = goodX.clone();
      }
      history.add(new MetaStep(k, metaSteps, e.status(), e.detail(), e.validationLoss(),
          best == null ? Double.NaN : best.validationLoss(), e.ok() ? Kernels.nrm2(e.gradient()) : Double.NaN, rate,
          (System.nanoTime() - t0) / 1e6));
      if (listener != null) {
        listener.metaStep(history.get(history.size() - 1));
      }
      if (stopNow) {
        break;
      }
      if (k < metaSteps) {
        adam.step(x, goodGradient);
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (best == null) {
      return new Outcome(null, null, Double.NaN, -1, null, Double.NaN, null, history, backoffs, stop, seconds);
    }
    return new Outcome(learningRate(bestX), momentum(bestX), best.validationLoss(), bestStep, best.theta(),
        start.validationLoss(), start.theta(), history, backoffs, stop, seconds);
  }
}
