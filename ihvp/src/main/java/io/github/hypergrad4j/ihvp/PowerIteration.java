package io.github.hypergrad4j.ihvp;

import io.github.hypergrad4j.linalg.Kernels;
import io.github.hypergrad4j.linalg.LinearOperator;
import java.util.Random;

/**
 * Power iteration for the dominant eigenvalue of an operator (von Mises 1929; Golub and Van Loan,
 * <i>Matrix Computations</i>, 4th ed., §7.3.1 and §8.2.1).
 *
 * <p><b>Formula.</b> From a Gaussian unit vector v₀ drawn from the seed: w = A·v_k, θ_k =
 * v_kᵀw (the Rayleigh quotient), v_{k+1} = w/‖w‖₂. For a symmetric A, θ_k converges to the
 * eigenvalue of largest magnitude at the rate (|λ₂|/|λ₁|)^{2k}; for a positive semi-definite A
 * the θ_k never decrease and never exceed λ_max, so they approach λ_max from below.
 *
 * <p><b>Cost.</b> One product per iteration; the residual of each θ_k comes with it.
 *
 * <p><b>Stopping rule.</b> After iteration k, stop when the residual ‖w − θ_k·v_k‖₂ ≤
 * tolerance·|θ_k| (some eigenvalue is then within that distance of θ_k, for symmetric A) or when
 * |θ_k − θ_{k−1}| ≤ tolerance·|θ_k| (the estimate has settled; this is what ends the iteration
 * when λ_max sits in a cluster, where the residual falls slowly while θ is already accurate), or
 * after {@code maxIterations}. If A·v = 0 the estimate is 0 (A vanishes on a random vector: A =
 * 0 almost surely); a NaN or ±∞ product ends the iteration with NaN estimates.
 */
public final class PowerIteration {

  private PowerIteration() {}

  /**
   * Estimates the dominant eigenvalue of {@code a}.
   *
   * @param a the operator, n ≥ 1 (symmetry is not required, but the bounds above assume it)
   * @param maxIterations the iteration limit, ≥ 1
   * @param relativeTolerance the stopping tolerance, finite and ≥ 0
   * @param seed the seed of the start vector
   * @return the estimate in {@link SpectrumEstimate#largest()}, with its residual and cost
   * @throws IllegalArgumentException if {@code a} is null or of dimension 0, or a setting is out
   *     of range
   */
  public static SpectrumEstimate largestEigenvalue(LinearOperator a, int maxIterations,
      double relativeTolerance, long seed) {
    String name = "PowerIteration.largestEigenvalue";
    if (a == null) {
      throw new IllegalArgumentException(name + ": the operator is null");
    }
    int n = a.dim();
    if (n < 1) {
      throw new IllegalArgumentException(name + ": the operator has dimension " + n
          + "; power iteration needs n >= 1");
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException(name + ": maxIterations must be >= 1, got " + maxIterations);
    }
    if (!(relativeTolerance >= 0) || Double.isInfinite(relativeTolerance)) {
      throw new IllegalArgumentException(
          name + ": relativeTolerance must be finite and >= 0, got " + relativeTolerance);
    }
    double[] v = gaussianUnitVector(n, new Random(seed));
    double[] w = new double[n];
    double[] residual = new double[n];
    double theta = Double.NaN;
    double previous = Double.NaN;
    double residualNorm = Double.NaN;
    for (int k = 1; k <= maxIterations; k++) {
      a.apply(v, w);
      theta = Kernels.dot(v, w);
      Kernels.copy(w, residual);
      Kernels.axpy(-theta, v, residual);
      residualNorm = Kernels.nrm2(residual);
      double wNorm = Kernels.nrm2(w);
      if (!Double.isFinite(residualNorm) || !Double.isFinite(wNorm)) {
        return new SpectrumEstimate(Double.NaN, Double.NaN, Double.NaN, Double.NaN, k, k, false);
      }
      double scale = relativeTolerance * Math.abs(theta);
      if (wNorm == 0 || residualNorm <= scale || Math.abs(theta - previous) <= scale) {
        return new SpectrumEstimate(Double.NaN, Double.NaN, theta, residualNorm, k, k, true);
      }
      previous = theta;
      Kernels.copy(w, v);
      Kernels.scal(1 / wNorm, v);
    }
    return new SpectrumEstimate(
        Double.NaN, Double.NaN, theta, residualNorm, maxIterations, maxIterations, false);
  }

  /** A unit vector of independent standard normal entries (java.util.Random: reproducible). */
  static double[] gaussianUnitVector(int n, Random random) {
    double[] v = new double[n];
    double norm = 0;
    while (norm == 0) {
      for (int i = 0; i < n; i++) {
        v[i] = random.nextGaussian();
      }
      norm = Kernels.nrm2(v);
    }
    Kernels.scal(1 / norm, v);
    return v;
  }
}
