package io.github.hypergrad4j.bilevel.meta;

import io.github.hypergrad4j.autodiff.Derivatives;

/**
 * Reptile (Nichol, Achiam and Schulman, "On first-order meta-learning algorithms", 2018,
 * Algorithm 1): adapt θ_K by K steps of gradient descent on L_train from φ and move φ towards
 * it; as a {@link MetaGradient} the direction is φ − θ_K, so an outer step φ ← φ − ε(φ − θ_K) is
 * the paper's update (with Adam, the batched variant). Reptile never looks at L_test during
 * training; its test loss is reported for monitoring only. Cost: K gradients and one value of L_test.
 */
public final class Reptile implements MetaGradient {

  private static final String OWNER = "Reptile";

  private final InnerLoop loop;

  /**
   * @param steps K ≥ 1 inner steps
   * @param learningRate the inner step α &gt; 0
   * @throws IllegalArgumentException if K &lt; 1 or α is not &gt; 0 and finite
   */
  public Reptile(int steps, double learningRate) {
    this.loop = InnerLoop.of(OWNER, steps, learningRate);
  }

  @Override
  public TaskGradient compute(MetaTask task, double[] phi) {
    Adaptation.checkTask(OWNER, task, phi);
    double[] theta = loop.adapt(task, phi);
    double[] direction = new double[phi.length];
    for (int i = 0; i < phi.length; i++) {
      direction[i] = phi[i] - theta[i];
    }
    double testLoss = Derivatives.value(task.testLoss(), theta);
    return new TaskGradient(direction, testLoss, loop.steps(), 0, null);
  }

  @Override
  public String name() {
    return loop.describe("reptile");
  }
}
