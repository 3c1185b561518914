package io.github.hypergrad4j.autodiff;

/**
 * A function of tensors written with the operations of {@link Tensor}, for example a training
 * loss f(θ, λ). It receives one tensor per input (vectors: reshape inside as needed) and returns
 * its result; data enter as constants made on the inputs' tape ({@code in[0].tape().constant(…)}).
 *
 * <pre>{@code
 * TensorFunction loss = in -> {
 *   Tensor w = in[0], lambda = in[1];
 *   Tensor x = w.tape().constant(features, Shape.matrix(n, d));
 *   Tensor data = x.matmul(w).binaryCrossEntropyWithLogits(labels);
 *   return data.add(lambda.mul(w.square()).sum().scale(0.5));
 * };
 * }</pre>
 *
 * The function must be deterministic and must not keep tensors between calls: {@link
 * Derivatives} calls it once per evaluation, each time on a fresh tape.
 */
@FunctionalInterface
public interface TensorFunction {

  /** Builds the result from the inputs on their tape. */
  Tensor apply(Tensor... inputs);
}
