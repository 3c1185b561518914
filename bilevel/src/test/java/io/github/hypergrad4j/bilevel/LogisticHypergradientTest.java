package io.github.hypergrad4j.bilevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.autodiff.Derivatives;
import io.github.hypergrad4j.autodiff.OutputLoss;
import io.github.hypergrad4j.autodiff.Shape;
import io.github.hypergrad4j.autodiff.Tensor;
import io.github.hypergrad4j.autodiff.TensorFunction;
import io.github.hypergrad4j.ihvp.ConjugateGradient;
import io.github.hypergrad4j.ihvp.ExactSolver;
import io.github.hypergrad4j.ihvp.IhvpResult;
import io.github.hypergrad4j.ihvp.IhvpSolver;
import io.github.hypergrad4j.ihvp.Minres;
import io.github.hypergrad4j.ihvp.NystromSolver;
import io.github.hypergrad4j.ihvp.SolverOptions;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Logistic regression with one L2 penalty per feature on breast cancer (30 hyperparameters;
 * standardised features; 340 training rows, 229 validation rows, split seed 3). θ = (w, b): 30
 * weights and an intercept; the intercept carries a fixed, untuned penalty {@value #BIAS_PENALTY}
 * so that the known diagonal of the Hessian is positive everywhere (the structured Nyström solver
 * needs d_i + ρ &gt; 0):
 *
 * <pre>
 *   f(θ, λ) = mean(softplus(Xw + b) − y⊙(Xw + b)) + ½·Σ_j λ_j w_j² + ½·κ·b²     (train rows)
 *   g(θ)    = mean(softplus(Vw + b) − v⊙(Vw + b))                                (validation rows)
 * </pre>
 *
 * <p><b>The outside truth</b> is central finite differences of G(λ) = g(θ*(λ)), with θ*(λ)
 * re-solved for each perturbed λ by a Newton method written here in plain loops (gradient and
 * Hessian of the logistic loss by hand, {@link Cholesky} for the step), started from the same
 * point (the unperturbed solution) and run until ‖∇f‖ stops decreasing, about 1e-16. Why not the
 * library's L-BFGS for the re-solves: its Armijo test compares values of f ≈ 0.1 whose changes
 * near the optimum fall below rounding, so it stalls at ‖∇f‖ ≈ 1e-10 (see {@link
 * InnerOptimizerTest}); a finite difference divides that error by the step, and Newton removes it.
 *
 * <p><b>The step.</b> Central differences in u = log λ_j (scale-free across penalties that span
 * two decades) with δ = 10⁻⁴, a relative change of λ_j by 0.01%: the truncation error is about
 * δ²/6·|G‴|/|G′| ≈ 10⁻⁹ relative, and the rounding error about ε·G/(δ·|∂G/∂u_j|) ≈
 * 10⁻¹⁶·0.1/(10⁻⁴·10⁻⁴) ≈ 10⁻⁹. Measured: 8.6e-6, 8.6e-8 and 9e-10 at δ = 10⁻², 10⁻³, 10⁻⁴ (the
 * δ² law of the truncation), and about 1e-9 to 1e-8 below 10⁻⁴ (rounding takes over). The issue
 * asks for 1e-5; the test asserts 1e-7, a hundred times the expected error, to keep its teeth.
 * The IFT side is evaluated at θ from the library's L-BFGS stopped at ‖∇f‖ ≤ 1e-10, which moves
 * the hypergradient by about ‖∇f‖/λ_min(∇²f) ≈ 10⁻⁸ relative at most.
 */
class LogisticHypergradientTest {

  static final double BIAS_PENALTY = 1e-4;
  static final TestData.Split DATA = TestData.breastCancer(3, 340);
  static final int D = DATA.d();
  static final int P = D + 1;

  static double[] lambda;
  static double[] theta;
  static BilevelProblem problem;
  static HypergradientResult exact;

  @BeforeAll
  static void solveTheInnerProblem() {
    Random r = new Random(11);
    lambda = new double[D];
    for (int j = 0; j < D; j++) {
      lambda[j] = Math.pow(10, -2.5 + 2 * r.nextDouble());
    }
    problem = BilevelProblem.builder().inner(inner()).outer(outer()).initialTheta(new double[P])
        .initialLambda(lambda).parametrization(Parametrization.exp()).build();
    TensorFunction f = in -> problem.inner().apply(in[0], in[1], null);
    DifferentiableFunction fTheta = (x, g) -> {
      Derivatives.ValueAndGradient vg = Derivatives.valueAndGradient(f, new double[][] {x, lambda}, 0);
      System.arraycopy(vg.gradient(), 0, g, 0, g.length);
      return vg.value();
    };
    InnerResult solved = InnerOptimizer.lbfgs().minimize(fTheta, new double[P], new InnerStopping(1e-10, 2000));
    assertEquals(InnerResult.Status.CONVERGED, solved.status(), "L-BFGS to |grad f| <= 1e-10: " + solved);
    theta = solved.theta();
    exact = ImplicitHypergradient.builder(new ExactSolver())
        .solverOptions(SolverOptions.defaults().withTolerance(1e-12)).build().compute(problem, theta, lambda);
    assertEquals(IhvpResult.Status.CONVERGED, exact.solve().status(), exact.solve().detail());
  }

  static Tensor logits(Tensor theta, double[] x, int rows) {
    return theta.tape().constant(x, Shape.matrix(rows, D)).matmul(theta.slice(0, D)).add(theta.slice(D, P));
  }

  static Tensor penalty(Tensor theta, Tensor lambda) {
    return lambda.mul(theta.slice(0, D).square()).sum().scale(0.5)
        .add(theta.slice(D, P).square().sum().scale(0.5 * BIAS_PENALTY));
  }

  static Objective inner() {
    return (theta, lambda, batch) -> logits(theta, DATA.xTrain(), DATA.nTrain())
        .binaryCrossEntropyWithLogits(DATA.yTrain()).add(penalty(theta, lambda));
  }

  static Objective outer() {
    return (theta, lambda, batch) -> logits(theta, DATA.xVal(), DATA.nVal()).binaryCrossEntropyWithLogits(DATA.yVal());
  }

  @Test
  void implicitHypergradientMatchesFiniteDifferencesThroughReSolvedInnerProblems() {
    double delta = 1e-4;
    double[] fd = new double[D];
    for (int j = 0; j < D; j++) {
      double[] plus = lambda.clone();
      double[] minus = lambda.clone();
      plus[j] *= Math.exp(delta);
      minus[j] *= Math.exp(-delta);
      double dGdu = (validationLoss(newton(plus, theta)) - validationLoss(newton(minus, theta))) / (2 * delta);
      fd[j] = dGdu / lambda[j]; // dG/dλ_j = (dG/du_j) / λ_j
    }
    double error = RidgeHypergradientTest.relativeError(exact.hypergradient(), fd);
    assertTrue(error <= 1e-7, "IFT vs finite differences: relative error " + error
        + "\nIFT " + Arrays.toString(exact.hypergradient()) + "\nFD  " + Arrays.toString(fd));
    assertTrue(exact.innerStationarity() <= 1e-10, "stationarity " + exact.innerStationarity());
    assertEquals(validationLoss(theta), exact.outerValue(), 1e-13);
  }

  @Test
  void conjugateGradientMinresNystromStructuredAndExactAgree() {
    double[] diagonal = new double[P];
    System.arraycopy(lambda, 0, diagonal, 0, D);
    diagonal[D] = BIAS_PENALTY;
    SolverOptions tight = SolverOptions.defaults().withTolerance(1e-12);
    IhvpSolver[] solvers = {
      new ConjugateGradient(),
      new Minres(),
      // k = n: the sketch of M = ∇²f − diag(λ, κ) is then exact (rank(M) ≤ k), so this solve is
      // exact up to rounding and must agree tightly
      NystromSolver.structured(P, diagonal, false),
      NystromSolver.structured(P, diagonal, true),
    };
    for (IhvpSolver solver : solvers) {
      HypergradientResult r = ImplicitHypergradient.builder(solver).solverOptions(tight).build()
          .compute(problem, theta, lambda);
      String what = solver.getClass().getSimpleName();
      double error = RidgeHypergradientTest.relativeError(r.hypergradient(), exact.hypergradient());
      assertTrue(error <= 1e-9, what + " vs exact: relative error " + error + " (" + r.solve().detail() + ")");
    }
  }

  /** The logistic model is linear in θ, so the Gauss-Newton matrix is the Hessian here too. */
  @Test
  void gaussNewtonEqualsExactForLogisticRegression() {
    GaussNewtonForm form = new GaussNewtonForm(t -> logits(t, DATA.xTrain(), DATA.nTrain()),
        OutputLoss.binaryCrossEntropyWithLogits(DATA.yTrain()), LogisticHypergradientTest::penalty);
    BilevelProblem gnProblem = BilevelProblem.builder().inner(form).outer(outer()).initialTheta(new double[P])
        .initialLambda(lambda).build();
    HypergradientResult gn = ImplicitHypergradient.builder(new ExactSolver())
        .solverOptions(SolverOptions.defaults().withTolerance(1e-12)).curvature(Curvature.GAUSS_NEWTON).build()
        .compute(gnProblem, theta, lambda);
    double error = RidgeHypergradientTest.relativeError(gn.hypergradient(), exact.hypergradient());
    assertTrue(error <= 1e-10, "GN vs exact: relative error " + error);
  }

  // ------------------------------------------------------- the outside truth, in plain loops

  /** Mean binary cross-entropy of the validation rows at θ, computed stably. */
  static double validationLoss(double[] theta) {
    double s = 0;
    for (int i = 0; i < DATA.nVal(); i++) {
      double z = theta[D];
      for (int j = 0; j < D; j++) {
        z += DATA.xVal()[i * D + j] * theta[j];
      }
      s += softplus(z) - DATA.yVal()[i] * z;
    }
    return s / DATA.nVal();
  }

  /** θ*(λ) by Newton's method from {@code start}, until ‖∇f‖ stops decreasing. */
  static double[] newton(double[] lam, double[] start) {
    double[] x = start.clone();
    double[] g = new double[P];
    double[] h = new double[P * P];
    double best = Double.POSITIVE_INFINITY;
    for (int it = 0; it < 30; it++) {
      gradientAndHessian(lam, x, g, h);
      double norm = 0;
      for (double v : g) {
        norm += v * v;
      }
      norm = Math.sqrt(norm);
      if (!(norm < best)) {
        break;
      }
      best = norm;
      double[] step = Cholesky.solve(h, g, P);
      for (int k = 0; k < P; k++) {
        x[k] -= step[k];
      }
    }
    assertTrue(best <= 1e-14, "Newton reached only |grad f| = " + best);
    return x;
  }

  private static void gradientAndHessian(double[] lam, double[] x, double[] g, double[] h) {
    int n = DATA.nTrain();
    Arrays.fill(g, 0);
    Arrays.fill(h, 0);
    double[] row = new double[P];
    for (int i = 0; i < n; i++) {
      System.arraycopy(DATA.xTrain(), i * D, row, 0, D);
      row[D] = 1;
      double z = 0;
      for (int k = 0; k < P; k++) {
        z += row[k] * x[k];
      }
      double s = sigmoid(z);
      double w = s * (1 - s) / n;
      double r = (s - DATA.yTrain()[i]) / n;
      for (int a = 0; a < P; a++) {
        g[a] += r * row[a];
        for (int b = 0; b < P; b++) {
          h[a * P + b] += w * row[a] * row[b];
        }
      }
    }
    for (int j = 0; j < D; j++) {
      g[j] += lam[j] * x[j];
      h[j * P + j] += lam[j];
    }
    g[D] += BIAS_PENALTY * x[D];
    h[D * P + D] += BIAS_PENALTY;
  }

  private static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  private static double softplus(double z) {
    return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
  }
}
