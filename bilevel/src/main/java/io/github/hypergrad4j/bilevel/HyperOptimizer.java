package io.github.hypergrad4j.bilevel;

import io.github.hypergrad4j.ihvp.IhvpResult;

/**
 * The outer loop of hyperparameter optimisation. Each step:
 *
 * <ol>
 *   <li>λ = φ(u) through the problem's {@link Parametrization};
 *   <li>the inner solve θ ≈ argmin f(·, λ), warm-started from the previous step's θ;
 *   <li>the hypergradient dg/dλ at (θ, λ) (by default the implicit one, {@link
 *       ImplicitHypergradient});
 *   <li>a {@link ProgressEvent} to the listener and the {@link History};
 *   <li>a step on u with dg/du = φ′(u) ⊙ dg/dλ (SGD or Adam).
 * </ol>
 *
 * It stops after the step budget; when the best outer value has not improved by a relative
 * {@code minImprovement} for {@code patience} steps (plateau); or, cleanly, when the outer value
 * or hypergradient stops being finite or the inner optimiser diverges. Whatever the reason, the
 * best λ seen and the history up to the stop are returned. Nothing is printed.
 */
public final class HyperOptimizer {

  private final InnerOptimizer inner;
  private final InnerStopping innerStopping;
  private final Hypergradient hypergradient;
  private final StepRule outerRule;
  private final int maxSteps;
  private final int patience;
  private final double minImprovement;
  private final ProgressListener listener;

  private HyperOptimizer(Builder b) {
    this.inner = b.inner;
    this.innerStopping = b.innerStopping;
    this.hypergradient = b.hypergradient;
    this.outerRule = b.outerRule;
    this.maxSteps = b.maxSteps;
    this.patience = b.patience;
    this.minImprovement = b.minImprovement;
    this.listener = b.listener;
  }

  /** A builder; the hypergradient method is required. */
  public static Builder builder(Hypergradient hypergradient) {
    return new Builder(hypergradient);
  }

  /** Runs the loop on {@code problem} from its initial θ and λ. */
  public HyperOptimizationResult run(BilevelProblem problem) {
    long start = System.nanoTime();
    Parametrization phi = problem.parametrization();
    double[] u = phi.fromLambda(problem.initialLambda());
    double[] theta = problem.initialTheta();
    StepRule.Stepper stepper = outerRule.start(u.length);
    History history = new History();
    double[] bestLambda = phi.toLambda(u);
    double[] bestTheta = theta.clone();
    double bestValue = Double.POSITIVE_INFINITY;
    int bestStep = -1;
    int sinceImprovement = 0;
    for (int step = 0; ; step++) {
      double[] lambda = phi.toLambda(u);
      InnerResult solved = inner.minimize(problem.innerFunctionAt(lambda), theta, innerStopping);
      if (solved.status() == InnerResult.Status.DIVERGED) {
        return new HyperOptimizationResult(bestLambda, bestTheta, bestValue, bestStep,
            HyperOptimizationResult.StopReason.INNER_DIVERGED,
            "the inner optimiser " + inner.name() + " diverged at step " + step + " (|grad f| = "
                + solved.gradientNorm() + "); the best lambda so far is kept", history);
      }
      theta = solved.theta();
      HypergradientResult h = hypergradient.compute(problem, theta, lambda);
      IhvpResult solve = h.solve();
      ProgressEvent event = new ProgressEvent(step, h.outerValue(), h.norm(), h.hypergradient().clone(),
          solved.iterations(),
          solved.status(), solved.gradientNorm(), solve == null ? null : solve.status(),
          solve == null ? Double.NaN : solve.relativeResidual(), h.hessianVectorProducts(),
          (System.nanoTime() - start) / 1e6, lambda.clone());
      history.add(event);
      if (listener != null) {
        listener.onStep(event);
      }
      if (!Double.isFinite(h.outerValue()) || !Double.isFinite(h.norm())) {
        return new HyperOptimizationResult(bestLambda, bestTheta, bestValue, bestStep,
            HyperOptimizationResult.StopReason.NON_FINITE,
            "at step " + step + " the outer value is " + h.outerValue() + " and |dg/dlambda| is "
                + h.norm() + "; the best lambda so far is kept", history);
      }
      if (bestStep < 0 || h.outerValue() < bestValue - minImprovement * Math.abs(bestValue)) {
        sinceImprovement = 0; // the first step always counts as an improvement
      } else {
        sinceImprovement++;
      }
      if (h.outerValue() < bestValue) {
        bestValue = h.outerValue();
        bestLambda = lambda.clone();
        bestTheta = theta.clone();
        bestStep = step;
      }
      if (patience > 0 && sinceImprovement >= patience) {
        return new HyperOptimizationResult(bestLambda, bestTheta, bestValue, bestStep,
            HyperOptimizationResult.StopReason.PLATEAU,
            "no relative improvement above " + minImprovement + " for " + patience + " steps", history);
      }
      if (step + 1 >= maxSteps) {
        return new HyperOptimizationResult(bestLambda, bestTheta, bestValue, bestStep,
            HyperOptimizationResult.StopReason.BUDGET, maxSteps + " outer steps done", history);
      }
      stepper.step(u, phi.chainRule(u, h.hypergradient()));
    }
  }

