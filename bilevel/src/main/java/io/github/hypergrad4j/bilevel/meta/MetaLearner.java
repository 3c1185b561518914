package io.github.hypergrad4j.bilevel.meta;

import io.github.hypergrad4j.bilevel.StepRule;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;

/**
 * The meta-training loop: for step s = 1, 2, …, draw a {@link TaskBatch} of B tasks, compute its
 * meta-gradient at φ with the {@link MetaGradient} (on the pool if one is given) and update φ by
 * the outer {@link StepRule} (Adam in Finn et al. 2017 and Rajeswaran et al. 2019). Stopping: after
 * the given number of outer steps, or earlier once the wall-clock budget is spent (checked after
 * each step, so that methods can be compared at equal meta-training time), or when a batch
 * meta-gradient is not finite (then φ is the last finite one). Tasks come from one {@link
 * SplittableRandom} seeded by the caller, drawn on the calling thread, so a run is reproducible
 * and does not depend on the pool.
 */
public final class MetaLearner {

  private static final String OWNER = "MetaLearner";

  private final MetaGradient method;
  private final StepRule outer;
  private final int batchSize;

  /** Called after every outer step (for progress reports; library code prints nothing). */
  @FunctionalInterface
  public interface Listener {
    /** Step s (1-based) has updated φ with the batch result r. */
    void afterStep(int step, TaskBatch.Result r, long elapsedNanos);
  }

  /**
   * @param method the per-task meta-gradient
   * @param outer the step rule on φ, e.g. {@code StepRule.adam(1e-3)}
   * @param batchSize B ≥ 1 tasks per outer step
   * @throws IllegalArgumentException if an argument is null or B &lt; 1
   */
  public MetaLearner(MetaGradient method, StepRule outer, int batchSize) {
    if (method == null || outer == null) {
      throw new IllegalArgumentException(OWNER + ": method and outer step rule must not be null, got method = "
          + method + ", outer = " + outer);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException(OWNER + ": the task batch size must be >= 1, got " + batchSize);
    }
    this.method = method;
    this.outer = outer;
    this.batchSize = batchSize;
  }

  /**
   * Meta-trains φ from φ₀.
   *
   * @param sampler the task distribution
   * @param phi0 φ₀ (not modified)
   * @param maxSteps the most outer steps (≥ 1)
   * @param timeBudgetNanos stop once this much wall-clock time is spent (0: no limit)
   * @param seed the seed of the task stream
   * @param pool threads for the batch members, or null for sequential
   * @param listener progress, or null
   * @throws IllegalArgumentException if the sampler is null, φ₀ is empty or not finite, maxSteps
   *     &lt; 1 or the budget is negative
   */
  public Result train(TaskSampler sampler, double[] phi0, int maxSteps, long timeBudgetNanos, long seed,
      ExecutorService pool, Listener listener) {
    if (sampler == null) {
      throw new IllegalArgumentException(OWNER + ": the task sampler is null");
    }
    Adaptation.checkPhi(OWNER, phi0);
    if (maxSteps < 1) {
      throw new IllegalArgumentException(OWNER + ": maxSteps must be >= 1, got " + maxSteps);
    }
    if (timeBudgetNanos < 0) {
      throw new IllegalArgumentException(OWNER + ": the time budget must be >= 0, got " + timeBudgetNanos);
    }
    SplittableRandom random = new SplittableRandom(seed);
    StepRule.Stepper stepper = outer.start(phi0.length);
    double[] phi = phi0.clone();
    double[] losses = new double[maxSteps];
    long gradients = 0;
    long products = 0;
    long start = System.nanoTime();
    int done = 0;
    String stop = "the step limit";
    while (done < maxSteps) {
      TaskBatch batch = TaskBatch.sample(sampler, batchSize, random);
      TaskBatch.Result r = batch.metaGradient(method, phi, pool);
      gradients += r.gradients();
      products += r.hessianVectorProducts();
      if (!allFinite(r.gradient())) {
        stop = "a non-finite meta-gradient at step " + (done + 1);
        break;
      }
      stepper.step(phi, r.gradient());
      losses[done++] = r.testLoss();
      long elapsed = System.nanoTime() - start;
      if (listener != null) {
        listener.afterStep(done, r, elapsed);
      }
      if (timeBudgetNanos > 0 && elapsed >= timeBudgetNanos) {
        stop = "the time budget";
        break;
      }
    }
    return new Result(phi, Arrays.copyOf(losses, done), gradients, products, System.nanoTime() - start, stop);
  }

  private static boolean allFinite(double[] v) {
    for (double x : v) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A meta-training run.
   *
   * @param phi the meta-learnt φ
   * @param batchTestLosses the mean post-adaptation test loss of each step's batch (before its
   *     update)
   * @param gradients gradients evaluated in all
   * @param hessianVectorProducts Hessian-vector products evaluated in all
   * @param elapsedNanos wall-clock time
   * @param stoppedBy what ended the run
   */
  public record Result(double[] phi, double[] batchTestLosses, long gradients, long hessianVectorProducts,
      long elapsedNanos, String stoppedBy) {

    /** The outer steps taken. */
    public int steps() {
      return batchTestLosses.length;
    }
  }
}
