package io.github.hypergrad4j.bench.meta;

import io.github.hypergrad4j.autodiff.Derivatives;
import io.github.hypergrad4j.autodiff.Shape;
import io.github.hypergrad4j.autodiff.Tape;
import io.github.hypergrad4j.autodiff.Tensor;
import io.github.hypergrad4j.autodiff.TensorFunction;
import java.util.SplittableRandom;

/**
 * The regressor of the sinusoid benchmark (Finn, Abbeel and Levine, ICML 2017, §5.1): an MLP
 * 1–40–40–1 with ReLU, its 1,761 parameters in one flat vector θ = (W1 1×40, b1, W2 40×40, b2,
 * W3 40×1, b3), W row-major (inputs by outputs). Cost of one loss gradient on n points: about
 * 3·n·(40 + 1600 + 40) multiply-adds.
 */
public final class SinusoidMlp {

  /** The hidden width. */
  public static final int HIDDEN = 40;

  /** The number of parameters. */
  public static final int SIZE = HIDDEN + HIDDEN + HIDDEN * HIDDEN + HIDDEN + HIDDEN + 1;

  private static final int W2 = 2 * HIDDEN;
  private static final int B2 = W2 + HIDDEN * HIDDEN;
  private static final int W3 = B2 + HIDDEN;
  private static final int B3 = W3 + HIDDEN;

  private SinusoidMlp() {}

  /** The network's outputs (n×1) at inputs x, on θ's tape. */
  static Tensor forward(Tensor theta, double[] x) {
    int h = HIDDEN;
    Tensor input = theta.tape().constant(x, Shape.matrix(x.length, 1));
    Tensor h1 = input.matmul(theta.slice(0, h).reshape(1, h)).add(theta.slice(h, W2)).relu();
    Tensor h2 = h1.matmul(theta.slice(W2, B2).reshape(h, h)).add(theta.slice(B2, W3)).relu();
    return h2.matmul(theta.slice(W3, B3).reshape(h, 1)).add(theta.slice(B3, SIZE));
  }

  /** θ ↦ the mean squared error on (x, y). */
  public static TensorFunction loss(double[] x, double[] y) {
    double[] xs = x.clone();
    double[] ys = y.clone();
    return in -> forward(in[0], xs).meanSquaredError(ys);
  }

  /** The predictions at x. */
  public static double[] predict(double[] theta, double[] x) {
    Tape tape = new Tape();
    Tensor out = forward(tape.constant(theta, Shape.vector(theta.length)), x);
    return out.value();
  }

  /** The mean squared error of θ on (x, y). */
  public static double mse(double[] theta, double[] x, double[] y) {
    return Derivatives.value(loss(x, y), theta);
  }

  /**
   * A random θ₀: each layer's weights and biases uniform in ±1/√(fan-in) (the usual default of
   * deep-learning libraries).
   */
  public static double[] initial(SplittableRandom random) {
    double[] theta = new double[SIZE];
    fill(theta, 0, W2, 1.0, random);
    fill(theta, W2, W3, 1.0 / Math.sqrt(HIDDEN), random);
    fill(theta, W3, SIZE, 1.0 / Math.sqrt(HIDDEN), random);
    return theta;
  }

  private static void fill(double[] theta, int from, int to, double bound, SplittableRandom random) {
    for (int i = from; i < to; i++) {
      theta[i] = bound * (2 * random.nextDouble() - 1);
    }
  }
}
