package io.github.hypergrad4j.linalg.simd;

import io.github.hypergrad4j.linalg.internal.Backend;
import io.github.hypergrad4j.linalg.internal.ElementwiseFunction;
import io.github.hypergrad4j.linalg.internal.ElementwiseOp;
import io.github.hypergrad4j.linalg.internal.GemmMicroKernel;
import io.github.hypergrad4j.linalg.internal.TranscendentalMaps;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels on {@code DoubleVector} of the preferred species: a main loop over whole vectors
 * up to {@code loopBound}, then a scalar tail. Reductions keep four vector accumulators (four
 * independent dependency chains hide the latency of the fused multiply-add) and combine them
 * once at the end, so their rounding differs from the plain-Java order by O(n·ε·Σ|terms|).
 */
public final class SimdBackend implements Backend {

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private final GemmMicroKernel microKernel = new SimdMicroKernel();

  @Override
  public String name() {
    return "simd (" + S.vectorBitSize() + "-bit, " + L + " lanes)";
  }

  @Override
  public double dot(int n, double[] x, int xOff, double[] y, int yOff) {
    DoubleVector s0 = DoubleVector.zero(S);
    DoubleVector s1 = s0, s2 = s0, s3 = s0;
    int i = 0;
    int bound4 = n - n % (4 * L);
    for (; i < bound4; i += 4 * L) {
      s0 = DoubleVector.fromArray(S, x, xOff + i).fma(DoubleVector.fromArray(S, y, yOff + i), s0);
      s1 = DoubleVector.fromArray(S, x, xOff + i + L)
          .fma(DoubleVector.fromArray(S, y, yOff + i + L), s1);
      s2 = DoubleVector.fromArray(S, x, xOff + i + 2 * L)
          .fma(DoubleVector.fromArray(S, y, yOff + i + 2 * L), s2);
      s3 = DoubleVector.fromArray(S, x, xOff + i + 3 * L)
          .fma(DoubleVector.fromArray(S, y, yOff + i + 3 * L), s3);
    }
    for (int bound = S.loopBound(n); i < bound; i += L) {
      s0 = DoubleVector.fromArray(S, x, xOff + i).fma(DoubleVector.fromArray(S, y, yOff + i), s0);
    }
    double s = Lanes.sum(s0.add(s1).add(s2.add(s3)));
    for (; i < n; i++) {
      s += x[xOff + i] * y[yOff + i];
    }
    return s;
  }

