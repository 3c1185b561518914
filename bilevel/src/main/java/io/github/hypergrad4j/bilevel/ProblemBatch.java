package io.github.hypergrad4j.bilevel;

import java.util.Arrays;
import java.util.List;

/**
 * A batch of inner problems that share the hyperparameters λ: the folds of K-fold
 * cross-validation (each trained on K−1 folds, validated on the held-out one), or the tasks of a
 * meta-learning batch. The outer objective of the batch is the mean of the members' outer
 * objectives,
 *
 * <pre>    G(λ) = (1/K) Σ_k g_k(θ_k*(λ), λ),   θ_k*(λ) = argmin_θ f_k(θ, λ),</pre>
 *
 * so its hypergradient is the mean of the members' ({@link BatchHypergradient}). Every member
 * has its own θ (sizes may differ); all have the same number of hyperparameters and the same λ₀.
 * The batch's λ is parametrised by its first member's {@link Parametrization}.
 */
public final class ProblemBatch {

  private final List<BilevelProblem> members;

  private ProblemBatch(List<BilevelProblem> members) {
    this.members = members;
  }

  /**
   * A batch of the given members, in this order (the order in which their results are summed).
   *
   * @throws IllegalArgumentException if the list is null or empty, a member is null, or the
   *     members differ in the number of hyperparameters or in λ₀
   */
  public static ProblemBatch of(List<BilevelProblem> members) {
    Check.notNull("ProblemBatch.of", "members", members);
    if (members.isEmpty()) {
      throw new IllegalArgumentException("ProblemBatch.of: members is empty; a batch needs at least one problem");
    }
    double[] lambda0 = null;
    for (int k = 0; k < members.size(); k++) {
      BilevelProblem p = members.get(k);
      Check.notNull("ProblemBatch.of", "members[" + k + "]", p);
      if (lambda0 == null) {
        lambda0 = p.initialLambda();
      } else if (!Arrays.equals(lambda0, p.initialLambda())) {
        throw new IllegalArgumentException("ProblemBatch.of: members[" + k + "] has " + p.lambdaSize()
            + " hyperparameters with a different initial lambda from members[0]'s " + lambda0.length
            + "; the members share lambda");
      }
    }
    return new ProblemBatch(List.copyOf(members));
  }

  /** The number of members K. */
  public int size() {
    return members.size();
  }

  /** Member k, from 0. */
  public BilevelProblem member(int k) {
    return members.get(k);
  }

  /** The members in order (unmodifiable). */
  public List<BilevelProblem> members() {
    return members;
  }

  /** The number of hyperparameters, shared by all members. */
  public int lambdaSize() {
    return members.get(0).lambdaSize();
  }

  /** A copy of the shared λ₀. */
  public double[] initialLambda() {
    return members.get(0).initialLambda();
  }

  /** How the outer loop parametrises λ: the first member's parametrisation. */
  public Parametrization parametrization() {
    return members.get(0).parametrization();
  }

  /**
   * G = (1/K) Σ_k g_k(θ_k, λ), summed in member order: one forward pass per member.
   *
   * @throws IllegalArgumentException if {@code thetas} does not hold one θ of the right length
   *     per member, or λ has the wrong length or a non-finite entry
   */
  public double outerValue(double[][] thetas, double[] lambda) {
    checkThetas("ProblemBatch.outerValue", thetas);
    double sum = 0;
    for (int k = 0; k < members.size(); k++) {
      sum += members.get(k).outerValue(thetas[k], lambda);
    }
    return sum / members.size();
  }

  /**
   * The members' inner solves at the shared λ: member k minimises f_k(·, λ) from {@code
   * starts[k]} by {@code optimizer} ({@link BilevelProblem#innerFunctionAt}, with the member's
   * diagonal curvature when it has one), on min(threads, K) threads. Each solve depends on its own
   * member only, so the results, in member order, do not depend on the number of threads.
   *
   * @throws IllegalArgumentException if an argument is null, {@code starts} does not hold one θ
   *     per member, threads &lt; 1, or a member or the optimiser rejects its input
   */
  public List<InnerResult> solveInner(InnerOptimizer optimizer, double[] lambda, double[][] starts,
      InnerStopping stopping, int threads) {
    Check.notNull("ProblemBatch.solveInner", "optimizer", optimizer);
    Check.notNull("ProblemBatch.solveInner", "stopping", stopping);
    checkThetas("ProblemBatch.solveInner", starts);
    if (threads < 1) {
      throw new IllegalArgumentException("ProblemBatch.solveInner: threads must be >= 1, got " + threads);
    }
    return BatchHypergradient.map(threads, members.size(),
        k -> optimizer.minimize(members.get(k).innerFunctionAt(lambda), starts[k], stopping));
  }

  /** Throws unless {@code thetas} has one entry per member. */
  void checkThetas(String what, double[][] thetas) {
    Check.notNull(what, "thetas", thetas);
    if (thetas.length != members.size()) {
      throw new IllegalArgumentException(what + ": thetas must hold one theta per member (" + members.size()
          + "), got " + thetas.length);
    }
  }
}
