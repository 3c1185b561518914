package io.github.hypergrad4j.bilevel;

import io.github.hypergrad4j.ihvp.IhvpResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * The hypergradient of a {@link ProblemBatch}: the mean of its members' hypergradients, each by
 * the same {@link Hypergradient} method,
 *
 * <pre>    dG/dλ = (1/K) Σ_k dg_k/dλ (θ_k, λ).</pre>
 *
 * <p>The members are computed on a fixed number of threads; their results are summed in member
 * order after all have finished, so the result is bit-identical to the sequential one (one
 * thread) whatever the number of threads and the order in which the members finish. Cost: the
 * sum of the members' costs (reported as such), spread over the threads.
 *
 * <p>A {@link Session} keeps one {@link Hypergradient.Session} per member, so each member's
 * linear solve is warm-started from that member's previous solution.
 */
public final class BatchHypergradient {

  private final Hypergradient method;
  private final int threads;

  private BatchHypergradient(Hypergradient method, int threads) {
    this.method = method;
    this.threads = threads;
  }

  /**
   * The batch hypergradient by {@code method} on {@code threads} threads.
   *
   * @throws IllegalArgumentException if the method is null or threads &lt; 1
   */
  public static BatchHypergradient of(Hypergradient method, int threads) {
    Check.notNull("BatchHypergradient.of", "method", method);
    if (threads < 1) {
      throw new IllegalArgumentException("BatchHypergradient.of: threads must be >= 1, got " + threads);
    }
    return new BatchHypergradient(method, threads);
  }

  /**
   * The default number of threads: the system property {@code hypergrad4j.threads} if set, else
   * the number of available processors.
   */
  public static int defaultThreads() {
    return Math.max(1, Integer.getInteger("hypergrad4j.threads", Runtime.getRuntime().availableProcessors()));
  }

  /** The members' method. */
  public Hypergradient method() {
    return method;
  }

  /** The number of threads. */
  public int threads() {
    return threads;
  }

  /**
   * The mean of the members' results and the results themselves.
   *
   * @param mean the batch's result: mean hypergradient, outer value and direct gradient; the
   *     members' products and gradients summed; their largest inner stationarity; the solve with
   *     the largest relative residual (null for methods without one); warm-started only if every
   *     member was; the first member's damping
   * @param members each member's result, in member order
   */
  public record Result(HypergradientResult mean, List<HypergradientResult> members) {}

  /**
   * The batch hypergradient at the members' θ_k and the shared λ, each member by {@link
   * Hypergradient#compute} (stateless).
   *
   * @throws IllegalArgumentException if the batch is null, {@code thetas} does not hold one θ per
   *     member, or a member's method rejects its point
   */
  public Result compute(ProblemBatch batch, double[][] thetas, double[] lambda) {
    Check.notNull("BatchHypergradient.compute", "batch", batch);
    batch.checkThetas("BatchHypergradient.compute", thetas);
    return combine(map(threads, batch.size(), k -> method.compute(batch.member(k), thetas[k], lambda)));
  }

  /** A session over {@code batch}: one member session each, warm-started if asked. */
  public Session session(ProblemBatch batch, boolean warmStart) {
    Check.notNull("BatchHypergradient.session", "batch", batch);
    return new Session(batch, warmStart);
  }

  /** One sequence of batch hypergradients (an outer run). Not safe for use by several threads. */
  public final class Session {
    private final ProblemBatch batch;
    private final List<Hypergradient.Session> sessions = new ArrayList<>();

    private Session(ProblemBatch batch, boolean warmStart) {
      this.batch = batch;
      for (int k = 0; k < batch.size(); k++) {
        sessions.add(method.session(warmStart));
      }
    }

    /**
     * The next batch hypergradient: member k by its own session at (θ_k, λ).
     *
     * @throws IllegalArgumentException if {@code thetas} does not hold one θ per member, or a
     *     member's method rejects its point
     */
    public Result compute(double[][] thetas, double[] lambda) {
      batch.checkThetas("BatchHypergradient.Session.compute", thetas);
      return combine(map(threads, batch.size(), k -> sessions.get(k).compute(batch.member(k), thetas[k], lambda)));
    }

    /**
     * The last {@link #compute} again with every member's solve damped by ρ = {@code damping};
     * empty if the method has no damped solve.
     */
    public Optional<Result> retryWithDamping(double[][] thetas, double[] lambda, double damping) {
      batch.checkThetas("BatchHypergradient.Session.retryWithDamping", thetas);
      List<Optional<HypergradientResult>> retried = map(threads, batch.size(),
          k -> sessions.get(k).retryWithDamping(batch.member(k), thetas[k], lambda, damping));
      List<HypergradientResult> results = new ArrayList<>();
      for (Optional<HypergradientResult> r : retried) {
        if (r.isEmpty()) {
          return Optional.empty();
        }
        results.add(r.get());
      }
      return Optional.of(combine(results));
    }
  }

  /** The mean of the members' results, summed in member order. */
  static Result combine(List<HypergradientResult> members) {
    int k = members.size();
    HypergradientResult first = members.get(0);
    double[] h = new double[first.hypergradient().length];
    double[] direct = new double[first.directGradient().length];
    double value = 0;
    double stationarity = 0;
    long products = 0;
    long gradients = 0;
    boolean warm = true;
    IhvpResult worst = null;
    for (HypergradientResult r : members) {
      add(h, r.hypergradient());
      add(direct, r.directGradient());
      value += r.outerValue();
      stationarity = Math.max(stationarity, r.innerStationarity());
      products += r.hessianVectorProducts();
      gradients += r.gradientEvaluations();
      warm &= r.warmStarted();
      IhvpResult s = r.solve();
      if (s != null && (worst == null || !(s.relativeResidual() <= worst.relativeResidual()))) {
        worst = s;
      }
    }
    scale(h, k);
    scale(direct, k);
    HypergradientResult mean = new HypergradientResult(h, value / k, direct, products, gradients, worst,
        stationarity, warm, first.damping());
    return new Result(mean, List.copyOf(members));
  }

  private static void add(double[] sum, double[] x) {
    for (int i = 0; i < sum.length; i++) {
      sum[i] += x[i];
    }
  }

  private static void scale(double[] x, int k) {
    for (int i = 0; i < x.length; i++) {
      x[i] /= k;
    }
  }

  /**
   * task(0) … task(n − 1) on min(threads, n) threads (on the caller's thread when that is 1),
   * the results in index order. A task's exception is rethrown on the caller's thread.
   */
  static <T> List<T> map(int threads, int n, IntFunction<T> task) {
    List<T> out = new ArrayList<>(n);
    int t = Math.min(threads, n);
    if (t <= 1) {
      for (int i = 0; i < n; i++) {
        out.add(task.apply(i));
      }
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(t, r -> {
      Thread th = new Thread(r, "hypergrad4j-batch");
      th.setDaemon(true);
      return th;
    });
    try {
      List<Future<T>> futures = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(pool.submit(() -> task.apply(index)));
      }
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("BatchHypergradient: a member failed", cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("BatchHypergradient: interrupted while waiting for the members", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
