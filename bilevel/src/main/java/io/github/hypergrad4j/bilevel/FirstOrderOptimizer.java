package io.github.hypergrad4j.bilevel;

import io.github.hypergrad4j.linalg.Kernels;

/**
 * Minimisation by repeated first-order steps θ ← θ − step(∇f(θ)) with a {@link StepRule}.
 * Stopping: ‖∇f‖₂ ≤ tolerance (CONVERGED), the iteration budget (MAX_ITERATIONS), or NaN/±∞ in
 * f or ∇f, or ‖∇f‖ above 10⁸ times its initial value (DIVERGED; θ is then the last finite
 * point). Cost: one gradient per iteration, plus one at the end.
 */
final class FirstOrderOptimizer implements InnerOptimizer {

  private static final double DIVERGENCE_GROWTH = 1e8;

  private final StepRule rule;

  FirstOrderOptimizer(StepRule rule) {
    this.rule = rule;
  }

  @Override
  public String name() {
    return rule.name();
  }

  @Override
  public InnerResult minimize(DifferentiableFunction f, double[] theta0, InnerStopping stopping) {
    Check.minimizeArguments(f, theta0, stopping);
    double[] theta = theta0.clone();
    double[] lastFinite = theta.clone();
    double[] g = new double[theta.length];
    StepRule.Stepper stepper = rule.start(theta.length);
    int evaluations = 0;
    double initialNorm = Double.NaN;
    for (int it = 0; ; it++) {
      double value = f.valueAndGradient(theta, g);
      evaluations++;
      double norm = Kernels.nrm2(g);
      if (!Double.isFinite(value) || !Double.isFinite(norm)
          || (it > 0 && norm > DIVERGENCE_GROWTH * Math.max(initialNorm, Double.MIN_NORMAL))) {
        double[] h = new double[theta.length];
        double v = f.valueAndGradient(lastFinite, h);
        return new InnerResult(lastFinite, InnerResult.Status.DIVERGED, it, evaluations + 1, v, Kernels.nrm2(h));
      }
      if (it == 0) {
        initialNorm = norm;
      }
      System.arraycopy(theta, 0, lastFinite, 0, theta.length);
      if (norm <= stopping.gradientTolerance()) {
        return new InnerResult(theta, InnerResult.Status.CONVERGED, it, evaluations, value, norm);
      }
      if (it == stopping.maxIterations()) {
        return new InnerResult(theta, InnerResult.Status.MAX_ITERATIONS, it, evaluations, value, norm);
      }
      stepper.step(theta, g);
    }
  }
}
