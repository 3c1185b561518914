package io.github.hypergrad4j.linalg.internal;

/** The binary element-wise operations of the kernels: out[i] = x[i] op y[i]. */
public enum ElementwiseOp {
  ADD,
  SUBTRACT,
  MULTIPLY,
  DIVIDE;

  /** Applies the operation to two scalars (the reference the SIMD lanes must agree with). */
  public double apply(double x, double y) {
    return switch (this) {
      case ADD -> x + y;
      case SUBTRACT -> x - y;
      case MULTIPLY -> x * y;
      case DIVIDE -> x / y;
    };
  }
}
