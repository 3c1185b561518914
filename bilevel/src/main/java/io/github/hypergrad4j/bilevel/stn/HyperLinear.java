package io.github.hypergrad4j.bilevel.stn;

import io.github.hypergrad4j.autodiff.Tensor;
import java.util.SplittableRandom;

/**
 * A fully connected layer whose weights are a structured local best response to h
 * hyperparameters (MacKay et al. 2019, §4.2):
 *
 * <pre>
 *   Ŵ(λ) = W_elem + (Vλ) ⊙_row W_hyper,        b̂(λ) = b_elem + (Cλ) ⊙ b_hyper
 * </pre>
 *
 * where (Vλ) ⊙_row scales row r of W_hyper by (Vλ)_r, V and C being out × h. The weights are never
 * formed per example: the layer works on pre-activations, with a <b>different λ_i for every
 * example</b> i of a mini-batch,
 *
 * <pre>
 *   z_i = W_elem x_i + b_elem + (Vλ_i) ⊙ (W_hyper x_i) + (Cλ_i) ⊙ b_hyper   (= Ŵ(λ_i) x_i + b̂(λ_i))
 *   Z   = X W_elemᵀ + b_elem + (Λ Vᵀ) ⊙ (X W_hyperᵀ) + (Λ Cᵀ) ⊙ b_hyper      (X: B × in, Λ: B × h)
 * </pre>
 *
 * with the bias rows broadcast over the batch. The L2 penalty of the weights at λ_i needs only
 * row statistics, with s = Vλ_i, a_r = ‖W_elem,r‖², c_r = ⟨W_elem,r, W_hyper,r⟩, d_r =
 * ‖W_hyper,r‖²:
 *
 * <pre>
 *   ‖Ŵ(λ_i)‖² = Σ_r (W_elem,r + s_r W_hyper,r)² = Σ_r a_r + 2 Σ_r s_r c_r + Σ_r s_r² d_r
 * </pre>
 *
 * <p><b>Parameters</b>, stored in this order at {@link #offset()} of the network's flat vector φ:
 * W_elem (out × in, row-major), b_elem (out), W_hyper (out × in), b_hyper (out), V (out × h), C
 * (out × h): 2·out·(in + 1) + 2·out·h in all, about twice a plain layer's out·(in + 1). A layer
 * with h = 0 is a plain layer (W_elem and b_elem only).
 *
 * <p><b>Cost</b> for a batch of B: 2·B·in·out + 2·B·h·out multiply-adds forward (a plain layer:
 * B·in·out), about twice that backward; the penalty 2·out·in + 2·B·h·out.
 *
 * <p>Reference: M. MacKay, P. Vicol, J. Lorraine, D. Duvenaud, R. Grosse, "Self-Tuning Networks:
 * bilevel optimization of hyperparameters using structured best-response functions", ICLR 2019.
 */
public final class HyperLinear {

  private final int inputs;
  private final int outputs;
  private final int hyperInputs;
  private final int offset;

  /**
   * A layer from {@code inputs} to {@code outputs} units with {@code hyperInputs} hyperparameters
   * (0 for a plain layer), its parameters starting at {@code offset} of φ.
   *
   * @throws IllegalArgumentException unless inputs, outputs ≥ 1 and hyperInputs, offset ≥ 0
   */
  public HyperLinear(int inputs, int outputs, int hyperInputs, int offset) {
    this.inputs = Check.atLeast("HyperLinear", "inputs", inputs, 1);
    this.outputs = Check.atLeast("HyperLinear", "outputs", outputs, 1);
    this.hyperInputs = Check.atLeast("HyperLinear", "hyperInputs", hyperInputs, 0);
    this.offset = Check.atLeast("HyperLinear", "offset", offset, 0);
  }

  /** Input units. */
  public int inputs() {
    return inputs;
  }

  /** Output units. */
  public int outputs() {
    return outputs;
  }

  /** Hyperparameters this layer responds to (0: a plain layer). */
  public int hyperInputs() {
    return hyperInputs;
  }

  /** Where the layer's parameters start in φ. */
  public int offset() {
    return offset;
  }

  /** Number of parameters: 2·out·(in + 1) + 2·out·h, or out·(in + 1) for a plain layer. */
  public int parameterCount() {
    int plain = outputs * (inputs + 1);
    return hyperInputs == 0 ? plain : 2 * plain + 2 * outputs * hyperInputs;
  }

  /**
   * The pre-activations Z (B × out) of a batch x (B × in) whose examples have the hyperparameter
   * inputs {@code lambda} (B × h; ignored, and may be null, for a plain layer). All three tensors
   * are on one tape; any of them may be a variable.
   *
   * @throws IllegalArgumentException if the shapes do not fit the layer (the tensor operations
   *     name the shapes)
   */
  public Tensor apply(Tensor phi, Tensor x, Tensor lambda) {
    Tensor z = x.matmulTranspose(block(phi, 0, outputs, inputs)).add(vectorBlock(phi, 1));
    if (hyperInputs == 0) {
      return z;
    }
    checkLambda(lambda);
    Tensor hyper = x.matmulTranspose(block(phi, 2, outputs, inputs));
    Tensor weightScale = lambda.matmulTranspose(block(phi, 4, outputs, hyperInputs));
    Tensor biasScale = lambda.matmulTranspose(block(phi, 5, outputs, hyperInputs));
    return z.add(weightScale.mul(hyper)).add(biasScale.mul(vectorBlock(phi, 3)));
  }

