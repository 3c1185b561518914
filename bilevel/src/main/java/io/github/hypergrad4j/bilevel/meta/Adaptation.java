package io.github.hypergrad4j.bilevel.meta;

import io.github.hypergrad4j.autodiff.Derivatives;
import io.github.hypergrad4j.autodiff.TensorFunction;

/**
 * Task adaptation by plain gradient descent, θ_{k+1} = θ_k − α∇L_train(θ_k) from θ_0 = φ, the
 * inner loop of MAML, first-order MAML and Reptile and the evaluation of any meta-learnt φ. Cost:
 * one gradient of L_train per step.
 */
public final class Adaptation {

  private Adaptation() {}

  /**
   * θ_K after {@code steps} steps of gradient descent on {@code loss} from φ (φ is not modified).
   *
   * @throws IllegalArgumentException if φ is null, empty or not finite, steps &lt; 0, or the
   *     learning rate is not &gt; 0 and finite
   */
  public static double[] adapt(TensorFunction loss, double[] phi, int steps, double learningRate) {
    String owner = "Adaptation.adapt";
    checkPhi(owner, phi);
    checkSteps(owner, steps, 0);
    checkLearningRate(owner, learningRate);
    double[] theta = phi.clone();
    for (int k = 0; k < steps; k++) {
      double[] g = Derivatives.gradient(loss, theta)[0];
      for (int i = 0; i < theta.length; i++) {
        theta[i] -= learningRate * g[i];
      }
    }
    return theta;
  }

  static void checkPhi(String owner, double[] phi) {
    if (phi == null || phi.length == 0) {
      throw new IllegalArgumentException(owner + ": phi must be a non-empty vector, got "
          + (phi == null ? "null" : "length 0"));
    }
    for (int i = 0; i < phi.length; i++) {
      if (!Double.isFinite(phi[i])) {
        throw new IllegalArgumentException(owner + ": phi[" + i + "] is " + phi[i]);
      }
    }
  }

  static void checkTask(String owner, MetaTask task, double[] phi) {
    if (task == null) {
      throw new IllegalArgumentException(owner + ": the task is null");
    }
    checkPhi(owner, phi);
  }

  static void checkSteps(String owner, int steps, int least) {
    if (steps < least) {
      throw new IllegalArgumentException(owner + ": the number of inner steps K must be >= " + least + ", got "
          + steps);
    }
  }

  static void checkLearningRate(String owner, double learningRate) {
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException(owner + ": the inner learning rate must be > 0 and finite, got "
          + learningRate);
    }
  }
}
