package io.github.hypergrad4j.bilevel.meta;

import io.github.hypergrad4j.ihvp.IhvpResult;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * A batch of tasks sharing the meta-parameters φ: the batch meta-gradient is the mean of the
 * members' (1/B) Σ_b g_b, each computed by a {@link MetaGradient}, optionally on a thread pool. The
 * members are independent, and their results are summed in batch order after all have finished,
 * so a parallel batch gives results bit-identical to a sequential one.
 *
 * @param tasks the members (at least one; copied)
 */
public record TaskBatch(List<MetaTask> tasks) {

  private static final String OWNER = "TaskBatch";

  /**
   * @throws IllegalArgumentException if the list is null, empty or holds a null task
   */
  public TaskBatch {
    if (tasks == null || tasks.isEmpty()) {
      throw new IllegalArgumentException(OWNER + ": a task batch needs at least one task, got "
          + (tasks == null ? "null" : "an empty list"));
    }
    for (int i = 0; i < tasks.size(); i++) {
      if (tasks.get(i) == null) {
        throw new IllegalArgumentException(OWNER + ": task " + i + " is null");
      }
    }
    tasks = List.copyOf(tasks);
  }

  /**
   * {@code size} tasks drawn one after the other from the sampler with {@code random}.
   *
   * @throws IllegalArgumentException if size &lt; 1 or an argument is null
   */
  public static TaskBatch sample(TaskSampler sampler, int size, SplittableRandom random) {
    if (sampler == null || random == null) {
      throw new IllegalArgumentException(OWNER + ": the sampler and the random generator must not be null");
    }
    if (size < 1) {
      throw new IllegalArgumentException(OWNER + ": the batch size must be >= 1, got " + size);
    }
    List<MetaTask> tasks = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      tasks.add(sampler.sample(random));
    }
    return new TaskBatch(tasks);
  }

  /** The number of tasks. */
  public int size() {
    return tasks.size();
  }

  /**
   * The batch meta-gradient at φ: the mean of the members' meta-gradients and test losses, and
   * the sums of their costs.
   *
   * @param pool the threads to use, or null to compute the members one after the other
   * @throws IllegalArgumentException if the method is null or φ does not fit (as {@link
   *     MetaGradient#compute})
   */
  public Result metaGradient(MetaGradient method, double[] phi, ExecutorService pool) {
    if (method == null) {
      throw new IllegalArgumentException(OWNER + ": the meta-gradient method is null");
    }
    Adaptation.checkPhi(OWNER, phi);
    double[] shared = phi.clone();
    List<TaskGradient> parts = new ArrayList<>(tasks.size());
    if (pool == null) {
      for (MetaTask task : tasks) {
        parts.add(method.compute(task, shared));
      }
    } else {
      List<Future<TaskGradient>> futures = new ArrayList<>(tasks.size());
      for (MetaTask task : tasks) {
        futures.add(pool.submit(() -> method.compute(task, shared)));
      }
      for (Future<TaskGradient> f : futures) {
        parts.add(await(f));
      }
    }
    double[] mean = new double[phi.length];
    double loss = 0;
    long gradients = 0;
    long products = 0;
    for (TaskGradient part : parts) {
      for (int i = 0; i < mean.length; i++) {
        mean[i] += part.gradient()[i];
      }
      loss += part.testLoss();
      gradients += part.gradients();
      products += part.hessianVectorProducts();
    }
    double inv = 1.0 / parts.size();
    for (int i = 0; i < mean.length; i++) {
      mean[i] *= inv;
    }
    return new Result(mean, loss * inv, gradients, products, List.copyOf(parts));
  }

  private static TaskGradient await(Future<TaskGradient> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(OWNER + ": interrupted while waiting for a task", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(OWNER + ": a task failed: " + cause, cause);
    }
  }

  /**
   * A batch meta-gradient.
   *
   * @param gradient (1/B) Σ_b g_b
   * @param testLoss the mean post-adaptation test loss of the members
   * @param gradients the gradients all members evaluated
   * @param hessianVectorProducts the Hessian-vector products all members evaluated
   * @param members each member's own result, in batch order
   */
  public record Result(
      double[] gradient, double testLoss, long gradients, long hessianVectorProducts, List<TaskGradient> members) {

    /** The largest relative CG residual among the members (iMAML), or 0 when there was no solve. */
    public double worstRelativeResidual() {
      double worst = 0;
      for (TaskGradient m : members) {
        IhvpResult s = m.solve();
        if (s != null) {
          worst = Math.max(worst, s.relativeResidual());
        }
      }
      return worst;
    }

    /** The number of members whose CG solve did not converge (iMAML), 0 otherwise. */
    public int unconvergedSolves() {
      int n = 0;
      for (TaskGradient m : members) {
        if (m.solve() != null && !m.solve().converged()) {
          n++;
        }
      }
      return n;
    }
  }
}
