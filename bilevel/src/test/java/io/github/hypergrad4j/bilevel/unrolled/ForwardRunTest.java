package io.github.hypergrad4j.bilevel.unrolled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.autodiff.Derivatives;
import io.github.hypergrad4j.autodiff.TensorFunction;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * The optimisers' forward steps against the textbook loops written here from the papers (plain
 * arrays, constant hyperparameters): SGD; heavy ball; Maclaurin et al.'s momentum; Nesterov in
 * Sutskever et al.'s look-ahead form (the library uses the reformulation with the gradient at the
 * iterate: θ = φ + γv); Adam as Kingma and Ba's Algorithm 1 with βᵗ bias corrections. θ_T must
 * agree to 10⁻¹² relative; the fixed-point form must stay within the rounding it adds (2⁻⁴⁴ per
 * operation) of the double-precision Maclaurin run.
 */
class ForwardRunTest {

  static final int STEPS = 40;
  static final double TOLERANCE = 1e-12;

  interface Step {
    void apply(int t, double[] theta, double[] gradient);
  }

  @Test
  void sgd() {
    double alpha = 0.5;
    compare(Sgd.of(Schedule.constant(STEPS, alpha)), (problem, theta) -> loop(problem, theta, (t, x, g) -> {
      for (int i = 0; i < x.length; i++) {
        x[i] -= alpha * g[i];
      }
    }), TOLERANCE);
  }

  @Test
  void heavyBall() {
    double alpha = 0.2;
    double gamma = 0.8;
    compare(HeavyBall.of(Schedule.constant(STEPS, alpha), Schedule.constant(STEPS, gamma)), (problem, theta) -> {
      double[] v = new double[theta.length];
      loop(problem, theta, (t, x, g) -> {
        for (int i = 0; i < x.length; i++) {
          v[i] = gamma * v[i] + g[i];
          x[i] -= alpha * v[i];
        }
      });
    }, TOLERANCE);
  }

  @Test
  void maclaurinsMomentumAndItsFixedPointForm() {
    double alpha = 1.0;
    double gamma = 0.8;
    BiConsumer<BilevelProblem, double[]> reference = (problem, theta) -> {
      double[] v = new double[theta.length];
      loop(problem, theta, (t, x, g) -> {
        for (int i = 0; i < x.length; i++) {
          v[i] = gamma * v[i] - (1 - gamma) * g[i];
          x[i] += alpha * v[i];
        }
      });
    };
    compare(MaclaurinMomentum.of(Schedule.constant(STEPS, alpha), Schedule.constant(STEPS, gamma)), reference, TOLERANCE);
    // 2⁻⁴⁴ ≈ 5.7e-14 per rounding, a few per step, over 40 steps on |θ| ≈ 1
    compare(ExactReversibleMomentum.of(Schedule.constant(STEPS, alpha), Schedule.constant(STEPS, gamma)), reference, 1e-10);
  }

  @Test
  void nesterovInSutskeversForm() {
    double alpha = 0.2;
    double gamma = 0.8;
    compare(Nesterov.of(Schedule.constant(STEPS, alpha), Schedule.constant(STEPS, gamma)), (problem, theta) -> {
      // φ ← φ + v,  v ← γv − α∇f(φ + γv); the library's θ is the look-ahead point φ + γv
      double[] phi = theta.clone();
      double[] v = new double[theta.length];
      double[] lookAhead = theta.clone();
      TensorFunction f = in -> problem.inner().apply(in[0], in[1], null);
      for (int t = 0; t < STEPS; t++) {
        double[] g = Derivatives.valueAndGradient(f, new double[][] {lookAhead, problem.initialLambda()}, 0).gradient();
        for (int i = 0; i < v.length; i++) {
          v[i] = gamma * v[i] - alpha * g[i];
          phi[i] += v[i];
          lookAhead[i] = phi[i] + gamma * v[i];
        }
      }
      System.arraycopy(lookAhead, 0, theta, 0, theta.length);
    }, 1e-10); // the two forms round differently
  }

  @Test
  void adamAsAlgorithmOneOfKingmaAndBa() {
    double alpha = 0.05;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = 1e-8;
    compare(Adam.of(Schedule.constant(STEPS, alpha), Schedule.constant(STEPS, beta1), Schedule.constant(STEPS, beta2)),
        (problem, theta) -> {
          double[] m = new double[theta.length];
          double[] v = new double[theta.length];
          loop(problem, theta, (t, x, g) -> {
            for (int i = 0; i < x.length; i++) {
              m[i] = beta1 * m[i] + (1 - beta1) * g[i];
              v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
              double mHat = m[i] / (1 - Math.pow(beta1, t + 1));
              double vHat = v[i] / (1 - Math.pow(beta2, t + 1));
              x[i] -= alpha * mHat / (Math.sqrt(vHat) + eps);
            }
          });
        }, 1e-10); // Π β against βᵗ: a few ulps of the bias correction, amplified by m̂/√v̂
  }

  static void loop(BilevelProblem problem, double[] theta, Step step) {
    TensorFunction f = in -> problem.inner().apply(in[0], in[1], null);
    for (int t = 0; t < STEPS; t++) {
      double[] g = Derivatives.valueAndGradient(f, new double[][] {theta, problem.initialLambda()}, 0).gradient();
      step.apply(t, theta, g);
    }
  }

  static void compare(UnrolledOptimizer optimizer, BiConsumer<BilevelProblem, double[]> reference, double tolerance) {
    BilevelProblem problem = TestProblems.logistic();
    UnrolledResult r = ReverseModeHypergradient.builder(optimizer).wrt(HyperparameterKind.LAMBDA).build()
        .run(problem, problem.initialLambda());
    assertEquals(UnrolledResult.Status.OK, r.status(), r.detail());
    double[] expected = problem.initialTheta();
    reference.accept(problem, expected);
    double error = TestProblems.relativeError(r.theta(), expected);
    assertTrue(error <= tolerance, optimizer.name() + ": theta_T differs by " + error);
    assertTrue(r.finalTrainingLoss() < r.trainingLosses()[0], optimizer.name() + " trains");
  }
}
