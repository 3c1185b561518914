package io.github.hypergrad4j.bench.unrolled;

import io.github.hypergrad4j.autodiff.Derivatives;
import io.github.hypergrad4j.autodiff.TensorFunction;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.unrolled.Direction;
import io.github.hypergrad4j.bilevel.unrolled.ExactReversibleMomentum;
import io.github.hypergrad4j.bilevel.unrolled.ForwardModeHypergradient;
import io.github.hypergrad4j.bilevel.unrolled.HyperparameterKind;
import io.github.hypergrad4j.bilevel.unrolled.MaclaurinMomentum;
import io.github.hypergrad4j.bilevel.unrolled.ReverseModeHypergradient;
import io.github.hypergrad4j.bilevel.unrolled.Schedule;
import io.github.hypergrad4j.bilevel.unrolled.TrajectoryStore;
import io.github.hypergrad4j.bilevel.unrolled.UnrolledOptimizer;
import io.github.hypergrad4j.bilevel.unrolled.UnrolledResult;
import java.util.List;

/**
 * The four ways the benchmarks compute one hypergradient of a T-step momentum run (Maclaurin's
 * form, constant α = {@link SyntheticLogistic#LEARNING_RATE}, γ = {@link
 * SyntheticLogistic#MOMENTUM}, full batch), and the training run alone they are measured against.
 * Reverse mode differentiates with respect to everything it can at once (the α and γ schedules,
 * λ and θ₀); the reversible store needs the fixed-point {@link ExactReversibleMomentum}, the
 * others run {@link MaclaurinMomentum} in floating point (the same step, rounded to 2⁻⁴⁴).
 */
enum UnrolledMode {

  /** Reverse mode, every state stored. */
  STORED("stored", TrajectoryStore.stored(), false),

  /** Reverse mode, a checkpoint every ⌈√T⌉ steps, the segments recomputed. */
  CHECKPOINTED("checkpointed", TrajectoryStore.checkpointed(), false),

  /** Reverse mode, the fixed-point run undone exactly step by step. */
  REVERSIBLE("reversible", TrajectoryStore.reversible(), true),

  /** Forward mode along two directions: the constant learning rate and the constant momentum. */
  FORWARD("forward, 2 directions", null, false);

  private final String label;
  private final TrajectoryStore store;
  private final boolean fixedPoint;

  UnrolledMode(String label, TrajectoryStore store, boolean fixedPoint) {
    this.label = label;
    this.store = store;
    this.fixedPoint = fixedPoint;
  }

  /** A short name for tables. */
  String label() {
    return label;
  }

  /** One hypergradient of the {@code steps}-step run on {@code problem} at its λ₀. */
  UnrolledResult run(BilevelProblem problem, int steps) {
    double[] lambda = problem.initialLambda();
    if (store == null) {
      List<Direction> directions = List.of(Direction.scheduleGroup(HyperparameterKind.LEARNING_RATE, 0),
          Direction.scheduleGroup(HyperparameterKind.MOMENTUM, 0));
      return ForwardModeHypergradient.of(momentum(steps), directions).run(problem, lambda);
    }
    UnrolledOptimizer optimizer = fixedPoint ? exactlyReversible(steps) : momentum(steps);
    return ReverseModeHypergradient.builder(optimizer).store(store).build().run(problem, lambda);
  }

  /**
   * The training run alone: T steps of {@code optimizer} from θ₀ at λ₀, one full-batch gradient
   * each, the way the hypergradients' forward pass takes them but without storing or
   * differentiating anything.
   *
   * @return θ_T
   */
  static double[] trainingRun(BilevelProblem problem, UnrolledOptimizer optimizer) {
    double[] lambda = problem.initialLambda();
    TensorFunction f = in -> problem.inner().apply(in[0], in[1], null);
    double[][] state = new double[optimizer.stateVectors()][problem.thetaSize()];
    optimizer.start(problem.initialTheta(), state);
    for (int t = 0; t < optimizer.steps(); t++) {
      double[] gradient = Derivatives.valueAndGradient(f, new double[][] {state[0], lambda}, 0).gradient();
      if (!optimizer.step(t, state, gradient)) {
        throw new IllegalStateException("UnrolledMode: step " + t + " of " + optimizer.name() + " overflowed");
      }
    }
    return state[0];
  }

  /** Maclaurin's momentum in floating point, T steps of the constant α and γ. */
  static MaclaurinMomentum momentum(int steps) {
    Schedule[] s = schedules(steps);
    return MaclaurinMomentum.of(s[0], s[1]);
  }

  /** The same in fixed point, exactly reversible. */
  static ExactReversibleMomentum exactlyReversible(int steps) {
    Schedule[] s = schedules(steps);
    return ExactReversibleMomentum.of(s[0], s[1]);
  }

  private static Schedule[] schedules(int steps) {
    return new Schedule[] {Schedule.constant(steps, SyntheticLogistic.LEARNING_RATE),
        Schedule.constant(steps, SyntheticLogistic.MOMENTUM)};
  }
}
