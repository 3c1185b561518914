package io.github.hypergrad4j.bilevel;

import io.github.hypergrad4j.autodiff.Derivatives;
import io.github.hypergrad4j.autodiff.GaussNewtonProduct;
import io.github.hypergrad4j.autodiff.HessianVectorProduct;
import io.github.hypergrad4j.autodiff.SecondOrderSweep;
import io.github.hypergrad4j.autodiff.TensorFunction;
import io.github.hypergrad4j.ihvp.IhvpResult;
import io.github.hypergrad4j.ihvp.IhvpSolver;
import io.github.hypergrad4j.ihvp.SolverOptions;
import io.github.hypergrad4j.linalg.Kernels;
import io.github.hypergrad4j.linalg.LinearOperator;
import java.util.SplittableRandom;

/**
 * The hypergradient by the implicit function theorem (IFT).
 *
 * <h2>The derivation</h2>
 *
 * <p>The inner problem defines θ*(λ) = argmin_θ f(θ, λ). At a minimum the gradient vanishes, and
 * it does so for every λ:
 *
 * <pre>    ∇_θ f(θ*(λ), λ) = 0   for all λ.</pre>
 *
 * Differentiate this identity with respect to λ (chain rule through θ*):
 *
 * <pre>    ∇²_θθ f · dθ* / dλ + ∇²_θλ f = 0   ⇒   dθ* / dλ = −[∇²_θθ f]⁻¹ ∇²_θλ f.</pre>
 *
 * The implicit function theorem says this is legitimate where ∇²_θθ f is invertible, which holds
 * at a strict local minimum. The outer objective along the inner solution, G(λ) = g(θ*(λ), λ),
 * then has the gradient
 *
 * <pre>    dG/dλ = ∇_λ g + (dθ* / dλ)ᵀ ∇_θ g = ∇_λ g − ∇²_λθ f · [∇²_θθ f]⁻¹ ∇_θ g.</pre>
 *
 * Evaluated right to left it never forms the n_θ × n_λ Jacobian dθ* / dλ:
 *
 * <ol>
 *   <li>one gradient of g gives ∇_θ g and ∇_λ g;
 *   <li>one linear solve gives p = [∇²_θθ f]⁻¹ ∇_θ g — an inverse-Hessian-vector product, done
 *       by a matrix-free {@link IhvpSolver} that needs only products ∇²_θθ f·v, each one
 *       forward-over-reverse sweep ({@link HessianVectorProduct});
 *   <li>one more sweep with the tangent p on θ gives ∇²_λθ f·p = d/dt ∇_λ f(θ + t·p, λ) at t = 0,
 *       the mixed term, exactly (it is the λ-block of that sweep's Hessian-tangent product), and
 *       ∇_θ f as a by-product;
 *   <li>dg/dλ = ∇_λ g − ∇²_λθ f·p.
 * </ol>
 *
 * Cost: the solver's products + 1 sweep + 1 gradient of g, whatever the number of
 * hyperparameters.
 *
 * <h2>Where it is approximate, and what is reported</h2>
 *
 * <ul>
 *   <li>θ is only an approximate minimiser: the result reports ‖∇_θ f(θ, λ)‖, which the
 *       derivation assumes to be 0.
 *   <li>The solve is approximate: its status and true residual are reported.
 *   <li>With damping ρ &gt; 0 the solve is (∇²_θθ f + ρI) p = ∇_θ g: biased, but stable where the
 *       Hessian is ill-conditioned or indefinite.
 *   <li>With {@link Curvature#GAUSS_NEWTON} the solve uses Jᵀ·H_ℓ·J + ∇²r in place of ∇²f
 *       (exact for linear models); the mixed term stays exact.
 *   <li>In stochastic mode the Hessian and the mixed term are taken on one seeded mini-batch of
 *       the training data per call (the stationarity reported is then that batch's).
 * </ul>
 *
 * <p>References: Y. Bengio, "Gradient-based optimization of hyperparameters", Neural Computation
 * 12(8), 2000; F. Pedregosa, "Hyperparameter optimization with approximate gradient", ICML 2016;
 * J. Lorraine, P. Vicol, D. Duvenaud, "Optimizing millions of hyperparameters by implicit
 * differentiation", AISTATS 2020.
 *
 * <p>An instance keeps the previous p to warm-start the next solve (when enabled), so it belongs
 * to one outer loop on one thread.
 */
public final class ImplicitHypergradient implements Hypergradient {

  private final IhvpSolver solver;
  private final SolverOptions options;
  private final Curvature curvature;
  private final boolean warmStart;
  private final int batchSize;
  private final SplittableRandom batches;
  private double[] previous;

  private ImplicitHypergradient(Builder b) {
    this.solver = b.solver;
    this.options = b.options;
    this.curvature = b.curvature;
    this.warmStart = b.warmStart;
    this.batchSize = b.batchSize;
    this.batches = new SplittableRandom(b.seed);
  }

  /** A builder; the solver is required. */
  public static Builder builder(IhvpSolver solver) {
    return new Builder(solver);
  }

