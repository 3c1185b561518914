package io.github.hypergrad4j.linalg.internal;

/**
 * The element-wise functions of the kernels, out[i] = f(x[i]), with the scalar definition each
 * implementation must agree with (to a few units in the last place: the SIMD path uses the
 * JDK's vector math library). The logistic function and softplus use the forms that cannot
 * overflow: σ(x) = 1/(1 + e^{−x}) for x ≥ 0 and e^{x}/(1 + e^{x}) otherwise, softplus(x) = max(x, 0)
 * + log1p(e^{−|x|}).
 */
public enum ElementwiseFunction {
  EXP,
  LOG,
  LOG1P,
  TANH,
  SIGMOID,
  SOFTPLUS;

  /** The scalar reference. */
  public double apply(double x) {
    return switch (this) {
      case EXP -> Math.exp(x);
      case LOG -> Math.log(x);
      case LOG1P -> Math.log1p(x);
      case TANH -> Math.tanh(x);
      case SIGMOID -> {
        if (x >= 0) {
          yield 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        yield e / (1.0 + e);
      }
      case SOFTPLUS -> Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    };
  }
}