  /**
   * ‖Ŵ(λ_i)‖² for every example: a vector of B entries, or for a plain layer the scalar ‖W_elem‖²
   * (which broadcasts against any batch).
   */
  public Tensor squaredWeightNorms(Tensor phi, Tensor lambda) {
    Tensor elem = block(phi, 0, outputs, inputs);
    if (hyperInputs == 0) {
      return elem.squaredNorm();
    }
    checkLambda(lambda);
    Tensor hyper = block(phi, 2, outputs, inputs);
    Tensor s = lambda.matmulTranspose(block(phi, 4, outputs, hyperInputs));
    Tensor cross = elem.mul(hyper).sumRows().scale(2.0);
    return s.matmul(cross).add(s.square().matmul(hyper.square().sumRows())).add(elem.squaredNorm());
  }

  /**
   * The effective weights Ŵ(λ) (out × in, row-major) at one hyperparameter input λ of length h
   * (null for a plain layer), read from φ: for inspection and reports.
   */
  public double[] weights(double[] phi, double[] lambda) {
    double[] w = new double[outputs * inputs];
    System.arraycopy(phi, start(0), w, 0, w.length);
    if (hyperInputs > 0) {
      double[] s = rowScales(phi, 4, lambda);
      int hyper = start(2);
      for (int r = 0; r < outputs; r++) {
        for (int j = 0; j < inputs; j++) {
          w[r * inputs + j] += s[r] * phi[hyper + r * inputs + j];
        }
      }
    }
    return w;
  }

  /** The effective bias b̂(λ) (out) at one hyperparameter input λ (null for a plain layer). */
  public double[] bias(double[] phi, double[] lambda) {
    double[] b = new double[outputs];
    System.arraycopy(phi, start(1), b, 0, outputs);
    if (hyperInputs > 0) {
      double[] s = rowScales(phi, 5, lambda);
      for (int r = 0; r < outputs; r++) {
        b[r] += s[r] * phi[start(3) + r];
      }
    }
    return b;
  }

  /**
   * Fills the layer's part of φ: W_elem and W_hyper uniform in ±√(6 / (in + out)) (Glorot and
   * Bengio 2010), biases, V and C zero, so that Ŵ(λ) = W_elem for every λ at the start and the
   * response to λ is learned.
   */
  void initialise(double[] phi, SplittableRandom random) {
    double a = Math.sqrt(6.0 / (inputs + outputs));
    for (int block : hyperInputs == 0 ? new int[] {0} : new int[] {0, 2}) {
      int from = start(block);
      for (int k = 0; k < outputs * inputs; k++) {
        phi[from + k] = a * (2 * random.nextDouble() - 1);
      }
    }
  }

  private void checkLambda(Tensor lambda) {
    if (lambda == null || lambda.shape().cols() != hyperInputs) {
      throw new IllegalArgumentException("HyperLinear: the layer responds to " + hyperInputs
          + " hyperparameters; lambda must be B x " + hyperInputs + " (or 1 x " + hyperInputs + "), got "
          + (lambda == null ? "null" : lambda.shape()));
    }
  }

  /** Vλ (block 4) or Cλ (block 5) for one λ. */
  private double[] rowScales(double[] phi, int block, double[] lambda) {
    Check.finite("HyperLinear", "lambda", lambda, hyperInputs);
    double[] s = new double[outputs];
    int from = start(block);
    for (int r = 0; r < outputs; r++) {
      for (int k = 0; k < hyperInputs; k++) {
        s[r] += phi[from + r * hyperInputs + k] * lambda[k];
      }
    }
    return s;
  }

  /** Matrix block 0, 2, 4 or 5 (W_elem, W_hyper, V, C) of φ as a rows × cols tensor. */
  private Tensor block(Tensor phi, int which, int rows, int cols) {
    int from = start(which);
    return phi.slice(from, from + rows * cols).reshape(rows, cols);
  }

  /** Bias block 1 or 3 (b_elem, b_hyper) of φ as a vector. */
  private Tensor vectorBlock(Tensor phi, int which) {
    int from = start(which);
    return phi.slice(from, from + outputs);
  }

  /** The start in φ of block 0…5. */
  private int start(int which) {
    int w = outputs * inputs;
    int[] sizes = {w, outputs, w, outputs, outputs * hyperInputs, outputs * hyperInputs};
    int at = offset;
    for (int k = 0; k < which; k++) {
      at += sizes[k];
    }
    return at;
  }
}
