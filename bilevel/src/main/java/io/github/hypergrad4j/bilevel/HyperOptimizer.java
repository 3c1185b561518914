package io.github.hypergrad4j.bilevel;

import io.github.hypergrad4j.bilevel.HyperOptimizationResult.StopReason;
import io.github.hypergrad4j.ihvp.IhvpResult;
import java.util.Locale;
import java.util.Optional;

/**
 * The outer loop of hyperparameter optimisation. Each step:
 *
 * <ol>
 *   <li>λ = φ(u) through the problem's {@link Parametrization};
 *   <li>the inner solve θ ≈ argmin f(·, λ), warm-started from the previous step's θ;
 *   <li>the hypergradient dg/dλ at (θ, λ) (by default the implicit one, {@link
 *       ImplicitHypergradient}) in a {@link Hypergradient.Session} opened for the run, which
 *       warm-starts each linear solve from the previous step's solution unless told not to;
 *   <li>its judgement (reliable or not, by the rule of {@link UnreliableStepPolicy}) and, for an
 *       unreliable one, the policy: stop, skip, or retry with more damping;
 *   <li>a {@link ProgressEvent} to the listener and the {@link History};
 *   <li>a step on u with dg/du = φ′(u) ⊙ dg/dλ (SGD or Adam), unless the step is skipped.
 * </ol>
 *
 * It stops after the step budget ({@code BUDGET}); when the best outer value has not improved by
 * a relative {@code minImprovement} for {@code patience} steps ({@code PLATEAU}); or, cleanly,
 * when the outer value, the hypergradient, u or λ stops being finite ({@code NON_FINITE}), when
 * the inner optimiser diverges ({@code INNER_DIVERGED}), or when the policy gives up on an
 * unreliable step ({@code INNER_NOT_STATIONARY}, {@code SOLVER_FAILED}). Whatever the reason, the
 * best λ seen, the history up to the stop and a one-line message are returned. Nothing is printed.
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
  private final UnreliableStepPolicy policy;
  private final boolean warmStart;
  private final int threads;

  private HyperOptimizer(Builder b) {
    this.inner = b.inner;
    this.innerStopping = b.innerStopping;
    this.hypergradient = b.hypergradient;
    this.outerRule = b.outerRule;
    this.maxSteps = b.maxSteps;
    this.patience = b.patience;
    this.minImprovement = b.minImprovement;
    this.listener = b.listener;
    this.policy = b.policy;
    this.warmStart = b.warmStart;
    this.threads = b.threads;
  }

  /** A builder; the hypergradient method is required. */
  public static Builder builder(Hypergradient hypergradient) {
    return new Builder(hypergradient);
  }

  /**
   * Runs the loop on {@code problem} from its initial θ and λ.
   *
   * @throws IllegalArgumentException if {@code problem} is null
   */
  public HyperOptimizationResult run(BilevelProblem problem) {
    Check.notNull("HyperOptimizer.run", "problem", problem);
    return loop(new RunEvaluator.Single(problem, hypergradient.session(warmStart), settings()), problem.parametrization(),
        problem.initialLambda());
  }

  /**
   * Runs the loop on a batch of problems sharing λ, from their initial θ_k and the shared λ₀: the
   * outer value is the members' mean, the hypergradient the mean of theirs ({@link
   * BatchHypergradient}, one {@link Hypergradient.Session} per member), each member's inner solve
   * warm-started from that member's previous θ. The members' inner solves and hypergradients run
   * on {@link Builder#threads} threads; the result is bit-identical to one thread's. A step is
   * unreliable when any member's is (the warning names the member); under {@link
   * UnreliableStepPolicy#raiseDamping} every member's solve is repeated with the raised damping.
   * The listener receives the mean; the events' inner iterations are the members' sum, their
   * inner gradient norm the largest. {@link HyperOptimizationResult#bestTheta()} is the members'
   * θ_k concatenated in member order.
   *
   * @throws IllegalArgumentException if {@code batch} is null
   */
  public HyperOptimizationResult runBatch(ProblemBatch batch) {
    Check.notNull("HyperOptimizer.runBatch", "batch", batch);
    BatchHypergradient method = BatchHypergradient.of(hypergradient, threads);
    return loop(new RunEvaluator.Batch(batch, method.session(batch, warmStart), settings(), threads), batch.parametrization(), batch.initialLambda());
  }

  /** What the evaluators need of the settings. */
  private RunEvaluator.Settings settings() {
    return new RunEvaluator.Settings(inner, innerStopping, hypergradient.assumesInnerOptimum());
  }

  private HyperOptimizationResult loop(RunEvaluator ev, Parametrization phi, double[] lambda0) {
    long start = System.nanoTime();
    double[] u = phi.fromLambda(lambda0);
    StepRule.Stepper stepper = outerRule.start(u.length);
    Run run = new Run(phi.toLambda(u), ev.theta());
    int consecutive = 0;
    for (int step = 0; ; step++) {
      double[] lambda = phi.toLambda(u);
      String notFinite = nonFinite(u, lambda);
      if (notFinite != null) {
        return run.end(StopReason.NON_FINITE, "after step " + step + " the outer rule " + outerRule.name()
            + " gave " + notFinite + "; the best lambda so far is kept");
      }
      InnerResult solved = ev.solve(lambda);
      if (solved.status() == InnerResult.Status.DIVERGED) {
        return run.end(StopReason.INNER_DIVERGED, "step " + (step + 1) + ": the inner optimiser " + inner.name()
            + " diverged (|grad f| = " + solved.gradientNorm() + "); the best lambda so far is kept");
      }
      Attempt a = hypergradientAt(ev, lambda, step, solved);
      HypergradientResult h = a.result();
      StepReliability.Verdict verdict = a.verdict();
      if (!Double.isFinite(h.outerValue()) || !Double.isFinite(h.norm())) {
        verdict = new StepReliability.Verdict(StopReason.NON_FINITE, "step " + (step + 1) + ": the outer value is "
            + h.outerValue() + " and |dg/dlambda| is " + h.norm());
      }
      boolean skip = false;
      boolean stop = false;
      String warning = a.note();
      if (verdict != null) {
        consecutive++;
        skip = policy instanceof UnreliableStepPolicy.Skip && verdict.reason() != StopReason.NON_FINITE;
        int allowed = skip ? ((UnreliableStepPolicy.Skip) policy).maxConsecutive() : 1;
        stop = consecutive >= allowed;
        run.skipped += skip ? 1 : 0;
        warning = verdict.message() + consequence(verdict.reason(), skip, stop, consecutive, allowed);
      } else {
        consecutive = 0;
      }
      IhvpResult solve = h.solve();
      ProgressEvent event = new ProgressEvent(step, h.outerValue(), h.norm(), h.hypergradient().clone(),
          solved.iterations(), solved.status(), solved.gradientNorm(), solve == null ? null : solve.status(),
          solve == null ? Double.NaN : solve.relativeResidual(), a.products(), (System.nanoTime() - start) / 1e6,
          lambda.clone(), h.damping(), verdict == null, warning, ev.memberOuterValues());
      run.history.add(event);
      if (listener != null) {
        listener.onStep(event);
      }
      if (Double.isFinite(h.outerValue())) { // a candidate for the best even when the step is unreliable
        boolean improved = run.bestStep < 0 || h.outerValue() < run.bestValue - minImprovement * Math.abs(run.bestValue);
        run.sinceImprovement = improved ? 0 : run.sinceImprovement + 1; // the first step always improves
        if (h.outerValue() < run.bestValue) {
          run.bestValue = h.outerValue();
          run.bestLambda = lambda.clone();
          run.bestTheta = ev.theta();
          run.bestStep = step;
        }
      }
      if (stop) {
        return run.end(verdict.reason(), warning);
      }
      if (patience > 0 && run.sinceImprovement >= patience) {
        return run.end(StopReason.PLATEAU,
            "no relative improvement above " + minImprovement + " for " + patience + " steps");
      }
      if (step + 1 >= maxSteps) {
        return run.end(StopReason.BUDGET, maxSteps + " outer steps done");
      }
      if (!skip) {
        stepper.step(u, phi.chainRule(u, h.hypergradient()));
      }
    }
  }

  /** A step's hypergradient after any retries, the products of all attempts, its verdict and a note. */
  private record Attempt(HypergradientResult result, long products, StepReliability.Verdict verdict, String note) {}

  /**
   * The step's hypergradient; under {@link UnreliableStepPolicy.RaiseDamping}, a failed solve is
   * solved again with ρ raised tenfold at a time, from max(10ρ, initial) up to the cap.
   */
  private Attempt hypergradientAt(RunEvaluator ev, double[] lambda, int step, InnerResult solved) {
    HypergradientResult h = ev.compute(lambda);
    long products = h.hessianVectorProducts();
    StepReliability.Verdict verdict = ev.judge(step, solved, h);
    if (verdict == null || verdict.reason() != StopReason.SOLVER_FAILED
        || !(policy instanceof UnreliableStepPolicy.RaiseDamping raise)) {
      return new Attempt(h, products, verdict, "");
    }
    StepReliability.Verdict first = verdict;
    double own = Double.isNaN(h.damping()) ? 0 : h.damping();
    int retries = 0;
    for (double rho = Math.max(10 * own, raise.initialDamping()); verdict != null && rho <= raise.maxDamping();
        rho *= 10, retries++) {
      Optional<HypergradientResult> retry = ev.retryWithDamping(lambda, rho);
      if (retry.isEmpty()) {
        return new Attempt(h, products, new StepReliability.Verdict(verdict.reason(),
            verdict.message() + "; " + hypergradient.name() + " has no damping to raise"), "");
      }
      h = retry.get();
      products += h.hessianVectorProducts();
      verdict = ev.judge(step, solved, h);
    }
    if (verdict == null) {
      return new Attempt(h, products, null, String.format(Locale.ROOT,
          "%s; solved again with the damping raised to %.3g", first.message(), h.damping()));
    }
    String tried = retries == 0
        ? "; the damping is already within a factor 10 of the cap %.3g, so it was not raised"
        : "; raising the damping up to %.3g did not help";
    return new Attempt(h, products, new StepReliability.Verdict(verdict.reason(), verdict.message()
        + String.format(Locale.ROOT, tried, raise.maxDamping())), "");
  }

  /** What the policy makes of an unreliable step, as the end of its warning. */
  private String consequence(StopReason reason, boolean skip, boolean stop, int consecutive, int allowed) {
    if (!stop) {
      return "; lambda is not stepped (skip " + consecutive + " of at most " + allowed + " in a row)";
    }
    String why = reason == StopReason.NON_FINITE ? ""
        : skip ? " after " + consecutive + " unreliable steps in a row (policy " + policy + ")"
        : " (policy " + policy + ")";
    return "; the run stops" + why + ", keeping the best lambda so far";
  }

  /** Null if u and λ = φ(u) are finite, else the first entry that is not. */
  private static String nonFinite(double[] u, double[] lambda) {
    int i = Check.firstNonFinite(u);
    int k = i >= 0 ? i : Check.firstNonFinite(lambda);
    return k < 0 ? null : "u[" + k + "] = " + u[k] + ", lambda[" + k + "] = " + lambda[k];
  }

  /** What a run has learned so far. */
  private static final class Run {
    final History history = new History();
    double[] bestLambda;
    double[] bestTheta;
    double bestValue = Double.POSITIVE_INFINITY;
    int bestStep = -1;
    int sinceImprovement;
    int skipped;

    Run(double[] lambda0, double[] theta0) {
      this.bestLambda = lambda0;
      this.bestTheta = theta0;
    }

    HyperOptimizationResult end(StopReason reason, String message) {
      return new HyperOptimizationResult(bestLambda, bestTheta, bestValue, bestStep, reason, message, history, skipped);
    }
  }

  /** Settings of a {@link HyperOptimizer}. */
  public static final class Builder {
    private final Hypergradient hypergradient;
    private InnerOptimizer inner = InnerOptimizer.lbfgs();
    private InnerStopping innerStopping = InnerStopping.defaults();
    private StepRule outerRule = StepRule.adam(0.05);
    private int maxSteps = 50;
    private int patience;
    private double minImprovement = 1e-4;
    private ProgressListener listener;
    private UnreliableStepPolicy policy = UnreliableStepPolicy.stop();
    private boolean warmStart = true;
    private int threads = BatchHypergradient.defaultThreads();

    private Builder(Hypergradient hypergradient) {
      this.hypergradient = Check.notNull("HyperOptimizer", "the hypergradient method", hypergradient);
    }

    /** The inner optimiser (default: L-BFGS). */
    public Builder innerOptimizer(InnerOptimizer o) {
      this.inner = Check.notNull("HyperOptimizer", "the inner optimizer", o);
      return this;
    }

    /** When the inner solve stops (default: {@link InnerStopping#defaults()}, ‖∇f‖ ≤ 1e-6 or 1000 iterations). */
    public Builder innerStopping(InnerStopping s) {
      this.innerStopping = Check.notNull("HyperOptimizer", "the inner stopping", s);
      return this;
    }

    /** The update of λ's free variables (default: Adam with learning rate 0.05). */
    public Builder outerRule(StepRule rule) {
      this.outerRule = Check.notNull("HyperOptimizer", "the outer rule", rule);
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
     *
     * @throws IllegalArgumentException if patience is negative, or minImprovement negative, NaN or
     *     infinite
     */
    public Builder plateau(int patience, double minImprovement) {
      if (patience < 0) {
        throw new IllegalArgumentException("HyperOptimizer.plateau: patience must be >= 0, got " + patience);
      }
      this.minImprovement = Check.nonNegativeFinite("HyperOptimizer.plateau", "minImprovement", minImprovement);
      this.patience = patience;
      return this;
    }

    /**
     * What to do with a step whose hypergradient cannot be trusted — the inner solve far from
     * stationary, or a failed inverse-HVP solve, both defined in {@link UnreliableStepPolicy}
     * (default: {@link UnreliableStepPolicy#stop()}, which ends the run with {@code
     * INNER_NOT_STATIONARY} or {@code SOLVER_FAILED} rather than stepping λ on a meaningless
     * hypergradient).
     */
    public Builder onUnreliableStep(UnreliableStepPolicy p) {
      this.policy = Check.notNull("HyperOptimizer", "the unreliable-step policy", p);
      return this;
    }

    /**
     * Whether the run's {@link Hypergradient.Session} starts each linear solve from the previous
     * step's solution p (default: true; consecutive steps have nearby λ, so that start saves
     * products). θ is always warm-started from the previous step's inner solution.
     */
    public Builder warmStartHypergradient(boolean enabled) {
      this.warmStart = enabled;
      return this;
    }

    /**
     * The threads on which {@link HyperOptimizer#runBatch(ProblemBatch)} solves and differentiates the
     * members (default: {@link BatchHypergradient#defaultThreads()}); the results do not depend on
     * it.
     *
     * @throws IllegalArgumentException if threads &lt; 1
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("HyperOptimizer: threads must be >= 1, got " + threads);
      }
      this.threads = threads;
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
  }
}
