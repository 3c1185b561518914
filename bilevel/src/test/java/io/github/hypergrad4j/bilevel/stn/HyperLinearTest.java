package io.github.hypergrad4j.bilevel.stn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.autodiff.GradCheck;
import io.github.hypergrad4j.autodiff.GradCheckReport;
import io.github.hypergrad4j.autodiff.Shape;
import io.github.hypergrad4j.autodiff.Tape;
import io.github.hypergrad4j.autodiff.Tensor;
import io.github.hypergrad4j.autodiff.TensorFunction;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HyperLinear map against plain loops over the weight-space form Ŵ(λ_i)x_i + b̂(λ_i), example
 * by example; the plain layer it reduces to with V = C = 0; and the derivatives of every
 * operation the Self-Tuning Network adds — per-example scaling (ΛVᵀ) ⊙ (XW_hyperᵀ), the
 * per-example penalty ‖Ŵ(λ_i)‖², dropout with a fixed mask, the perturbation and its entropy —
 * through {@link GradCheck}, first and second order (central differences of values and of
 * gradients, the adjoint identity, Hessian symmetry).
 */
class HyperLinearTest {

  private static final double FIRST_ORDER_TOLERANCE = 1e-6;
  private static final double SECOND_ORDER_TOLERANCE = 1e-5;

