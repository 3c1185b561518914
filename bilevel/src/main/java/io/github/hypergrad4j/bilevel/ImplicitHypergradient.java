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
import java.util.Arrays;
import java.util.Optional;
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
 *       by a matrix-free {@link IhvpSolver} that needs only products ∇²_θθ f·v: the first one
 *       forward-over-reverse sweep that records f, the later ones replays of that record's
 *       tangent halves ({@link io.github.hypergrad4j.autodiff.RecordedHessian}; each exact, and
 *       equal to a fresh sweep of {@link HessianVectorProduct} to rounding);
 *   <li>one sweep with the tangent p on θ gives ∇²_λθ f·p = d/dt ∇_λ f(θ + t·p, λ) at t = 0,
 *       the mixed term, exactly (it is the λ-block of that sweep's Hessian-tangent product), and
 *       ∇_θ f as a by-product. Its θ-block is ∇²_θθ f·p, the product the solver needs for the
 *       true residual of the p it returns, so with the exact Hessian it is that same sweep (see
 *       {@link HessianWithMixedTerm}: the sweep is kept with its own copy of p and reused only for
 *       a p of the same bits);
 *   <li>dg/dλ = ∇_λ g − ∇²_λθ f·p.
 * </ol>
 *
 * Cost: the solver's products (the last of them, the true residual's, also giving the mixed
 * term) + 1 gradient of g, whatever the number of hyperparameters — CG with a budget of K spends
 * K + 1 products (what {@link HypergradientResult#hessianVectorProducts()} reports): 2 full
 * sweeps (the recording and the true residual's, which gives the mixed term) and K − 1 replays,
 * each cheaper than a sweep. One sweep more when the solver returned p without a product of it
 * (p = 0) or with {@link Curvature#GAUSS_NEWTON}, whose products are not the exact Hessian's
 * (and are not replayed).
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
 * <h2>State</h2>
 *
 * <p>An instance keeps no state: {@link #compute} is a function of its arguments and settings,
 * bit for bit, so a loop over budgets or a benchmark measures the same solve on every call (in
 * stochastic mode it always takes the first mini-batch of its seed). Warm starts of p and the
 * stream of mini-batches belong to a {@link #session(boolean) session}: its first call equals
 * {@link #compute}; each later call draws the seed's next mini-batch and, with warm start,
 * starts the solve from the previous call's p, provided that solve was usable (finite, relative
 * residual below 1). A retry with other damping at the same problem and point reuses the last
 * call's gradient of g. {@link HyperOptimizer} opens one session per run. Every result says whether
 * it was warm-started and with what damping it was solved.
 */
public final class ImplicitHypergradient implements Hypergradient {

  private final IhvpSolver solver;
  private final SolverOptions options;
  private final Curvature curvature;
  private final int batchSize;
  private final long seed;

  private ImplicitHypergradient(Builder b) {
    this.solver = b.solver;
    this.options = b.options;
    this.curvature = b.curvature;
    this.batchSize = b.batchSize;
    this.seed = b.seed;
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

  /**
   * dg/dλ at (θ, λ), solved from p₀ = 0 with the configured damping (in stochastic mode on the
   * first mini-batch of the seed). Cost: the solver's products (the mixed term comes from the
   * last) + 1 gradient of g; see the class comment for when one more sweep is spent.
   *
   * @throws IllegalArgumentException if θ or λ has the wrong length or a non-finite entry, or the
   *     problem lacks what the settings need (a Gauss-Newton form, training examples)
   */
  @Override
  public HypergradientResult compute(BilevelProblem problem, double[] theta, double[] lambda) {
    Check.notNull("ImplicitHypergradient", "problem", problem);
    problem.checkPoint("ImplicitHypergradient", theta, lambda);
    return evaluate(problem, theta, lambda, drawBatch(problem, new SplittableRandom(seed)), options.damping(), null,
        outerGradient(problem, theta, lambda), 1);
  }

  /** A session that draws a new mini-batch per call and, if asked, warm-starts each solve. */
  @Override
  public Session session(boolean warmStart) {
    return new ImplicitSession(warmStart);
  }

  /** Step 1 of the derivation: g, ∇_θ g and ∇_λ g in one first-order pass. */
  private static Derivatives.ValueAndGradients outerGradient(BilevelProblem problem, double[] theta, double[] lambda) {
    TensorFunction g = in -> problem.outer().apply(in[0], in[1], null);
    return Derivatives.valueAndGradients(g, theta, lambda);
  }

  /**
   * Steps 2–4 of the derivation at (θ, λ) on {@code batch}, the solve damped by ρ, from p₀ (null:
   * 0), with step 1's {@code outer} at the same (θ, λ), which cost {@code gradients} gradients
   * (0 when reused).
   */
  private HypergradientResult evaluate(BilevelProblem problem, double[] theta, double[] lambda, int[] batch,
      double damping, double[] p0, Derivatives.ValueAndGradients outer, long gradients) {
    double[][] point = {theta, lambda};
    double[] gTheta = outer.gradients()[0];
    double[] gLambda = outer.gradients()[1];
    // 2. p = [∇²_θθ f + ρI]⁻¹ ∇_θ g
    TensorFunction f = in -> problem.inner().apply(in[0], in[1], batch);
    HessianWithMixedTerm exact = curvature == Curvature.EXACT ? new HessianWithMixedTerm(f, theta, lambda) : null;
    LinearOperator hessian = exact != null ? exact : gaussNewton(problem, theta, lambda);
    SolverOptions solveOptions = damping == options.damping() ? options : options.withDamping(damping);
    if (p0 != null) {
      solveOptions = solveOptions.withWarmStart(p0);
    }
    IhvpResult solve = solver.solve(hessian, gTheta, solveOptions);
    double[] p = solve.x();
    // 3. ∇²_λθ f·p (and ∇_θ f) from one forward-over-reverse sweep: with the exact Hessian, the
    //    one the solve made for p's true residual, else one more
    long before = exact != null ? exact.sweeps() : 0;
    SecondOrderSweep sweep = exact != null ? exact.sweep(p) : Derivatives.secondOrder(f, point, new double[][] {p, null});
    long mixedSweeps = exact != null ? exact.sweeps() - before : 1;
    double[] mixed = sweep.hessianTangents()[1];
    // 4. dg/dλ = ∇_λ g − ∇²_λθ f·p
    double[] h = new double[lambda.length];
    Kernels.sub(gLambda, mixed, h);
    return new HypergradientResult(h, outer.value(), gLambda, solve.operatorApplications() + mixedSweeps, gradients, solve,
        Kernels.nrm2(sweep.gradients()[0]), solveOptions.warmStart().isPresent(), damping);
  }

  private static LinearOperator gaussNewton(BilevelProblem problem, double[] theta, double[] lambda) {
    GaussNewtonForm form = problem.gaussNewtonForm().orElseThrow(() -> new IllegalArgumentException(
        "ImplicitHypergradient: Gauss-Newton curvature needs a problem built with inner(GaussNewtonForm)"));
    LinearOperator data = new GaussNewtonProduct(in -> form.model().apply(in[0]), form.loss(),
        new double[][] {theta}, 0);
    LinearOperator regularizer = new HessianVectorProduct(
        in -> form.regularizer().apply(in[0], in[1]), new double[][] {theta, lambda}, 0);
    return data.plus(regularizer);
  }

  /** The next mini-batch from {@code random}, or null for the full batch. */
  private int[] drawBatch(BilevelProblem problem, SplittableRandom random) {
    if (batchSize == 0) {
      return null;
    }
    int n = problem.trainingExamples();
    if (n == 0) {
      throw new IllegalArgumentException("ImplicitHypergradient: stochastic mode (batch size " + batchSize
          + ") needs a problem that declares its trainingExamples, but it declares 0");
    }
    if (batchSize >= n) {
      return null;
    }
    return random.ints(batchSize, 0, n).toArray();
  }

  /** The state of one run: the stream of mini-batches and the p to start the next solve from. */
  private final class ImplicitSession implements Session {
    private final boolean warmStart;
    private final SplittableRandom batches = new SplittableRandom(seed);
    private double[] next; // p of the last usable solve, when warm-starting
    private boolean computed;
    private int[] batch; // the last call's batch and start, for a retry
    private double[] start;
    private Derivatives.ValueAndGradients outer; // the last call's step 1, at outerAt of outerProblem
    private double[][] outerAt;
    private BilevelProblem outerProblem;

    ImplicitSession(boolean warmStart) {
      this.warmStart = warmStart;
    }

    @Override
    public HypergradientResult compute(BilevelProblem problem, double[] theta, double[] lambda) {
      Check.notNull("ImplicitHypergradient.Session.compute", "problem", problem);
      problem.checkPoint("ImplicitHypergradient.Session.compute", theta, lambda);
      batch = drawBatch(problem, batches);
      start = next != null && next.length == theta.length ? next : null;
      computed = true;
      outer = outerGradient(problem, theta, lambda);
      outerAt = new double[][] {theta.clone(), lambda.clone()};
      outerProblem = problem;
      return keep(evaluate(problem, theta, lambda, batch, options.damping(), start, outer, 1));
    }

    @Override
    public Optional<HypergradientResult> retryWithDamping(
        BilevelProblem problem, double[] theta, double[] lambda, double damping) {
      Check.nonNegativeFinite("ImplicitHypergradient.Session.retryWithDamping", "damping", damping);
      Check.notNull("ImplicitHypergradient.Session.retryWithDamping", "problem", problem);
      problem.checkPoint("ImplicitHypergradient.Session.retryWithDamping", theta, lambda);
      if (!computed) {
        throw new IllegalStateException(
            "ImplicitHypergradient.Session.retryWithDamping: nothing was computed in this session yet");
      }
      // the last call's ∇g serves again at the same problem and point (a retry changes only ρ)
      boolean same = problem == outerProblem && Arrays.equals(theta, outerAt[0]) && Arrays.equals(lambda, outerAt[1]);
      return Optional.of(keep(evaluate(problem, theta, lambda, batch, damping, start,
          same ? outer : outerGradient(problem, theta, lambda), same ? 0 : 1)));
    }

    private HypergradientResult keep(HypergradientResult r) {
      if (warmStart && StepReliability.solveUsable(r.solve())) {
        next = r.solve().x().clone();
      }
      return r;
    }
  }

  /** Settings of an {@link ImplicitHypergradient}. */
  public static final class Builder {
    private final IhvpSolver solver;
    private SolverOptions options = SolverOptions.defaults();
    private Curvature curvature = Curvature.EXACT;
    private int batchSize;
    private long seed = 1;

    private Builder(IhvpSolver solver) {
      this.solver = Check.notNull("ImplicitHypergradient", "the solver", solver);
    }

    /** Tolerance, iteration limit, damping ρ and seed of the solve (default: the solver defaults). */
    public Builder solverOptions(SolverOptions o) {
      this.options = Check.notNull("ImplicitHypergradient", "the solver options", o);
      return this;
    }

    /** Exact Hessian (default) or Gauss-Newton. */
    public Builder curvature(Curvature c) {
      this.curvature = Check.notNull("ImplicitHypergradient", "the curvature", c);
      return this;
    }

    /**
     * Stochastic mode: take the Hessian and the mixed term on a mini-batch of this many training
     * examples, drawn with replacement from {@code seed} (0: full batch, the default). {@link
     * ImplicitHypergradient#compute} always takes the seed's first batch; a {@link
     * ImplicitHypergradient#session(boolean) session} draws the seed's batches one after another,
     * one per call.
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
