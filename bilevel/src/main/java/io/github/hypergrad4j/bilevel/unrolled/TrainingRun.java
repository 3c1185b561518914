package io.github.hypergrad4j.bilevel.unrolled;

import io.github.hypergrad4j.autodiff.Derivatives;
import io.github.hypergrad4j.autodiff.SecondOrderSweep;
import io.github.hypergrad4j.autodiff.TensorFunction;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.linalg.Kernels;
import java.util.Arrays;

/**
 * One unrolled training run of an {@link UnrolledOptimizer} on a problem's training loss at fixed
 * λ: the forward run from θ₀, and the evaluations the backward pass and recomputations need, all
 * on the same seeded batches and counted. Every gradient of f at step t is computed by {@link
 * #gradient}, so a recomputed or reversed step sees the same numbers as the forward run.
 */
final class TrainingRun {

  /** Called after the gradient of step t and before the step (forward mode carries tangents here). */
  interface StepHook {
    void beforeStep(int t, double[][] state, double[] gradient);
  }

  /** How the forward run ended; {@code state} is s_T when it completed. */
  record Outcome(UnrolledResult.Status status, String detail, int stepsRun, double[] losses, double[][] state) {}

  private final BilevelProblem problem;
  private final double[] lambda;
  private final UnrolledOptimizer optimizer;
  private final MiniBatches batches;
  private long gradients;
  private long sweeps;

  TrainingRun(String owner, BilevelProblem problem, double[] lambda, UnrolledOptimizer optimizer,
      MiniBatches batches) {
    if (!batches.isFull() && problem.trainingExamples() == 0) {
      throw new IllegalArgumentException(owner + ": mini-batches need a problem that declares its trainingExamples");
    }
    this.problem = problem;
    this.lambda = lambda.clone();
    this.optimizer = optimizer;
    this.batches = batches;
  }

  UnrolledOptimizer optimizer() {
    return optimizer;
  }

  double[] lambda() {
    return lambda;
  }

  long gradients() {
    return gradients;
  }

  long sweeps() {
    return sweeps;
  }

  /** f(·, ·; B_t), the training loss on step t's batch. */
  private TensorFunction inner(int t) {
    int[] batch = t < 0 ? null : batches.batch(t, problem.trainingExamples());
    return in -> problem.inner().apply(in[0], in[1], batch);
  }

  /** f(θ, λ; B_t) and ∇_θ f (t = −1: the full training set). */
  Derivatives.ValueAndGradient gradient(int t, double[] theta) {
    gradients++;
    return Derivatives.valueAndGradient(inner(t), new double[][] {theta, lambda}, 0);
  }

  /** One forward-over-reverse sweep of f(·, ·; B_t) at θ with tangents (θ̇, λ̇) (null: zero). */
  SecondOrderSweep sweep(int t, double[] theta, double[] thetaTangent, double[] lambdaTangent) {
    sweeps++;
    return Derivatives.secondOrder(inner(t), new double[][] {theta, lambda},
        new double[][] {thetaTangent, lambdaTangent});
  }

  /** Step t of a recomputation: the gradient at θ_t and the optimiser's step, in place. */
  boolean advance(int t, double[][] state) {
    return optimizer.step(t, state, gradient(t, state[0]).gradient());
  }

  /** A new state of the optimiser's shape for θ of length d. */
  double[][] newState(int d) {
    return new double[optimizer.stateVectors()][d];
  }

  /**
   * f and ∇_θ f over the whole training set at θ_T, and g with ∇_θ g and ∇_λ g: two gradients.
   * Null if any of them is not finite.
   */
  UnrolledResult.FinalPoint evaluate(double[] theta) {
    Derivatives.ValueAndGradient f = gradient(-1, theta);
    gradients++;
    TensorFunction g = in -> problem.outer().apply(in[0], in[1], null);
    SecondOrderSweep outer = Derivatives.secondOrder(g, new double[][] {theta, lambda}, new double[2][]);
    double[] gTheta = outer.gradients()[0];
    double[] gLambda = outer.gradients()[1];
    double fNorm = Kernels.nrm2(f.gradient());
    if (!Double.isFinite(f.value()) || !Double.isFinite(fNorm) || !Double.isFinite(outer.value())
        || !Double.isFinite(Kernels.nrm2(gTheta)) || !Double.isFinite(Kernels.nrm2(gLambda))) {
      return null;
    }
    return new UnrolledResult.FinalPoint(theta.clone(), f.value(), fNorm, outer.value(), gTheta, gLambda);
  }

  /** Throws unless θ₀ and λ fit the problem and are finite. */
  static void checkInputs(String owner, BilevelProblem problem, double[] theta0, double[] lambda) {
    if (problem == null) {
      throw new IllegalArgumentException(owner + ": the problem is null");
    }
    checkVector(owner, "theta0", theta0, problem.thetaSize());
    checkVector(owner, "lambda", lambda, problem.lambdaSize());
  }

  private static void checkVector(String owner, String name, double[] v, int n) {
    if (v == null) {
      throw new IllegalArgumentException(owner + ": " + name + " is null");
    }
    if (v.length != n) {
      throw new IllegalArgumentException(owner + ": " + name + " has length " + v.length + " but the problem has " + n);
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(v[i])) {
        throw new IllegalArgumentException(owner + ": " + name + "[" + i + "] = " + v[i] + " is not finite");
      }
    }
  }

  /**
   * The forward run: T steps from θ₀, each recorded in {@code trajectory} (null: none) before it
   * is taken.
   * Stops with DIVERGED at the first non-finite loss, gradient or θ, and with OVERFLOW when the
   * optimiser cannot represent its state; the losses of the steps before are kept.
   */
  Outcome forward(double[] theta0, Trajectory trajectory, StepHook hook) {
    int steps = optimizer.steps();
    double[][] state = newState(theta0.length);
    optimizer.start(theta0, state);
    double[] losses = new double[steps];
    for (int t = 0; t < steps; t++) {
      if (trajectory != null) {
        trajectory.beforeStep(t, state);
      }
      Derivatives.ValueAndGradient vg = gradient(t, state[0]);
      double[] g = vg.gradient();
      if (!Double.isFinite(vg.value()) || !Double.isFinite(Kernels.nrm2(g))) {
        return stopped(UnrolledResult.Status.DIVERGED, "at step " + t + " the training loss is " + vg.value()
            + " and |grad f| is " + Kernels.nrm2(g), t, losses);
      }
      losses[t] = vg.value();
      if (hook != null) {
        hook.beforeStep(t, state, g);
      }
      if (!(trajectory == null ? optimizer.step(t, state, g) : trajectory.step(optimizer, t, state, g))) {
        return stopped(UnrolledResult.Status.OVERFLOW, "step " + t + " left the fixed-point range +-"
            + FixedPoint.maxMagnitude() + " of " + optimizer.name(), t + 1, losses);
      }
      if (!Double.isFinite(Kernels.nrm2(state[0]))) {
        return stopped(UnrolledResult.Status.DIVERGED, "step " + t + " made theta non-finite", t + 1, losses);
      }
    }
    if (trajectory != null) {
      trajectory.finish(state);
    }
    return new Outcome(UnrolledResult.Status.OK, "", steps, losses, state);
  }

  private static Outcome stopped(UnrolledResult.Status status, String detail, int stepsRun, double[] losses) {
    return new Outcome(status, detail, stepsRun, Arrays.copyOf(losses, stepsRun), null);
  }
}
