package io.github.hypergrad4j.bilevel.stn;

import io.github.hypergrad4j.autodiff.Tensor;

/** The element-wise non-linearity between the layers of a {@link HyperMlp}. */
public enum Activation {
  /** tanh z. */
  TANH,
  /** max(z, 0). */
  RELU;

  /** The activation applied to a tensor of pre-activations. */
  public Tensor apply(Tensor z) {
    return this == TANH ? z.tanh() : z.relu();
  }
}