  @Override
  public String name() {
    return "implicit(" + solver.getClass().getSimpleName() + ", " + curvature
        + (options.damping() > 0 ? ", damping " + options.damping() : "")
        + (batchSize > 0 ? ", batch " + batchSize : "") + ")";
  }

  @Override
  public HypergradientResult compute(BilevelProblem problem, double[] theta, double[] lambda) {
    problem.checkPoint("ImplicitHypergradient", theta, lambda);
    int[] batch = sampleBatch(problem);
    double[][] point = {theta, lambda};
    // 1. ∇_θ g and ∇_λ g
    TensorFunction g = in -> problem.outer().apply(in[0], in[1], null);
    SecondOrderSweep outer = Derivatives.secondOrder(g, point, new double[2][]);
    double[] gTheta = outer.gradients()[0];
    double[] gLambda = outer.gradients()[1];
    // 2. p = [∇²_θθ f + ρI]⁻¹ ∇_θ g
    TensorFunction f = in -> problem.inner().apply(in[0], in[1], batch);
    LinearOperator hessian = curvature == Curvature.EXACT
        ? new HessianVectorProduct(f, point, 0)
        : gaussNewton(problem, theta, lambda);
    SolverOptions solveOptions = options;
    if (warmStart && previous != null && previous.length == theta.length) {
      solveOptions = options.withWarmStart(previous);
    }
    IhvpResult solve = solver.solve(hessian, gTheta, solveOptions);
    double[] p = solve.x();
    if (warmStart && allFinite(p)) {
      previous = p.clone();
    }
    // 3. ∇²_λθ f·p (and ∇_θ f) in one forward-over-reverse sweep
    SecondOrderSweep sweep = Derivatives.secondOrder(f, point, new double[][] {p, null});
    double[] mixed = sweep.hessianTangents()[1];
    // 4. dg/dλ = ∇_λ g − ∇²_λθ f·p
    double[] h = new double[lambda.length];
    Kernels.sub(gLambda, mixed, h);
    return new HypergradientResult(h, outer.value(), gLambda, solve.operatorApplications() + 1, 1, solve,
        Kernels.nrm2(sweep.gradients()[0]));
  }

  private static LinearOperator gaussNewton(BilevelProblem problem, double[] theta, double[] lambda) {
    GaussNewtonForm form = problem.gaussNewtonForm().orElseThrow(() -> new IllegalArgumentException(
        "Gauss-Newton curvature needs a problem built with inner(GaussNewtonForm)"));
    LinearOperator data = new GaussNewtonProduct(in -> form.model().apply(in[0]), form.loss(),
        new double[][] {theta}, 0);
    LinearOperator regularizer = new HessianVectorProduct(
        in -> form.regularizer().apply(in[0], in[1]), new double[][] {theta, lambda}, 0);
    return data.plus(regularizer);
  }

  private int[] sampleBatch(BilevelProblem problem) {
    if (batchSize == 0) {
      return null;
    }
    int n = problem.trainingExamples();
    if (n == 0) {
      throw new IllegalArgumentException(
          "stochastic mode needs a problem that declares its trainingExamples");
    }
    if (batchSize >= n) {
      return null;
    }
    return batches.ints(batchSize, 0, n).toArray();
  }

  private static boolean allFinite(double[] v) {
    for (double x : v) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  /** Settings of an {@link ImplicitHypergradient}. */
  public static final class Builder {
    private final IhvpSolver solver;
    private SolverOptions options = SolverOptions.defaults();
    private Curvature curvature = Curvature.EXACT;
    private boolean warmStart = true;
    private int batchSize;
    private long seed = 1;

    private Builder(IhvpSolver solver) {
      if (solver == null) {
        throw new IllegalArgumentException("ImplicitHypergradient: the solver is null");
      }
      this.solver = solver;
    }

    /** Tolerance, iteration limit, damping ρ and seed of the solve (default: the solver defaults). */
    public Builder solverOptions(SolverOptions o) {
      if (o == null) {
        throw new IllegalArgumentException("ImplicitHypergradient: solver options are null");
      }
      this.options = o;
      return this;
    }

    /** Exact Hessian (default) or Gauss-Newton. */
    public Builder curvature(Curvature c) {
      if (c == null) {
        throw new IllegalArgumentException("ImplicitHypergradient: curvature is null");
      }
      this.curvature = c;
      return this;
    }

    /** Start each solve from the previous p (default: true). */
    public Builder warmStart(boolean enabled) {
      this.warmStart = enabled;
      return this;
    }

    /**
     * Stochastic mode: take the Hessian and the mixed term on a mini-batch of this many training
     * examples, drawn with replacement from {@code seed} (0: full batch, the default).
     */
    public Builder stochastic(int batchSize, long seed) {
      if (batchSize < 0) {
        throw new IllegalArgumentException("ImplicitHypergradient: batchSize must be >= 0, got " + batchSize);
      }
      this.batchSize = batchSize;
      this.seed = seed;
      return this;
    }

    /** The configured method. */
    public ImplicitHypergradient build() {
      return new ImplicitHypergradient(this);
    }
  }
}
