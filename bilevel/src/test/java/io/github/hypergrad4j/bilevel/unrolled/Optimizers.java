package io.github.hypergrad4j.bilevel.unrolled;

import java.util.List;

/**
 * Test-only: one configuration of every optimiser over T steps, with schedules that change from
 * step to step (so that per-step hypergradients differ), tuned to train the logistic problem
 * without diverging.
 */
final class Optimizers {

  private Optimizers() {}

  /** α_t = base·(1 − t/(2T)): a linear decay to half. */
  static Schedule decaying(int steps, double base) {
    double[] v = new double[steps];
    for (int t = 0; t < steps; t++) {
      v[t] = base * (1 - 0.5 * t / steps);
    }
    return Schedule.perStep(v);
  }

  /** γ_t = base + amplitude·sin(t): wobbling around base. */
  static Schedule wobbling(int steps, double base, double amplitude) {
    double[] v = new double[steps];
    for (int t = 0; t < steps; t++) {
      v[t] = base + amplitude * Math.sin(t);
    }
    return Schedule.perStep(v);
  }

  static Sgd sgd(int steps) {
    return Sgd.of(decaying(steps, 0.5));
  }

  static HeavyBall heavyBall(int steps) {
    return HeavyBall.of(decaying(steps, 0.2), wobbling(steps, 0.8, 0.05));
  }

  static MaclaurinMomentum maclaurin(int steps) {
    return MaclaurinMomentum.of(decaying(steps, 1.0), wobbling(steps, 0.8, 0.05));
  }

  static Nesterov nesterov(int steps) {
    return Nesterov.of(decaying(steps, 0.2), wobbling(steps, 0.8, 0.05));
  }

  static Adam adam(int steps) {
    return Adam.of(decaying(steps, 0.05), wobbling(steps, 0.9, 0.02), wobbling(steps, 0.99, 0.005));
  }

  static ExactReversibleMomentum reversible(int steps) {
    return ExactReversibleMomentum.of(decaying(steps, 1.0), wobbling(steps, 0.8, 0.05));
  }

  /** All six. */
  static List<UnrolledOptimizer> all(int steps) {
    return List.of(sgd(steps), heavyBall(steps), maclaurin(steps), nesterov(steps), adam(steps), reversible(steps));
  }
}
