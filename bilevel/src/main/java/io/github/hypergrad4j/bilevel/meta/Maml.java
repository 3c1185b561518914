package io.github.hypergrad4j.bilevel.meta;

import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.Objective;
import io.github.hypergrad4j.bilevel.unrolled.HyperparameterKind;
import io.github.hypergrad4j.bilevel.unrolled.ReverseModeHypergradient;
import io.github.hypergrad4j.bilevel.unrolled.Schedule;
import io.github.hypergrad4j.bilevel.unrolled.Sgd;
import io.github.hypergrad4j.bilevel.unrolled.UnrolledResult;

/**
 * MAML (Finn, Abbeel and Levine, "Model-agnostic meta-learning for fast adaptation of deep
 * networks", ICML 2017, Algorithm 2): adapt θ_{k+1} = θ_k − α∇L_train(θ_k) for k &lt; K from θ_0 =
 * φ, and differentiate L_test(θ_K) with respect to φ through all K steps:
 *
 * <pre>    dL_test(θ_K)/dφ = (I − αH_0)(I − αH_1)…(I − αH_{K−1}) ∇L_test(θ_K),   H_k = ∇²L_train(θ_k)</pre>
 *
 * computed by reverse mode, the product applied right to left with one Hessian-vector product per
 * step: this is exactly {@link ReverseModeHypergradient} over {@link Sgd} with a constant
 * learning rate and the hypergradient of {@link HyperparameterKind#INITIAL_THETA}, which this
 * class runs (the task becomes a {@link BilevelProblem} with inner objective L_train, outer
 * objective L_test and no λ in use). Cost: K + 2 gradients and K Hessian-vector products (each
 * about two gradients), plus the two evaluations that check the problem; memory K + 1 copies of θ.
 * A run that diverges (a non-finite loss or θ) throws {@link IllegalStateException}.
 */
public final class Maml implements MetaGradient {

  private static final String OWNER = "Maml";
  private static final double[] NO_LAMBDA = {0.0};

  private final InnerLoop loop;
  private final ReverseModeHypergradient reverse;

  /**
   * @param steps K ≥ 1 inner steps
   * @param learningRate the inner step α &gt; 0
   * @throws IllegalArgumentException if K &lt; 1 or α is not &gt; 0 and finite
   */
  public Maml(int steps, double learningRate) {
    this.loop = InnerLoop.of(OWNER, steps, learningRate);
    this.reverse = ReverseModeHypergradient.builder(Sgd.of(Schedule.constant(steps, learningRate)))
        .wrt(HyperparameterKind.INITIAL_THETA).build();
  }

  @Override
  public TaskGradient compute(MetaTask task, double[] phi) {
    Adaptation.checkTask(OWNER, task, phi);
    BilevelProblem problem = BilevelProblem.builder()
        .inner(Objective.fullBatch((theta, unused) -> task.trainLoss().apply(theta)))
        .outer(Objective.fullBatch((theta, unused) -> task.testLoss().apply(theta)))
        .initialTheta(phi)
        .initialLambda(NO_LAMBDA)
        .build();
    UnrolledResult r = reverse.run(problem, phi, NO_LAMBDA);
    if (!r.isOk()) {
      throw new IllegalStateException(OWNER + ": the inner run failed (" + r.status() + "): " + r.detail());
    }
    return new TaskGradient(r.gradient(HyperparameterKind.INITIAL_THETA), r.validationLoss(), r.cost().gradients(),
        r.cost().hessianVectorProducts(), null);
  }

  @Override
  public String name() {
    return loop.describe("maml");
  }
}
