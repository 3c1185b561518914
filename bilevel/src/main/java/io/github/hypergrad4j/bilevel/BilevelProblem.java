package io.github.hypergrad4j.bilevel;

import io.github.hypergrad4j.autodiff.Derivatives;
import io.github.hypergrad4j.autodiff.Shape;
import io.github.hypergrad4j.autodiff.Tape;
import io.github.hypergrad4j.autodiff.Tensor;
import io.github.hypergrad4j.autodiff.TensorFunction;
import java.util.Optional;

/**
 * A bilevel problem: the inner (training) objective f(θ, λ) that θ minimises, the outer
 * (validation) objective g(θ, λ) that λ is tuned on, the starting point (θ₀, λ₀) and how the
 * outer optimiser parametrises λ.
 *
 * <pre>{@code
 * BilevelProblem problem = BilevelProblem.builder()
 *     .inner(Objective.fullBatch((w, lambda) -> trainLoss(w).add(lambda.mul(w.square()).sum().scale(0.5))))
 *     .outer(Objective.fullBatch((w, lambda) -> validationLoss(w)))
 *     .initialTheta(new double[d])
 *     .initialLambda(filled(d, 1e-2))
 *     .parametrization(Parametrization.exp())
 *     .build();
 * double g = problem.outerValue(theta, lambda);   // the validation loss of any θ
 * }</pre>
 *
 * <p>{@link Builder#build()} evaluates both objectives once at (θ₀, λ₀) (the inner one with a null,
 * full batch) and rejects a problem whose objectives are not scalars or whose outer objective does
 * not depend on θ (its hypergradient would not involve the inner problem at all).
 */
public final class BilevelProblem {

  private final Objective inner;
  private final Objective outer;
  private final double[] theta0;
  private final double[] lambda0;
  private final Parametrization parametrization;
  private final int trainingExamples;
  private final GaussNewtonForm gaussNewton;
  private final DiagonalCurvature curvature;

