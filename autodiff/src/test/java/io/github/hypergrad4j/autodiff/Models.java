package io.github.hypergrad4j.autodiff;

import java.util.Random;

/** Small models shared by the tests: L2-regularised logistic regression and a tanh MLP. */
final class Models {

  private Models() {}

  /** Features n×d and labels in {0, 1} drawn from a seeded logistic model. */
  record Data(int n, int d, double[] x, double[] y) {}

  static Data binaryData(int n, int d, long seed) {
    Random r = new Random(seed);
    double[] x = new double[n * d];
    double[] w = new double[d];
    for (int j = 0; j < d; j++) {
      w[j] = r.nextGaussian();
    }
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double z = 0;
      for (int j = 0; j < d; j++) {
        x[i * d + j] = r.nextGaussian();
        z += x[i * d + j] * w[j];
      }
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    return new Data(n, d, x, y);
  }

  /** f(w, λ) = mean BCE(Xw, y) + ½ Σ_j λ_j w_j² (one penalty per feature). */
  static TensorFunction logistic(Data data) {
    return in -> {
      Tensor w = in[0];
      Tensor lambda = in[1];
      Tensor x = w.tape().constant(data.x(), Shape.matrix(data.n(), data.d()));
      return x.matmul(w).binaryCrossEntropyWithLogits(data.y()).add(lambda.mul(w.square()).sum().scale(0.5));
    };
  }

  /**
   * A one-hidden-layer tanh network with softmax cross-entropy, θ flat = [W1 (d×h), b1 (h), W2
   * (h×c), b2 (c)], and λ = (λ₁, λ₂) the L2 penalties of W1 and W2.
   */
  static TensorFunction mlp(double[] features, int n, int d, int h, int c, int[] labels) {
    return in -> {
      Tensor theta = in[0];
      Tensor lambda = in[1];
      Tape tape = theta.tape();
      Tensor x = tape.constant(features, Shape.matrix(n, d));
      int o = 0;
      Tensor w1 = theta.slice(o, o += d * h).reshape(d, h);
      Tensor b1 = theta.slice(o, o += h);
      Tensor w2 = theta.slice(o, o += h * c).reshape(h, c);
      Tensor b2 = theta.slice(o, o + c);
      Tensor hidden = x.matmul(w1).add(b1).tanh();
      Tensor logits = hidden.matmul(w2).add(b2);
      Tensor penalty = lambda.slice(0, 1).mul(w1.squaredNorm()).add(lambda.slice(1, 2).mul(w2.squaredNorm()));
      return logits.softmaxCrossEntropy(labels).add(penalty.scale(0.5).sum());
    };
  }

  static int mlpParameters(int d, int h, int c) {
    return d * h + h + h * c + c;
  }

  static double[] gaussian(Random r, int n, double scale) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = scale * r.nextGaussian();
    }
    return v;
  }
}
