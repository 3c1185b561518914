package io.github.hypergrad4j.bilevel;

import io.github.hypergrad4j.bilevel.HyperOptimizationResult.StopReason;
import java.util.List;
import java.util.Optional;

/**
 * The inner solve(s) and hypergradient of one {@link HyperOptimizer} run: on one problem ({@link
 * Single}), or on a {@link ProblemBatch} ({@link Batch}: one θ and one session per member, solved
 * on a fixed number of threads and combined in member order).
 */
interface RunEvaluator {

  /** What the evaluators take from the optimiser's settings. */
  record Settings(InnerOptimizer inner, InnerStopping stopping, boolean assumesInnerOptimum) {}

  /** The inner solve(s) at λ, warm-started from the previous θ, which they replace. */
  InnerResult solve(double[] lambda);

  /** The hypergradient at the current θ and λ. */
  HypergradientResult compute(double[] lambda);

  /** The last {@link #compute} again with the damping ρ. */
  Optional<HypergradientResult> retryWithDamping(double[] lambda, double damping);

  /** Null if the step is reliable, else why not. */
  StepReliability.Verdict judge(int step, InnerResult solved, HypergradientResult h);

  /** A copy of the current θ. */
  double[] theta();

  /** The members' outer values of the last {@link #compute} or retry, in member order; empty for one problem. */
  double[] memberOuterValues();

  /** One problem, one session. */
  final class Single implements RunEvaluator {
    private final BilevelProblem problem;
    private final Hypergradient.Session session;
    private double[] theta;

    private final Settings settings;

    Single(BilevelProblem problem, Hypergradient.Session session, Settings settings) {
      this.settings = settings;
      this.problem = problem;
      this.session = session;
      this.theta = problem.initialTheta();
    }

    @Override
    public InnerResult solve(double[] lambda) {
      InnerResult solved = settings.inner().minimize(problem.innerFunctionAt(lambda), theta, settings.stopping());
      if (solved.status() != InnerResult.Status.DIVERGED) {
        theta = solved.theta();
      }
      return solved;
    }

    @Override
    public HypergradientResult compute(double[] lambda) {
      return session.compute(problem, theta, lambda);
    }

    @Override
    public Optional<HypergradientResult> retryWithDamping(double[] lambda, double damping) {
      return session.retryWithDamping(problem, theta, lambda, damping);
    }

    @Override
    public StepReliability.Verdict judge(int step, InnerResult solved, HypergradientResult h) {
      return StepReliability.judge(step, solved, settings.stopping(), h, settings.assumesInnerOptimum());
    }

    @Override
    public double[] theta() {
      return theta.clone();
    }

    @Override
    public double[] memberOuterValues() {
      return new double[0];
    }
  }

  /** A batch: one θ and one session per member, solved on the builder's threads. */
  final class Batch implements RunEvaluator {
    private final ProblemBatch batch;
    private final BatchHypergradient.Session session;
    private final double[][] thetas;
    private List<InnerResult> solves;
    private List<HypergradientResult> members;

    private final Settings settings;
    private final int threads;

    Batch(ProblemBatch batch, BatchHypergradient.Session session, Settings settings, int threads) {
      this.settings = settings;
      this.threads = threads;
      this.batch = batch;
      this.session = session;
      this.thetas = new double[batch.size()][];
      for (int k = 0; k < thetas.length; k++) {
        thetas[k] = batch.member(k).initialTheta();
      }
    }

    @Override
    public InnerResult solve(double[] lambda) {
      solves = batch.solveInner(settings.inner(), lambda, thetas, settings.stopping(), threads);
      InnerResult first = null;
      int iterations = 0;
      int evaluations = 0;
      double value = 0;
      double gradientNorm = 0;
      for (int k = 0; k < thetas.length; k++) {
        InnerResult r = solves.get(k);
        if (r.status() == InnerResult.Status.DIVERGED) {
          return r;
        }
        thetas[k] = r.theta();
        first = first == null && !r.converged() ? r : first;
        iterations += r.iterations();
        evaluations += r.gradientEvaluations();
        value += r.value();
        gradientNorm = Math.max(gradientNorm, r.gradientNorm());
      }
      InnerResult.Status status = first == null ? InnerResult.Status.CONVERGED : first.status();
      return new InnerResult(theta(), status, iterations, evaluations, value / thetas.length, gradientNorm);
    }

    @Override
    public HypergradientResult compute(double[] lambda) {
      BatchHypergradient.Result r = session.compute(thetas, lambda);
      members = r.members();
      return r.mean();
    }

    @Override
    public Optional<HypergradientResult> retryWithDamping(double[] lambda, double damping) {
      Optional<BatchHypergradient.Result> r = session.retryWithDamping(thetas, lambda, damping);
      r.ifPresent(x -> members = x.members());
      return r.map(BatchHypergradient.Result::mean);
    }

    /** The first member's verdict (one of a non-stationary inner solve before one of a failed solve). */
    @Override
    public StepReliability.Verdict judge(int step, InnerResult solved, HypergradientResult h) {
      StepReliability.Verdict found = null;
      for (int k = 0; k < members.size(); k++) {
        StepReliability.Verdict v = StepReliability.judge(step, solves.get(k), settings.stopping(), members.get(k),
            settings.assumesInnerOptimum());
        if (v != null && (found == null || (found.reason() == StopReason.SOLVER_FAILED
            && v.reason() == StopReason.INNER_NOT_STATIONARY))) {
          found = new StepReliability.Verdict(v.reason(), v.message() + " (batch member " + (k + 1) + " of "
              + members.size() + ")");
        }
      }
      return found;
    }

    @Override
    public double[] memberOuterValues() {
      double[] values = new double[members.size()];
      for (int k = 0; k < values.length; k++) {
        values[k] = members.get(k).outerValue();
      }
      return values;
    }

    @Override
    public double[] theta() {
      int n = 0;
      for (double[] t : thetas) {
        n += t.length;
      }
      double[] all = new double[n];
      int at = 0;
      for (double[] t : thetas) {
        System.arraycopy(t, 0, all, at, t.length);
        at += t.length;
      }
      return all;
    }
  }
}
