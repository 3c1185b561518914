package io.github.hypergrad4j.linalg.simd;

import io.github.hypergrad4j.linalg.internal.ElementwiseFunction;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element-wise transcendental functions on whole vectors: exp, log, log1p and tanh are the Vector
 * API's lane-wise operators (on x86 the JDK compiles them to its vector math library, accurate to
 * about an ulp), σ and softplus are composed from them in their overflow-free forms (see {@link
 * ElementwiseFunction}). Tails shorter than a vector use the scalar definitions.
 */
final class ElementwiseMaps {

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private ElementwiseMaps() {}

  static void map(ElementwiseFunction f, int n, double[] x, int xOff, double[] out, int outOff) {
    int bound = S.loopBound(n);
    int i = 0;
    switch (f) {
      case EXP -> {
        for (; i < bound; i += L) {
          DoubleVector.fromArray(S, x, xOff + i).lanewise(VectorOperators.EXP).intoArray(out, outOff + i);
        }
      }
      case LOG -> {
        for (; i < bound; i += L) {
          DoubleVector.fromArray(S, x, xOff + i).lanewise(VectorOperators.LOG).intoArray(out, outOff + i);
        }
      }
      case LOG1P -> {
        for (; i < bound; i += L) {
          DoubleVector.fromArray(S, x, xOff + i).lanewise(VectorOperators.LOG1P).intoArray(out, outOff + i);
        }
      }
      case TANH -> {
        for (; i < bound; i += L) {
          DoubleVector.fromArray(S, x, xOff + i).lanewise(VectorOperators.TANH).intoArray(out, outOff + i);
        }
      }
      case SIGMOID -> {
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (; i < bound; i += L) {
          DoubleVector v = DoubleVector.fromArray(S, x, xOff + i);
          DoubleVector e = v.abs().neg().lanewise(VectorOperators.EXP); // e^{-|x|} in (0, 1]
          DoubleVector r = one.div(one.add(e));
          VectorMask<Double> negative = v.compare(VectorOperators.LT, 0.0);
          r.blend(e.mul(r), negative).intoArray(out, outOff + i);
        }
      }
      case SOFTPLUS -> {
        for (; i < bound; i += L) {
          DoubleVector v = DoubleVector.fromArray(S, x, xOff + i);
          DoubleVector e = v.abs().neg().lanewise(VectorOperators.EXP);
          v.max(0.0).add(e.lanewise(VectorOperators.LOG1P)).intoArray(out, outOff + i);
        }
      }
    }
    for (; i < n; i++) {
      out[outOff + i] = f.apply(x[xOff + i]);
    }
  }
}
