package io.github.hypergrad4j.bench.distill;

import io.github.hypergrad4j.autodiff.Derivatives;
import io.github.hypergrad4j.autodiff.Shape;
import io.github.hypergrad4j.autodiff.Tape;
import io.github.hypergrad4j.autodiff.Tensor;
import io.github.hypergrad4j.autodiff.TensorFunction;
import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bench.data.Predictions;
import io.github.hypergrad4j.bilevel.DifferentiableFunction;
import io.github.hypergrad4j.bilevel.InnerOptimizer;
import io.github.hypergrad4j.bilevel.InnerResult;
import io.github.hypergrad4j.bilevel.InnerStopping;

/**
 * The model of the distillation experiment: multinomial logistic regression with a bias, p
 * pixels in, K classes out, θ = [W (p × K) row-major, b (K)], logits xW + b, trained by
 * minimising
 *
 * <pre>    f(θ; X, y) = (1/n) Σ_i −log softmax(x_i W + b)_{y_i} + (μ/2)·‖θ‖²</pre>
 *
 * on whatever images it is given (distilled, real subsets, the full training set — always the
 * same f with the same μ). The penalty covers the biases too: softmax is unchanged when one
 * constant is added to all logits, so without it f would be flat along b + c·1 and not strongly
 * convex. With it, f is μ-strongly convex in θ for any images, so θ* is unique, ∇²f ⪰ μI is
 * invertible (the implicit function theorem holds) and CG's condition number is at most
 * (L + μ)/μ.
 *
 * <p>{@link #fit} trains by L-BFGS (the bilevel module's) from a given start to ‖∇f‖₂ ≤
 * {@value #TOLERANCE} or {@value #MAX_ITERATIONS} iterations; the result carries the status, which
 * callers report when it is not CONVERGED. Cost per iteration: about one gradient, O(n·p·K).
 */
public final class SoftmaxRegression {

  /**
   * The default penalty μ = 10⁻³, fixed a priori: large enough for strong convexity with a
   * bounded inverse Hessian (‖(∇²f)⁻¹‖ ≤ 1/μ = 1000) on the ten synthetic images, small enough
   * against the mean cross-entropy that the full-data fit (the ceiling) is barely regularised.
   */
  public static final double DEFAULT_L2 = 1e-3;

  /** The gradient tolerance of every fit: tight, as the implicit gradient assumes ∇f = 0. */
  public static final double TOLERANCE = 1e-8;

  /** The iteration limit of every fit. */
  public static final int MAX_ITERATIONS = 5000;

  private final int pixels;
  private final int classes;
  private final double l2;

  /**
   * @param pixels p ≥ 1
   * @param classes K ≥ 2
   * @param l2 μ &gt; 0, finite
   * @throws IllegalArgumentException if an argument is out of range
   */
  public SoftmaxRegression(int pixels, int classes, double l2) {
    if (pixels < 1 || classes < 2 || !(l2 > 0) || !Double.isFinite(l2)) {
      throw new IllegalArgumentException("SoftmaxRegression: needs pixels >= 1, classes >= 2 and a finite l2 > 0, got "
          + pixels + ", " + classes + " and " + l2);
    }
    this.pixels = pixels;
    this.classes = classes;
    this.l2 = l2;
  }

  /** p. */
  public int pixels() {
    return pixels;
  }

  /** K. */
  public int classes() {
    return classes;
  }

  /** μ. */
  public double l2() {
    return l2;
  }

  /** The length of θ, (p + 1)·K. */
  public int parameters() {
    return (pixels + 1) * classes;
  }

  /** The mean cross-entropy of θ on the images x (n × p, on θ's tape or constants) with these labels. */
  Tensor loss(Tensor theta, Tensor x, int[] labels) {
    return logits(theta, x).softmaxCrossEntropy(labels);
  }

  /** The logits xW + b (n × K) of the images x under θ. */
  private Tensor logits(Tensor theta, Tensor x) {
    Tensor w = theta.slice(0, pixels * classes).reshape(pixels, classes);
    Tensor b = theta.slice(pixels * classes, parameters());
    return x.matmul(w).add(b);
  }

  /** f(θ; x, labels): the mean cross-entropy plus (μ/2)·‖θ‖². */
  Tensor objective(Tensor theta, Tensor x, int[] labels) {
    return loss(theta, x, labels).add(theta.squaredNorm().scale(0.5 * l2));
  }

  /** The images of a data set as a constant on θ's tape (not copied). */
  Tensor images(Tensor theta, Dataset data) {
    return theta.tape().constant(data.features(), Shape.matrix(data.rows(), pixels));
  }

  /**
   * Trains on n images (row-major n × p) with these labels from θ₀, by L-BFGS to ‖∇f‖ ≤
   * {@value #TOLERANCE}.
   *
   * @throws IllegalArgumentException if the sizes do not match p, K and θ's length
   */
  public InnerResult fit(double[] images, int[] labels, double[] theta0) {
    check(images, labels, theta0);
    int n = labels.length;
    double[] x = images.clone();
    TensorFunction f = in -> objective(in[0], in[0].tape().constant(x, Shape.matrix(n, pixels)), labels);
    DifferentiableFunction fn = (t, gradient) -> {
      Derivatives.ValueAndGradient vg = Derivatives.valueAndGradient(f, new double[][] {t}, 0);
      System.arraycopy(vg.gradient(), 0, gradient, 0, gradient.length);
      return vg.value();
    };
    return InnerOptimizer.lbfgs().minimize(fn, theta0, new InnerStopping(TOLERANCE, MAX_ITERATIONS));
  }

  /** {@link #fit} on a labelled data set from θ = 0. */
  public InnerResult fit(Dataset data) {
    return fit(data.features(), data.labels(), new double[parameters()]);
  }

  /** The mean cross-entropy of θ on a data set (without the penalty). */
  public double meanLoss(double[] theta, Dataset data) {
    Tensor t = new Tape().constant(theta.clone(), Shape.vector(theta.length));
    return loss(t, images(t, data), data.labels()).item();
  }

  /** The fraction of a data set whose largest logit is its label's (ties: the lowest class; {@link Predictions}). */
  public double accuracy(double[] theta, Dataset data) {
    Tensor t = new Tape().constant(theta.clone(), Shape.vector(theta.length));
    return Predictions.accuracy(logits(t, images(t, data)).value(), classes, data.labels());
  }

  private void check(double[] images, int[] labels, double[] theta0) {
    if (images == null || labels == null || theta0 == null || labels.length == 0
        || images.length != (long) labels.length * pixels || theta0.length != parameters()) {
      throw new IllegalArgumentException("SoftmaxRegression.fit: needs n >= 1 labels, n x " + pixels
          + " image values and theta0 of length " + parameters() + ", got " + (labels == null ? "null" : labels.length)
          + " labels, " + (images == null ? "null" : images.length) + " values and theta0 of length "
          + (theta0 == null ? "null" : theta0.length));
    }
    for (int y : labels) {
      if (y < 0 || y >= classes) {
        throw new IllegalArgumentException("SoftmaxRegression.fit: label " + y + " is outside 0.." + (classes - 1));
      }
    }
  }
}
