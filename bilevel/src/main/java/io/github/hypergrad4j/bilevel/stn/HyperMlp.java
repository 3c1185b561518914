package io.github.hypergrad4j.bilevel.stn;

import io.github.hypergrad4j.autodiff.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A multilayer perceptron of {@link HyperLinear} layers — a Self-Tuning Network when it responds
 * to h ≥ 1 hyperparameters, a plain MLP of the same shape when h = 0:
 *
 * <pre>
 *   a₀ = x ⊙ m₀,   a_l = act(z_{l−1}) ⊙ m_l,   z_l = HyperLinear_l(a_l; λ)   (l = 0 … L−1)
 * </pre>
 *
 * with the output z_{L−1} (logits, or predictions for regression) left linear, and m_l an
 * optional dropout mask on the input of layer l (entries 0 or 1/(1 − p), fixed for the pass;
 * m₀ is input dropout). All layers see the same per-example hyperparameter inputs λ_i.
 *
 * <pre>{@code
 * HyperMlp net = HyperMlp.builder(64, 3).hidden(50).hidden(50).activation(Activation.RELU).outputs(10);
 * double[] phi = net.initialParameters(7);
 * }</pre>
 *
 * <p>Parameters: the layers' in order, one flat vector φ of {@link #parameterCount()} entries.
 * Cost: the sum of the layers' (see {@link HyperLinear}); the masks cost one product each.
 */
public final class HyperMlp {

  private final List<HyperLinear> layers;
  private final int hyperInputs;
  private final Activation activation;

  private HyperMlp(List<HyperLinear> layers, int hyperInputs, Activation activation) {
    this.layers = List.copyOf(layers);
    this.hyperInputs = hyperInputs;
    this.activation = activation;
  }

  /**
   * A builder for a network of {@code inputs} input units responding to {@code hyperInputs}
   * hyperparameters (0 for a plain network).
   *
   * @throws IllegalArgumentException unless inputs ≥ 1 and hyperInputs ≥ 0
   */
  public static Builder builder(int inputs, int hyperInputs) {
    return new Builder(Check.atLeast("HyperMlp", "inputs", inputs, 1),
        Check.atLeast("HyperMlp", "hyperInputs", hyperInputs, 0));
  }

  /** The same architecture without the hypernetwork (h = 0): the plain network to compare with. */
  public HyperMlp plain() {
    Builder b = builder(inputs(), 0).activation(activation);
    for (int l = 0; l + 1 < layers.size(); l++) {
      b.hidden(layers.get(l).outputs());
    }
    return b.outputs(outputs());
  }

  /** Number of layers L (hidden layers + 1). */
  public int layerCount() {
    return layers.size();
  }

  /** Layer l, 0 ≤ l &lt; L. */
  public HyperLinear layer(int l) {
    if (l < 0 || l >= layers.size()) {
      throw new IllegalArgumentException("HyperMlp: layer must be in [0, " + layers.size() + "), got " + l);
    }
    return layers.get(l);
  }

  /** Input units. */
  public int inputs() {
    return layers.get(0).inputs();
  }

  /** Output units. */
  public int outputs() {
    return layers.get(layers.size() - 1).outputs();
  }

  /** Hyperparameters the network responds to (0: plain). */
  public int hyperInputs() {
    return hyperInputs;
  }

  /** The hidden layers' activation. */
  public Activation activation() {
    return activation;
  }

  /** Length of φ. */
  public int parameterCount() {
    HyperLinear last = layers.get(layers.size() - 1);
    return last.offset() + last.parameterCount();
  }

  /** A seeded initial φ (see {@link HyperLinear}: Glorot-uniform weights, zero biases, V, C). */
  public double[] initialParameters(long seed) {
    double[] phi = new double[parameterCount()];
    SplittableRandom random = new SplittableRandom(seed);
    for (HyperLinear layer : layers) {
      layer.initialise(phi, random);
    }
    return phi;
  }

  /**
   * The outputs (B × outputs) of a batch x (B × inputs) with hyperparameter inputs {@code lambda}
   * (B × h, or a 1 × h row shared by the batch; null for a plain network) and optional dropout
   * masks: {@code masks} is null or holds, per layer l, null or a constant mask of B × in_l
   * entries for that layer's input.
   *
   * @throws IllegalArgumentException if a mask has the wrong length or there are more masks than
   *     layers
   */
  public Tensor forward(Tensor phi, Tensor x, Tensor lambda, double[][] masks) {
    if (masks != null && masks.length > layers.size()) {
      throw new IllegalArgumentException("HyperMlp: " + masks.length + " masks for " + layers.size() + " layers");
    }
    Tensor a = x;
    for (int l = 0; l < layers.size(); l++) {
      if (l > 0) {
        a = activation.apply(a);
      }
      if (masks != null && l < masks.length && masks[l] != null) {
        a = a.maskMultiply(masks[l]);
      }
      a = layers.get(l).apply(phi, a, lambda);
    }
    return a;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(hyperInputs == 0 ? "MLP " : "STN ").append(inputs());
    for (HyperLinear layer : layers) {
      s.append('-').append(layer.outputs());
    }
    s.append(" (").append(activation.name().toLowerCase(java.util.Locale.ROOT)).append(", ")
        .append(parameterCount()).append(" parameters");
    return s.append(hyperInputs == 0 ? ")" : ", " + hyperInputs + " hyperparameters)").toString();
  }

  /** Stacks layers: {@link #hidden} any number of times, then {@link #outputs}. */
  public static final class Builder {
    private final int hyperInputs;
    private final List<Integer> widths = new ArrayList<>();
    private Activation activation = Activation.TANH;

    private Builder(int inputs, int hyperInputs) {
      this.hyperInputs = hyperInputs;
      widths.add(inputs);
    }

    /** Adds a hidden layer of {@code width} ≥ 1 units. */
    public Builder hidden(int width) {
      widths.add(Check.atLeast("HyperMlp", "hidden width", width, 1));
      return this;
    }

    /** The hidden layers' activation (default tanh). */
    public Builder activation(Activation a) {
      this.activation = Check.notNull("HyperMlp", "activation", a);
      return this;
    }

    /** Adds the linear output layer of {@code width} ≥ 1 units and builds the network. */
    public HyperMlp outputs(int width) {
      widths.add(Check.atLeast("HyperMlp", "output width", width, 1));
      List<HyperLinear> layers = new ArrayList<>();
      int offset = 0;
      for (int l = 0; l + 1 < widths.size(); l++) {
        HyperLinear layer = new HyperLinear(widths.get(l), widths.get(l + 1), hyperInputs, offset);
        layers.add(layer);
        offset += layer.parameterCount();
      }
      widths.remove(widths.size() - 1); // the builder stays usable
      return new HyperMlp(layers, hyperInputs, activation);
    }
  }
}