  /** Settings of a {@link HyperOptimizer}. */
  public static final class Builder {
    private final Hypergradient hypergradient;
    private InnerOptimizer inner = InnerOptimizer.lbfgs();
    private InnerStopping innerStopping = new InnerStopping(1e-6, 1000);
    private StepRule outerRule = StepRule.adam(0.05);
    private int maxSteps = 50;
    private int patience;
    private double minImprovement = 1e-4;
    private ProgressListener listener;

    private Builder(Hypergradient hypergradient) {
      if (hypergradient == null) {
        throw new IllegalArgumentException("HyperOptimizer: the hypergradient method is null");
      }
      this.hypergradient = hypergradient;
    }

    /** The inner optimiser (default: L-BFGS). */
    public Builder innerOptimizer(InnerOptimizer o) {
      this.inner = require(o, "inner optimizer");
      return this;
    }

    /** When the inner solve stops (default: ‖∇f‖ ≤ 1e-6 or 1000 iterations). */
    public Builder innerStopping(InnerStopping s) {
      this.innerStopping = require(s, "inner stopping");
      return this;
    }

    /** The update of λ's free variables (default: Adam with learning rate 0.05). */
    public Builder outerRule(StepRule rule) {
      this.outerRule = require(rule, "outer rule");
      return this;
    }

    /** The number of outer steps (default 50). */
    public Builder maxSteps(int steps) {
      if (steps < 1) {
        throw new IllegalArgumentException("HyperOptimizer: maxSteps must be >= 1, got " + steps);
      }
      this.maxSteps = steps;
      return this;
    }

    /**
     * Stop when the best outer value has not improved by the relative amount {@code
     * minImprovement} for {@code patience} steps (patience 0, the default, disables it).
     */
    public Builder plateau(int patience, double minImprovement) {
      if (patience < 0 || !(minImprovement >= 0)) {
        throw new IllegalArgumentException("HyperOptimizer: plateau needs patience >= 0 and minImprovement >= 0, got "
            + patience + " and " + minImprovement);
      }
      this.patience = patience;
      this.minImprovement = minImprovement;
      return this;
    }

    /** Receives every step's event (default: none). */
    public Builder listener(ProgressListener l) {
      this.listener = l;
      return this;
    }

    /** The configured loop. */
    public HyperOptimizer build() {
      return new HyperOptimizer(this);
    }

    private static <T> T require(T value, String what) {
      if (value == null) {
        throw new IllegalArgumentException("HyperOptimizer: the " + what + " is null");
      }
      return value;
    }
  }
}