  private BilevelProblem(Builder b) {
    this.inner = b.inner;
    this.outer = b.outer;
    this.theta0 = b.theta0.clone();
    this.lambda0 = b.lambda0.clone();
    this.parametrization = b.parametrization;
    this.trainingExamples = b.trainingExamples;
    this.gaussNewton = b.gaussNewton;
    this.curvature = b.curvature;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** f(θ, λ; batch). */
  public Objective inner() {
    return inner;
  }

  /** g(θ, λ). */
  public Objective outer() {
    return outer;
  }

  /** A copy of θ₀. */
  public double[] initialTheta() {
    return theta0.clone();
  }

  /** A copy of λ₀. */
  public double[] initialLambda() {
    return lambda0.clone();
  }

  /** Number of model parameters (length of θ). */
  public int thetaSize() {
    return theta0.length;
  }

  /** Number of hyperparameters (length of λ). */
  public int lambdaSize() {
    return lambda0.length;
  }

  /** How the outer loop parametrises λ. */
  public Parametrization parametrization() {
    return parametrization;
  }

  /** Training examples the inner objective can be batched over; 0 if it cannot be. */
  public int trainingExamples() {
    return trainingExamples;
  }

  /** The split f = ℓ(m(θ)) + r(θ, λ), when given (it enables Gauss-Newton curvature). */
  public Optional<GaussNewtonForm> gaussNewtonForm() {
    return Optional.ofNullable(gaussNewton);
  }

  /** The estimate of the inner Hessian's diagonal, when given (it preconditions the inner solves). */
  public Optional<DiagonalCurvature> diagonalCurvature() {
    return Optional.ofNullable(curvature);
  }

  /**
   * The inner objective at fixed hyperparameters, f(·, λ) with its gradient in θ (full batch): what
   * an inner optimiser minimises. Each evaluation records one tape (cost ≈ one gradient). When the
   * problem has a {@link DiagonalCurvature}, the function's {@link
   * DifferentiableFunction#diagonalCurvature()} is its value at λ (computed here, once).
   *
   * @throws IllegalArgumentException if λ has the wrong length or a non-finite entry, or the
   *     diagonal curvature at λ is not a positive finite vector of θ's length; the returned
   *     function throws if x or the gradient array does not have θ's length
   */
  public DifferentiableFunction innerFunctionAt(double[] lambda) {
    checkVector("BilevelProblem.innerFunctionAt", "lambda", lambda, lambda0.length);
    double[] fixed = lambda.clone();
    TensorFunction f = in -> inner.apply(in[0], in[1], null);
    int n = theta0.length;
    double[] diagonal = curvature == null ? null : curvatureAt("BilevelProblem.innerFunctionAt", curvature, fixed, n);
    return new DifferentiableFunction() {
      @Override
      public double valueAndGradient(double[] x, double[] gradient) {
        if (x == null || gradient == null || x.length != n || gradient.length != n) {
          throw new IllegalArgumentException("BilevelProblem.innerFunctionAt: x and gradient must have length " + n
              + ", got " + (x == null ? "null" : x.length) + " and " + (gradient == null ? "null" : gradient.length));
        }
        Derivatives.ValueAndGradient vg = Derivatives.valueAndGradient(f, new double[][] {x, fixed}, 0);
        System.arraycopy(vg.gradient(), 0, gradient, 0, gradient.length);
        return vg.value();
      }

      @Override
      public Optional<double[]> diagonalCurvature() {
        return diagonal == null ? Optional.empty() : Optional.of(diagonal.clone());
      }
    };
  }

  /** c(λ), checked: n positive finite entries. */
  private static double[] curvatureAt(String what, DiagonalCurvature c, double[] lambda, int n) {
    double[] d = c.at(lambda.clone());
    Check.positiveDiagonal(what, "the diagonal curvature", d, n);
    return d.clone();
  }

  /**
   * f(θ, λ) on the full batch: one forward pass, no derivatives (for a training loss at a given
   * point, say).
   *
   * @throws IllegalArgumentException if θ or λ has the wrong length or a non-finite entry
   */
  public double innerValue(double[] theta, double[] lambda) {
    checkPoint("BilevelProblem.innerValue", theta, lambda);
    return valueOf(inner, theta, lambda);
  }

  /**
   * g(θ, λ): one forward pass, no derivatives — for the validation loss of a given θ, such as
   * {@link HyperOptimizationResult#bestTheta()}, or of a θ trained by other means.
   *
   * @throws IllegalArgumentException if θ or λ has the wrong length or a non-finite entry
   */
  public double outerValue(double[] theta, double[] lambda) {
    checkPoint("BilevelProblem.outerValue", theta, lambda);
    return valueOf(outer, theta, lambda);
  }

  private static double valueOf(Objective o, double[] theta, double[] lambda) {
    Tape tape = new Tape();
    Tensor t = tape.constant(theta.clone(), Shape.vector(theta.length));
    Tensor l = tape.constant(lambda.clone(), Shape.vector(lambda.length));
    return o.apply(t, l, null).item();
  }

  /** Throws unless θ and λ have this problem's lengths and finite entries. */
  void checkPoint(String what, double[] theta, double[] lambda) {
    checkVector(what, "theta", theta, theta0.length);
    checkVector(what, "lambda", lambda, lambda0.length);
  }

  private static void checkVector(String what, String name, double[] v, int n) {
    Check.finiteVector(what, name, v, n);
  }

  /** Builds a {@link BilevelProblem}; inner, outer, θ₀ and λ₀ are required. */
  public static final class Builder {
    private Objective inner;
    private Objective outer;
    private double[] theta0;
    private double[] lambda0;
    private Parametrization parametrization = Parametrization.identity();
    private int trainingExamples;
    private GaussNewtonForm gaussNewton;
    private DiagonalCurvature curvature;

    private Builder() {}

    /**
     * The inner objective f(θ, λ; batch); {@link Objective#fullBatch} makes one from (θ, λ) alone.
     */
    public Builder inner(Objective f) {
      this.inner = f;
      this.gaussNewton = null;
      return this;
    }

    /** The inner objective as ℓ(m(θ)) + r(θ, λ) (enables Gauss-Newton curvature; full batch). */
    public Builder inner(GaussNewtonForm form) {
      if (form == null) {
        throw new IllegalArgumentException("BilevelProblem: the Gauss-Newton form is null");
      }
      this.inner = form.asObjective();
      this.gaussNewton = form;
      return this;
    }

    /** The outer objective g(θ, λ) (always called with batch = null: {@link Objective#fullBatch} fits it). */
    public Builder outer(Objective g) {
      this.outer = g;
      return this;
    }

    /** θ₀ (copied). */
    public Builder initialTheta(double[] theta) {
      this.theta0 = theta == null ? null : theta.clone();
      return this;
    }

    /** λ₀ (copied). */
    public Builder initialLambda(double[] lambda) {
      this.lambda0 = lambda == null ? null : lambda.clone();
      return this;
    }

    /** How the outer loop parametrises λ (default: identity). */
    public Builder parametrization(Parametrization p) {
      this.parametrization = p;
      return this;
    }

    /** The number of training examples, enabling mini-batches (0: full batch only). */
    public Builder trainingExamples(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("BilevelProblem: trainingExamples must be >= 0, got " + n);
      }
      this.trainingExamples = n;
      return this;
    }

    /**
     * An estimate of the inner Hessian's diagonal as a function of λ (default: none), which
     * preconditions the inner solves of L-BFGS ({@link DiagonalCurvature}); null removes it.
     */
    public Builder diagonalCurvature(DiagonalCurvature c) {
      this.curvature = c;
      return this;
    }

    /**
     * Validates and builds: evaluates f and g once at (θ₀, λ₀), and the diagonal curvature, when
     * given, at λ₀.
     *
     * @throws IllegalArgumentException naming what is missing or wrong
     */
    public BilevelProblem build() {
      Check.notNull("BilevelProblem", "the inner objective", inner);
      Check.notNull("BilevelProblem", "the outer objective", outer);
      Check.finiteVector("BilevelProblem", "initialTheta", theta0, -1);
      Check.finiteVector("BilevelProblem", "initialLambda", lambda0, -1);
      Check.notNull("BilevelProblem", "the parametrization", parametrization);
      BilevelProblem p = new BilevelProblem(this);
      parametrization.fromLambda(lambda0); // throws if λ₀ is outside the parametrisation's range
      checkScalar("inner", inner, theta0, lambda0);
      Tensor g = checkScalar("outer", outer, theta0, lambda0);
      if (curvature != null) {
        curvatureAt("BilevelProblem", curvature, lambda0, theta0.length);
      }
      if (!g.isDifferentiable()) {
        throw new IllegalArgumentException("BilevelProblem: the outer objective does not depend on theta,"
            + " so tuning lambda through the inner problem is meaningless (its hypergradient is only"
            + " the direct gradient of g with respect to lambda)");
      }
      return p;
    }

    private static Tensor checkScalar(String which, Objective o, double[] theta, double[] lambda) {
      Tape tape = new Tape();
      Tensor t = tape.variable(theta, Shape.vector(theta.length));
      Tensor l = tape.constant(lambda, Shape.vector(lambda.length));
      Tensor y = o.apply(t, l, null);
      if (y == null || y.size() != 1) {
        throw new IllegalArgumentException("BilevelProblem: the " + which + " objective must return a scalar, got "
            + (y == null ? "null" : "shape " + y.shape()));
      }
      if (!Double.isFinite(y.item())) {
        throw new IllegalArgumentException("BilevelProblem: the " + which + " objective is " + y.item()
            + " at the initial point");
      }
      return y;
    }
  }
}