  private static double[] gaussian(Random r, int n, double scale) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = scale * r.nextGaussian();
    }
    return v;
  }

  /** Ŵ(λ)x + b̂(λ) with Ŵ and b̂ formed entry by entry from φ's blocks, for one example. */
  private static double[] weightSpace(double[] phi, int in, int out, int h, double[] x, double[] lambda) {
    int we = 0;
    int be = out * in;
    int wh = be + out;
    int bh = wh + out * in;
    int v = bh + out;
    int c = v + out * h;
    double[] z = new double[out];
    for (int r = 0; r < out; r++) {
      double vl = 0;
      double cl = 0;
      for (int k = 0; k < h; k++) {
        vl += phi[v + r * h + k] * lambda[k];
        cl += phi[c + r * h + k] * lambda[k];
      }
      double s = phi[be + r] + cl * phi[bh + r];
      for (int j = 0; j < in; j++) {
        s += (phi[we + r * in + j] + vl * phi[wh + r * in + j]) * x[j];
      }
      z[r] = s;
    }
    return z;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5})
  void preActivationsEqualTheWeightSpaceFormPerExample(int h) {
    Random r = new Random(11 + h);
    int in = 4;
    int out = 3;
    int b = 6;
    HyperLinear layer = new HyperLinear(in, out, h, 0);
    double[] phi = gaussian(r, layer.parameterCount(), 1);
    double[] x = gaussian(r, b * in, 1);
    double[] lambda = gaussian(r, b * h, 1);
    Tape tape = new Tape();
    double[] z = layer.apply(tape.constant(phi), tape.constant(x, Shape.matrix(b, in)),
        tape.constant(lambda, Shape.matrix(b, h))).value();
    double[] norms = layer.squaredWeightNorms(tape.constant(phi), tape.constant(lambda, Shape.matrix(b, h))).value();
    for (int i = 0; i < b; i++) {
      double[] xi = java.util.Arrays.copyOfRange(x, i * in, (i + 1) * in);
      double[] li = java.util.Arrays.copyOfRange(lambda, i * h, (i + 1) * h);
      double[] expected = weightSpace(phi, in, out, h, xi, li);
      for (int k = 0; k < out; k++) {
        assertEquals(expected[k], z[i * out + k], 1e-12, "example " + i + " unit " + k);
      }
      double[] w = layer.weights(phi, li);
      double norm = 0;
      for (double v : w) {
        norm += v * v;
      }
      assertEquals(norm, norms[i], 1e-12 * norm, "||W(lambda_" + i + ")||^2");
      double[] bias = layer.bias(phi, li);
      for (int k = 0; k < out; k++) {
        double zk = bias[k];
        for (int j = 0; j < in; j++) {
          zk += w[k * in + j] * xi[j];
        }
        assertEquals(expected[k], zk, 1e-12, "weights() and bias() give the same map");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void withZeroScalesTheLayerIsThePlainLinearLayer(int h) {
    Random r = new Random(5);
    int in = 5;
    int out = 4;
    int b = 7;
    HyperLinear hyper = new HyperLinear(in, out, h, 0);
    HyperLinear plain = new HyperLinear(in, out, 0, 0);
    double[] phi = gaussian(r, hyper.parameterCount(), 1);
    java.util.Arrays.fill(phi, 2 * out * (in + 1), phi.length, 0.0); // V = C = 0
    double[] x = gaussian(r, b * in, 1);
    double[] lambda = gaussian(r, b * h, 3);
    Tape tape = new Tape();
    double[] z = hyper.apply(tape.constant(phi), tape.constant(x, Shape.matrix(b, in)),
        tape.constant(lambda, Shape.matrix(b, h))).value();
    double[] plainPhi = java.util.Arrays.copyOf(phi, plain.parameterCount());
    double[] zPlain = plain.apply(tape.constant(plainPhi), tape.constant(x, Shape.matrix(b, in)), null).value();
    for (int i = 0; i < b; i++) {
      for (int k = 0; k < out; k++) {
        double expected = phi[out * in + k];
        for (int j = 0; j < in; j++) {
          expected += phi[k * in + j] * x[i * in + j];
        }
        assertEquals(expected, z[i * out + k], 1e-12);
        assertEquals(expected, zPlain[i * out + k], 1e-12);
      }
    }
    assertEquals(out * (in + 1), plain.parameterCount());
    assertEquals(2 * out * (in + 1) + 2 * out * h, hyper.parameterCount());
  }

  /** Σ W ⊙ f(inputs) with a fixed random W, so the second-order checks see a scalar. */
  private static TensorFunction weighted(TensorFunction f, int outputs, long seed) {
    double[] w = gaussian(new Random(seed), outputs, 1);
    return in -> {
      Tensor y = f.apply(in);
      return y.flatten().mul(y.tape().constant(w)).sum();
    };
  }

  private static void gradcheck(String what, TensorFunction f, int outputs, double[][] inputs) {
    GradCheckReport first = GradCheck.firstOrder(f, inputs, 3);
    assertTrue(first.passed(FIRST_ORDER_TOLERANCE), what + ", first order: " + first.worst());
    GradCheckReport second = GradCheck.secondOrder(weighted(f, outputs, 4), inputs, 5);
    assertTrue(second.passed(SECOND_ORDER_TOLERANCE), what + ", second order: " + second.worst());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void layerAndPenaltyDerivativesInPhiInputsAndLambda(int h) {
    Random r = new Random(21);
    int in = 3;
    int out = 2;
    int b = 4;
    HyperLinear layer = new HyperLinear(in, out, h, 0);
    double[][] inputs = {gaussian(r, layer.parameterCount(), 0.7), gaussian(r, b * in, 1), gaussian(r, b * h, 1)};
    gradcheck("HyperLinear.apply (per-example scaling)", x -> layer.apply(x[0], x[1].reshape(b, in),
        x[2].reshape(b, h)), b * out, inputs);
    gradcheck("HyperLinear.squaredWeightNorms", x -> layer.squaredWeightNorms(x[0], x[2].reshape(b, h)), b, inputs);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TANH", "RELU"})
  void networkWithFixedDropoutMasksDerivatives(String activation) {
    Random r = new Random(8);
    int b = 3;
    HyperMlp net = HyperMlp.builder(4, 2).hidden(5).activation(Activation.valueOf(activation)).outputs(3);
    double[][] masks = {mask(r, b * 4, 0.3), mask(r, b * 5, 0.5)};
    double[] phi = gaussian(r, net.parameterCount(), 0.5);
    double[][] inputs = {phi, gaussian(r, b * 4, 1), gaussian(r, b * 2, 1)};
    TensorFunction f = x -> net.forward(x[0], x[1].reshape(b, 4), x[2].reshape(b, 2), masks);
    if (activation.equals("RELU")) { // no hidden pre-activation within a difference step of the kink
      assertTrue(awayFromKinks(net, inputs, masks, b), "test point too close to a ReLU kink");
    }
    gradcheck("HyperMlp.forward with fixed dropout masks, " + activation, f, b * 3, inputs);
    int[] labels = {0, 2, 1};
    gradcheck("softmax cross-entropy of the network", x -> f.apply(x).softmaxCrossEntropy(labels), 1, inputs);
  }

  private static boolean awayFromKinks(HyperMlp net, double[][] inputs, double[][] masks, int b) {
    Tape tape = new Tape();
    Tensor z = net.layer(0).apply(tape.constant(inputs[0]), tape.constant(inputs[1], Shape.matrix(b, 4))
        .maskMultiply(masks[0]), tape.constant(inputs[2], Shape.matrix(b, 2)));
    for (double v : z.value()) {
      if (Math.abs(v) < 1e-3) {
        return false;
      }
    }
    return true;
  }

  private static double[] mask(Random r, int n, double rate) {
    double[] m = new double[n];
    for (int i = 0; i < n; i++) {
      m[i] = r.nextDouble() < rate ? 0 : 1 / (1 - rate);
    }
    return m;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void perturbationAndEntropyDerivatives(int h) {
    Random r = new Random(31);
    int b = 4;
    double[] mask = new double[h];
    java.util.Arrays.fill(mask, 1.0);
    if (h > 1) {
      mask[1] = 0; // a discrete column: no noise, a fixed input
    }
    double[] eps = gaussian(r, b * h, 1);
    double[] fixed = new double[b * h];
    for (int i = 0; i < b * h; i++) {
      eps[i] *= mask[i % h];
      fixed[i] = mask[i % h] == 0 ? r.nextDouble() : 0;
    }
    double[][] inputs = {gaussian(r, h, 1), gaussian(r, h, 0.5)};
    gradcheck("GaussianPerturbation.perturbed", x -> GaussianPerturbation.perturbed(x[0].reshape(1, h),
        x[1].reshape(1, h), eps, mask, fixed), b * h, inputs);
    gradcheck("GaussianPerturbation.entropy", x -> GaussianPerturbation.entropy(x[1].reshape(1, h), mask), 1, inputs);
    double[] sigma = new double[h];
    for (int j = 0; j < h; j++) {
      sigma[j] = Math.exp(inputs[1][j]);
    }
    Tape tape = new Tape();
    double[] continuous = h > 1 ? new double[] {sigma[0], sigma[2]} : sigma;
    assertEquals(GaussianPerturbation.entropy(continuous),
        GaussianPerturbation.entropy(tape.constant(inputs[1], Shape.matrix(1, h)), mask).item(), 1e-12);
  }
}
