package io.github.hypergrad4j.bilevel.meta;

import io.github.hypergrad4j.autodiff.Derivatives;
import io.github.hypergrad4j.autodiff.Tensor;
import io.github.hypergrad4j.autodiff.TensorFunction;
import io.github.hypergrad4j.bilevel.InnerOptimizer;
import io.github.hypergrad4j.bilevel.InnerResult;
import io.github.hypergrad4j.bilevel.InnerStopping;
import io.github.hypergrad4j.ihvp.ConjugateGradient;
import io.github.hypergrad4j.ihvp.IhvpResult;
import io.github.hypergrad4j.ihvp.SolverOptions;
import io.github.hypergrad4j.linalg.LinearOperator;

/**
 * Implicit MAML (Rajeswaran, Finn, Kakade and Levine, "Meta-learning with implicit gradients",
 * NeurIPS 2019). Each task adapts by solving the proximal problem
 *
 * <pre>    θ*(φ) = argmin_θ  L_train(θ) + (λ/2)‖θ − φ‖²</pre>
 *
 * (from θ = φ, with the given inner optimiser and stopping rule). Its stationarity condition
 * ∇L_train(θ*) + λ(θ* − φ) = 0 differentiated in φ gives (H + λI) dθ* = λ dφ, H = ∇²L_train(θ*):
 * the mixed term is −λI, and the meta-gradient is
 *
 * <pre>    dL_test(θ*)/dφ = (I + H/λ)⁻¹ ∇L_test(θ*)</pre>
 *
 * solved by conjugate gradient with the caller's {@link SolverOptions} (typically a budget of 5 to
 * 20 iterations, as in the paper). The CG result — status, iterations and true residual — is
 * returned in {@link TaskGradient#solve()}; an indefinite H (a non-convex L_train with small λ)
 * shows there as NEGATIVE_CURVATURE and the partial solution is used. The meta-gradient does not
 * depend on the path the inner solver took, only on θ*, so its accuracy is that of the inner
 * solve (‖∇ of the proximal objective‖ ≤ the stopping tolerance) and of CG. Cost: the inner
 * solve's gradients, one gradient of L_test, and one Hessian-vector product of L_train per CG
 * iteration.
 */
public final class Imaml implements MetaGradient {

  private static final String OWNER = "Imaml";

  private final double lambda;
  private final InnerOptimizer inner;
  private final InnerStopping stopping;
  private final SolverOptions cg;

  /**
   * @param lambda the proximal strength λ &gt; 0
   * @param inner the optimiser of the proximal problem (e.g. {@code InnerOptimizer.lbfgs()} or
   *     gradient descent for a fixed number of steps)
   * @param stopping its stopping rule
   * @param cg the CG options, e.g. {@code SolverOptions.budget(5)}
   * @throws IllegalArgumentException if λ is not &gt; 0 and finite or an argument is null
   */
  public Imaml(double lambda, InnerOptimizer inner, InnerStopping stopping, SolverOptions cg) {
    if (!(lambda > 0) || !Double.isFinite(lambda)) {
      throw new IllegalArgumentException(OWNER + ": the proximal strength lambda must be > 0 and finite, got "
          + lambda);
    }
    if (inner == null || stopping == null || cg == null) {
      throw new IllegalArgumentException(OWNER + ": inner, stopping and cg must not be null, got inner = " + inner
          + ", stopping = " + stopping + ", cg = " + cg);
    }
    this.lambda = lambda;
    this.inner = inner;
    this.stopping = stopping;
    this.cg = cg;
  }

  /** λ, the proximal strength. */
  public double lambda() {
    return lambda;
  }

  /**
   * θ*(φ), the solution of the task's proximal problem, with the inner solver's report.
   *
   * @throws IllegalArgumentException as {@link #compute}
   */
  public InnerResult adapt(MetaTask task, double[] phi) {
    Adaptation.checkTask(OWNER, task, phi);
    TensorFunction train = task.trainLoss();
    double[] anchor = phi.clone();
    TensorFunction proximal = in -> {
      Tensor theta = in[0];
      Tensor shift = theta.sub(theta.tape().constant(anchor, theta.shape()));
      return train.apply(theta).add(shift.squaredNorm().scale(0.5 * lambda));
    };
    return inner.minimize((x, gradient) -> {
      Derivatives.ValueAndGradients r = Derivatives.valueAndGradients(proximal, x);
      System.arraycopy(r.gradients()[0], 0, gradient, 0, gradient.length);
      return r.value();
    }, phi, stopping);
  }

  @Override
  public TaskGradient compute(MetaTask task, double[] phi) {
    InnerResult solved = adapt(task, phi);
    double[] theta = solved.theta();
    Derivatives.ValueAndGradients test = Derivatives.valueAndGradients(task.testLoss(), theta);
    TensorFunction train = task.trainLoss();
    double scale = 1.0 / lambda;
    LinearOperator system = new LinearOperator() {
      @Override
      public int dim() {
        return theta.length;
      }

      @Override
      public void apply(double[] v, double[] out) {
        double[] hv = Derivatives.hvp(train, new double[][] {theta}, 0, v);
        for (int i = 0; i < out.length; i++) {
          out[i] = v[i] + scale * hv[i];
        }
      }

      @Override
      public boolean isSymmetric() {
        return true;
      }
    };
    IhvpResult solve = new ConjugateGradient().solve(system, test.gradients()[0], cg);
    return new TaskGradient(solve.x(), test.value(), solved.gradientEvaluations() + 1L,
        solve.operatorApplications(), solve);
  }

  @Override
  public String name() {
    return "imaml(lambda=" + lambda + ", " + inner.name() + " for at most " + stopping.maxIterations()
        + " steps, CG " + (cg.isFixedBudget() ? "budget " + cg.maxIterations().orElse(0)
        : "to relative residual " + cg.tolerance()) + ")";
  }
}