  @Override
  public void axpy(int n, double a, double[] x, int xOff, double[] y, int yOff) {
    DoubleVector av = DoubleVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector.fromArray(S, x, xOff + i)
          .fma(av, DoubleVector.fromArray(S, y, yOff + i))
          .intoArray(y, yOff + i);
    }
    for (; i < n; i++) {
      y[yOff + i] += a * x[xOff + i];
    }
  }

  @Override
  public void scal(int n, double a, double[] x, int off) {
    DoubleVector av = DoubleVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector.fromArray(S, x, off + i).mul(av).intoArray(x, off + i);
    }
    for (; i < n; i++) {
      x[off + i] *= a;
    }
  }

  @Override
  public double sumOfScaledSquares(int n, double[] x, int off, double s) {
    DoubleVector sv = DoubleVector.broadcast(S, s);
    DoubleVector s0 = DoubleVector.zero(S);
    DoubleVector s1 = s0, s2 = s0, s3 = s0;
    int i = 0;
    int bound4 = n - n % (4 * L);
    for (; i < bound4; i += 4 * L) {
      DoubleVector v0 = DoubleVector.fromArray(S, x, off + i).mul(sv);
      DoubleVector v1 = DoubleVector.fromArray(S, x, off + i + L).mul(sv);
      DoubleVector v2 = DoubleVector.fromArray(S, x, off + i + 2 * L).mul(sv);
      DoubleVector v3 = DoubleVector.fromArray(S, x, off + i + 3 * L).mul(sv);
      s0 = v0.fma(v0, s0);
      s1 = v1.fma(v1, s1);
      s2 = v2.fma(v2, s2);
      s3 = v3.fma(v3, s3);
    }
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector v = DoubleVector.fromArray(S, x, off + i).mul(sv);
      s0 = v.fma(v, s0);
    }
    double sum = Lanes.sum(s0.add(s1).add(s2.add(s3)));
    for (; i < n; i++) {
      double v = s * x[off + i];
      sum += v * v;
    }
    return sum;
  }

  @Override
  public double sum(int n, double[] x, int off) {
    DoubleVector s0 = DoubleVector.zero(S);
    DoubleVector s1 = s0, s2 = s0, s3 = s0;
    int i = 0;
    int bound4 = n - n % (4 * L);
    for (; i < bound4; i += 4 * L) {
      s0 = s0.add(DoubleVector.fromArray(S, x, off + i));
      s1 = s1.add(DoubleVector.fromArray(S, x, off + i + L));
      s2 = s2.add(DoubleVector.fromArray(S, x, off + i + 2 * L));
      s3 = s3.add(DoubleVector.fromArray(S, x, off + i + 3 * L));
    }
    for (int bound = S.loopBound(n); i < bound; i += L) {
      s0 = s0.add(DoubleVector.fromArray(S, x, off + i));
    }
    double sum = Lanes.sum(s0.add(s1).add(s2.add(s3)));
    for (; i < n; i++) {
      sum += x[off + i];
    }
    return sum;
  }

  @Override
  public double maxAbs(int n, double[] x, int off) {
    DoubleVector m0 = DoubleVector.zero(S);
    DoubleVector m1 = m0;
    int i = 0;
    int bound2 = n - n % (2 * L);
    for (; i < bound2; i += 2 * L) {
      m0 = m0.max(DoubleVector.fromArray(S, x, off + i).abs());
      m1 = m1.max(DoubleVector.fromArray(S, x, off + i + L).abs());
    }
    for (int bound = S.loopBound(n); i < bound; i += L) {
      m0 = m0.max(DoubleVector.fromArray(S, x, off + i).abs());
    }
    double m = m0.max(m1).reduceLanes(VectorOperators.MAX);
    for (; i < n; i++) {
      m = Math.max(m, Math.abs(x[off + i]));
    }
    return m;
  }

  @Override
  public void elementwise(
      ElementwiseOp op, int n, double[] x, int xOff, double[] y, int yOff, double[] out, int outOff) {
    int bound = S.loopBound(n);
    int i = 0;
    switch (op) {
      case ADD -> {
        for (; i < bound; i += L) {
          DoubleVector.fromArray(S, x, xOff + i).add(DoubleVector.fromArray(S, y, yOff + i))
              .intoArray(out, outOff + i);
        }
      }
      case SUBTRACT -> {
        for (; i < bound; i += L) {
          DoubleVector.fromArray(S, x, xOff + i).sub(DoubleVector.fromArray(S, y, yOff + i))
              .intoArray(out, outOff + i);
        }
      }
      case MULTIPLY -> {
        for (; i < bound; i += L) {
          DoubleVector.fromArray(S, x, xOff + i).mul(DoubleVector.fromArray(S, y, yOff + i))
              .intoArray(out, outOff + i);
        }
      }
      case DIVIDE -> {
        for (; i < bound; i += L) {
          DoubleVector.fromArray(S, x, xOff + i).div(DoubleVector.fromArray(S, y, yOff + i))
              .intoArray(out, outOff + i);
        }
      }
    }
    for (; i < n; i++) {
      out[outOff + i] = op.apply(x[xOff + i], y[yOff + i]);
    }
  }

  @Override
  public void map(ElementwiseFunction f, int n, double[] x, int xOff, double[] out, int outOff) {
    int i = 0;
    int bound = S.loopBound(n);
    switch (f) {
      case EXP -> {
        for (; i < bound; i += L) {
          VectorMath.exp(x, xOff + i, out, outOff + i);
        }
      }
      case TANH -> {
        for (; i < bound; i += L) {
          VectorMath.tanh(x, xOff + i, out, outOff + i);
        }
      }
      case SIGMOID -> {
        for (; i < bound; i += L) {
          VectorMath.sigmoid(x, xOff + i, out, outOff + i);
        }
      }
      default -> {
        // log, log1p, softplus: Math (see TranscendentalMaps)
      }
    }
    TranscendentalMaps.map(f, n - i, x, xOff + i, out, outOff + i);
  }

  @Override
  public void gemvPairRows(
      int from, int to, int n, double alpha, double[] a, double[] x1, double[] x2, double beta,
      double[] y1, double[] y2) {
    MultiVectorProducts.twoColumns(from, to, n, alpha, a, x1, 0, x2, 0, beta, y1, 0, y2, 0, 1);
  }

  @Override
  public void gemvTransposedPairRange(
      int m, int n, int from, int to, double alpha, double[] a, double[] x1, double[] x2, double beta,
      double[] y1, double[] y2) {
    MatrixVectorProducts.gemvTransposedPair(m, n, from, to, alpha, a, x1, x2, beta, y1, y2, this);
  }

  @Override
  public void gemvColumnsRows(
      int from, int to, int k, int cols, double alpha, double[] a, double[] b, double beta, double[] c) {
    MultiVectorProducts.gemvColumns(from, to, k, cols, alpha, a, b, beta, c);
  }

  @Override
  public void gemvTransposedColumnsRange(
      int k, int m, int from, int to, int cols, double alpha, double[] a, double[] b, double beta, double[] c) {
    MultiVectorProducts.gemvTransposedColumns(k, m, from, to, cols, alpha, a, b, beta, c);
  }

  @Override
  public void gemvRows(int from, int to, int n, double alpha, double[] a, double[] x, double beta, double[] y) {
    MatrixVectorProducts.gemv(from, to, n, alpha, a, x, beta, y);
  }

  @Override
  public void gemvTransposedRange(
      int m, int n, int from, int to, double alpha, double[] a, double[] x, double beta, double[] y) {
    MatrixVectorProducts.gemvTransposed(m, n, from, to, alpha, a, x, beta, y, this);
  }

  @Override
  public void rankOneUpdate(int m, int n, double alpha, double[] x, double[] y, double[] a) {
    for (int i = 0; i < m; i++) {
      axpy(n, alpha * x[i], y, 0, a, i * n);
    }
  }

  @Override
  public GemmMicroKernel gemmMicroKernel() {
    return microKernel;
  }
}
