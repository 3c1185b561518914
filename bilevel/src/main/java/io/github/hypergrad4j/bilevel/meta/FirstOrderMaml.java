package io.github.hypergrad4j.bilevel.meta;

import io.github.hypergrad4j.autodiff.Derivatives;

/**
 * First-order MAML (Finn, Abbeel and Levine, "Model-agnostic meta-learning for fast adaptation of
 * deep networks", ICML 2017, §5.2): adapt θ_K by K steps of gradient descent from φ, as {@link
 * Maml}, and take ∇L_test(θ_K) as the meta-gradient — MAML's dL_test(θ_K)/dφ = Π_k (I − αH_k)
 * ∇L_test(θ_K) with every Hessian H_k dropped. Cost: K + 1 gradients, no Hessian-vector products.
 */
public final class FirstOrderMaml implements MetaGradient {

  private static final String OWNER = "FirstOrderMaml";

  private final InnerLoop loop;

  /**
   * @param steps K ≥ 1 inner steps
   * @param learningRate the inner step α &gt; 0
   * @throws IllegalArgumentException if K &lt; 1 or α is not &gt; 0 and finite
   */
  public FirstOrderMaml(int steps, double learningRate) {
    this.loop = InnerLoop.of(OWNER, steps, learningRate);
  }

  @Override
  public TaskGradient compute(MetaTask task, double[] phi) {
    Adaptation.checkTask(OWNER, task, phi);
    double[] theta = loop.adapt(task, phi);
    Derivatives.ValueAndGradients test = Derivatives.valueAndGradients(task.testLoss(), theta);
    return new TaskGradient(test.gradients()[0], test.value(), loop.steps() + 1L, 0, null);
  }

  @Override
  public String name() {
    return loop.describe("fomaml");
  }
}
