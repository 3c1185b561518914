package io.github.hypergrad4j.bilevel.meta;

/**
 * The inner loop shared by MAML, first-order MAML and Reptile: K ≥ 1 steps of gradient descent
 * of size α &gt; 0, validated once for the method that owns it.
 *
 * @param steps K
 * @param learningRate α
 */
record InnerLoop(int steps, double learningRate) {

  /** K and α checked for {@code owner}, whose name starts any error message. */
  static InnerLoop of(String owner, int steps, double learningRate) {
    Adaptation.checkSteps(owner, steps, 1);
    Adaptation.checkLearningRate(owner, learningRate);
    return new InnerLoop(steps, learningRate);
  }

  /** θ_K from φ on the task's training loss. */
  double[] adapt(MetaTask task, double[] phi) {
    return Adaptation.adapt(task.trainLoss(), phi, steps, learningRate);
  }

  /** {@code "name(K=…, alpha=…)"}. */
  String describe(String name) {
    return name + "(K=" + steps + ", alpha=" + learningRate + ")";
  }
}
