package io.github.hypergrad4j.linalg.internal;

/**
 * The element-wise transcendental functions (exp, log, log1p, tanh, σ, softplus) as plain loops
 * over {@link Math}, whose results are the same whether the code is interpreted or compiled: the
 * plain-Java implementation, and the SIMD one for log, log1p, softplus and for the tails of
 * vectors (the SIMD path has its own deterministic exp, tanh and σ in {@code VectorMath}). The
 * Vector API's lane-wise EXP, LOG, TANH, … are not used: their compiled and interpreted forms
 * round differently, so a loop calling them returns different bits once the JIT has compiled it.
 */
public final class TranscendentalMaps {

  private TranscendentalMaps() {}

  /** out[outOff+i] = f(x[xOff+i]), the definitions of {@link ElementwiseFunction#apply}. */
  public static void map(ElementwiseFunction f, int n, double[] x, int xOff, double[] out, int outOff) {
    switch (f) {
      case EXP -> {
        for (int i = 0; i < n; i++) {
          out[outOff + i] = Math.exp(x[xOff + i]);
        }
      }
      case LOG -> {
        for (int i = 0; i < n; i++) {
          out[outOff + i] = Math.log(x[xOff + i]);
        }
      }
      case LOG1P -> {
        for (int i = 0; i < n; i++) {
          out[outOff + i] = Math.log1p(x[xOff + i]);
        }
      }
      case TANH -> {
        for (int i = 0; i < n; i++) {
          out[outOff + i] = Math.tanh(x[xOff + i]);
        }
      }
      case SIGMOID, SOFTPLUS -> {
        for (int i = 0; i < n; i++) {
          out[outOff + i] = f.apply(x[xOff + i]);
        }
      }
    }
  }
}
