package io.github.hypergrad4j.bench.perf;

import io.github.hypergrad4j.autodiff.Shape;
import io.github.hypergrad4j.autodiff.Tensor;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.Objective;

/**
 * The end-to-end workload of the comparison: L2-regularised logistic regression with one penalty
 * per weight, no bias,
 *
 * <pre>
 *   f(θ, λ) = mean BCE(X·θ, y) + ½ Σ λ_j θ_j²       (n training rows, d features)
 *   g(θ)    = mean BCE(X_v·θ, y_v)                  (n/2 validation rows)
 * </pre>
 *
 * at a fixed point (θ, λ). Every number comes from {@link SharedData} (streams 1–6: X, y, X_v,
 * y_v, θ, λ; X and X_v uniform in [−1, 1), labels fair coins, θ_j uniform in [−0.1, 0.1), λ_j in
 * [0.05, 0.1)), so {@code bench/perf/torch_side.py} builds the same problem bit for bit. With
 * features of variance 1/3, ∇²_θθ f = XᵀDX/n + diag(λ) has eigenvalues in [0.05, about
 * (√n + √d)²/(12n) + 0.1] (0.97 at n = 2000, d = 10⁴): κ ≤ 20, so CG's 20 steps leave a
 * residual of about 10⁻⁶ and rounding differences between two implementations stay near ε.
 */
final class LogisticWorkload {

  final int n;
  final int d;
  final BilevelProblem problem;
  final double[] theta;
  final double[] lambda;

  /**
   * @throws IllegalArgumentException if n &lt; 2 or d &lt; 1
   */
  LogisticWorkload(int n, int d) {
    if (n < 2 || d < 1) {
      throw new IllegalArgumentException("LogisticWorkload: n must be >= 2 and d >= 1, got n = " + n + ", d = " + d);
    }
    this.n = n;
    this.d = d;
    int nv = n / 2;
    double[] x = SharedData.uniform(1, n * d, -1, 1);
    double[] y = SharedData.labels(2, n);
    double[] xv = SharedData.uniform(3, nv * d, -1, 1);
    double[] yv = SharedData.labels(4, nv);
    this.theta = SharedData.uniform(5, d, -0.1, 0.1);
    this.lambda = SharedData.uniform(6, d, 0.05, 0.1);
    this.problem = BilevelProblem.builder()
        .inner(Objective.fullBatch((w, l) -> bce(w, x, y, n).add(l.mul(w.square()).sum().scale(0.5))))
        .outer(Objective.fullBatch((w, l) -> bce(w, xv, yv, nv)))
        .initialTheta(theta)
        .initialLambda(lambda)
        .build();
  }

  private Tensor bce(Tensor w, double[] features, double[] labels, int rows) {
    return w.tape().constant(features, Shape.matrix(rows, d)).matmul(w).binaryCrossEntropyWithLogits(labels);
  }
}
