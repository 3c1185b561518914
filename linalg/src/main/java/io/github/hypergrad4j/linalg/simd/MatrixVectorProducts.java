package io.github.hypergrad4j.linalg.simd;

import io.github.hypergrad4j.linalg.internal.Backend;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matrix-vector products on the Vector API, four rows of A at a time so that each vector of x (or
 * of y) loaded from memory serves four rows: gemv is bound by reading A once, and this keeps the
 * traffic for x and y at a quarter of it.
 */
final class MatrixVectorProducts {

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private MatrixVectorProducts() {}

  /**
   * Rows [from, to) of y = α·A·x + β·y, A m×n row-major: four dot products sharing each load of
   * x. A row's dot product is the same in a group of four as alone, so any split of the rows gives
   * the same bits.
   */
  static void gemv(int from, int to, int n, double alpha, double[] a, double[] x, double beta, double[] y) {
    int bound = S.loopBound(n);
    int i = from;
    for (; i + 7 < to; i += 8) {
      eightRows(i, n, bound, alpha, a, x, beta, y);
    }
    for (; i + 3 < to; i += 4) {
      int r0 = i * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
      DoubleVector s0 = DoubleVector.zero(S);
      DoubleVector s1 = s0, s2 = s0, s3 = s0;
      int j = 0;
      for (; j < bound; j += L) {
        DoubleVector xv = DoubleVector.fromArray(S, x, j);
        s0 = DoubleVector.fromArray(S, a, r0 + j).fma(xv, s0);
        s1 = DoubleVector.fromArray(S, a, r1 + j).fma(xv, s1);
        s2 = DoubleVector.fromArray(S, a, r2 + j).fma(xv, s2);
        s3 = DoubleVector.fromArray(S, a, r3 + j).fma(xv, s3);
      }
      double d0 = Lanes.sum(s0);
      double d1 = Lanes.sum(s1);
      double d2 = Lanes.sum(s2);
      double d3 = Lanes.sum(s3);
      for (; j < n; j++) {
        double xj = x[j];
        d0 += a[r0 + j] * xj;
        d1 += a[r1 + j] * xj;
        d2 += a[r2 + j] * xj;
        d3 += a[r3 + j] * xj;
      }
      store(y, i, alpha * d0, beta);
      store(y, i + 1, alpha * d1, beta);
      store(y, i + 2, alpha * d2, beta);
      store(y, i + 3, alpha * d3, beta);
    }
    for (; i < to; i++) {
      int r = i * n;
      DoubleVector s = DoubleVector.zero(S);
      int j = 0;
      for (; j < bound; j += L) {
        s = DoubleVector.fromArray(S, a, r + j).fma(DoubleVector.fromArray(S, x, j), s);
      }
      double d = Lanes.sum(s);
      for (; j < n; j++) {
        d += a[r + j] * x[j];
      }
      store(y, i, alpha * d, beta);
    }
  }

  /** Rows i .. i+7 of {@link #gemv}: eight dot products sharing each load of x, each computed as alone. */
  private static void eightRows(int i, int n, int bound, double alpha, double[] a, double[] x, double beta, double[] y) {
    int r0 = i * n;
    DoubleVector s0 = DoubleVector.zero(S);
    DoubleVector s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
    int j = 0;
    for (; j < bound; j += L) {
      DoubleVector xv = DoubleVector.fromArray(S, x, j);
      int o = r0 + j;
      s0 = DoubleVector.fromArray(S, a, o).fma(xv, s0);
      s1 = DoubleVector.fromArray(S, a, o + n).fma(xv, s1);
      s2 = DoubleVector.fromArray(S, a, o + 2 * n).fma(xv, s2);
      s3 = DoubleVector.fromArray(S, a, o + 3 * n).fma(xv, s3);
      s4 = DoubleVector.fromArray(S, a, o + 4 * n).fma(xv, s4);
      s5 = DoubleVector.fromArray(S, a, o + 5 * n).fma(xv, s5);
      s6 = DoubleVector.fromArray(S, a, o + 6 * n).fma(xv, s6);
      s7 = DoubleVector.fromArray(S, a, o + 7 * n).fma(xv, s7);
    }
    double d0 = Lanes.sum(s0), d1 = Lanes.sum(s1), d2 = Lanes.sum(s2), d3 = Lanes.sum(s3);
    double d4 = Lanes.sum(s4), d5 = Lanes.sum(s5), d6 = Lanes.sum(s6), d7 = Lanes.sum(s7);
    // the scalar tail, row by row in column order as alone; eight scalars rather than an array
    // indexed by row, which stays on the heap (about 7 % of gemv at 2000×500 in L3, JDK 25)
    for (; j < n; j++) {
      double xj = x[j];
      int o = r0 + j;
      d0 += a[o] * xj;
      d1 += a[o + n] * xj;
      d2 += a[o + 2 * n] * xj;
      d3 += a[o + 3 * n] * xj;
      d4 += a[o + 4 * n] * xj;
      d5 += a[o + 5 * n] * xj;
      d6 += a[o + 6 * n] * xj;
      d7 += a[o + 7 * n] * xj;
    }
    store(y, i, alpha * d0, beta);
    store(y, i + 1, alpha * d1, beta);
    store(y, i + 2, alpha * d2, beta);
    store(y, i + 3, alpha * d3, beta);
    store(y, i + 4, alpha * d4, beta);
    store(y, i + 5, alpha * d5, beta);
    store(y, i + 6, alpha * d6, beta);
    store(y, i + 7, alpha * d7, beta);
  }

  private static void store(double[] y, int i, double ax, double beta) {
    y[i] = beta == 0.0 ? ax : ax + beta * y[i];
  }

  /**
   * Elements [from, to) of y = α·Aᵀ·x + β·y, A m×n row-major: y is swept once per four rows of A.
   * Columns below loopBound(n) take the vector path and the rest the scalar one, whatever the
   * range, when {@code from} is a multiple of the vector length and {@code to} is one too or n.
   */
  static void gemvTransposed(
      int m, int n, int from, int to, double alpha, double[] a, double[] x, double beta, double[] y, Backend self) {
    scale(from, to, beta, y, self);
    int bound = Math.min(to, S.loopBound(n));
    int tail = Math.max(from, bound);
    int i = 0;
    for (; i + 7 < m; i += 8) {
      transposedEightRows(i, n, from, to, bound, tail, alpha, a, x, y);
    }
    for (; i + 3 < m; i += 4) {
      int r0 = i * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
      double w0 = alpha * x[i], w1 = alpha * x[i + 1], w2 = alpha * x[i + 2], w3 = alpha * x[i + 3];
      DoubleVector v0 = DoubleVector.broadcast(S, w0);
      DoubleVector v1 = DoubleVector.broadcast(S, w1);
      DoubleVector v2 = DoubleVector.broadcast(S, w2);
      DoubleVector v3 = DoubleVector.broadcast(S, w3);
      for (int j = from; j < bound; j += L) {
        DoubleVector acc = DoubleVector.fromArray(S, y, j);
        acc = DoubleVector.fromArray(S, a, r0 + j).fma(v0, acc);
        acc = DoubleVector.fromArray(S, a, r1 + j).fma(v1, acc);
        acc = DoubleVector.fromArray(S, a, r2 + j).fma(v2, acc);
        acc = DoubleVector.fromArray(S, a, r3 + j).fma(v3, acc);
        acc.intoArray(y, j);
      }
      for (int j = tail; j < to; j++) {
        y[j] += w0 * a[r0 + j] + w1 * a[r1 + j] + w2 * a[r2 + j] + w3 * a[r3 + j];
      }
    }
    for (; i < m; i++) {
      self.axpy(to - from, alpha * x[i], a, i * n + from, y, from);
    }
  }

  /**
   * Rows i .. i+7 of A in {@link #gemvTransposed}: y loaded and stored once per eight rows
   * instead of four (half its cache traffic). The lanes chain the same eight fused multiply-adds in
   * the same order as two groups of four (the store in between is exact); the scalar tail adds
   * each group of four as before: bit-identical to groups of four.
   */
  private static void transposedEightRows(
      int i, int n, int from, int to, int bound, int tail, double alpha, double[] a, double[] x, double[] y) {
    int r0 = i * n;
    double[] w = new double[8];
    for (int q = 0; q < 8; q++) {
      w[q] = alpha * x[i + q];
    }
    DoubleVector v0 = DoubleVector.broadcast(S, w[0]), v1 = DoubleVector.broadcast(S, w[1]);
    DoubleVector v2 = DoubleVector.broadcast(S, w[2]), v3 = DoubleVector.broadcast(S, w[3]);
    DoubleVector v4 = DoubleVector.broadcast(S, w[4]), v5 = DoubleVector.broadcast(S, w[5]);
    DoubleVector v6 = DoubleVector.broadcast(S, w[6]), v7 = DoubleVector.broadcast(S, w[7]);
    for (int j = from; j < bound; j += L) {
      int o = r0 + j;
      DoubleVector t = DoubleVector.fromArray(S, y, j);
      t = DoubleVector.fromArray(S, a, o).fma(v0, t);
      t = DoubleVector.fromArray(S, a, o + n).fma(v1, t);
      t = DoubleVector.fromArray(S, a, o + 2 * n).fma(v2, t);
      t = DoubleVector.fromArray(S, a, o + 3 * n).fma(v3, t);
      t = DoubleVector.fromArray(S, a, o + 4 * n).fma(v4, t);
      t = DoubleVector.fromArray(S, a, o + 5 * n).fma(v5, t);
      t = DoubleVector.fromArray(S, a, o + 6 * n).fma(v6, t);
      DoubleVector.fromArray(S, a, o + 7 * n).fma(v7, t).intoArray(y, j);
    }
    for (int g = 0; g < 8; g += 4) {
      int s0 = r0 + g * n, s1 = s0 + n, s2 = s1 + n, s3 = s2 + n;
      for (int j = tail; j < to; j++) {
        y[j] += w[g] * a[s0 + j] + w[g + 1] * a[s1 + j] + w[g + 2] * a[s2 + j] + w[g + 3] * a[s3 + j];
      }
    }
  }

  /**
   * Elements [from, to) of the two products y₁ = α·Aᵀ·x₁ + β·y₁ and y₂ = α·Aᵀ·x₂ + β·y₂, A m×n:
   * each vector of four rows of A loaded once serves both, and each output element is computed
   * exactly as by {@link #gemvTransposed} (same fused multiply-adds in the same order, same
   * scalar tail, the last m mod 4 rows as axpys), so either result is bit-identical to a call of
   * its own. The range rule is that of {@link #gemvTransposed}.
   */
  static void gemvTransposedPair(
      int m, int n, int from, int to, double alpha, double[] a, double[] x1, double[] x2, double beta,
      double[] y1, double[] y2, Backend self) {
    scale(from, to, beta, y1, self);
    scale(from, to, beta, y2, self);
    int bound = Math.min(to, S.loopBound(n));
    int tail = Math.max(from, bound);
    int i = 0;
    for (; i + 7 < m; i += 8) {
      transposedPairEightRows(i, n, from, to, bound, tail, alpha, a, x1, x2, y1, y2);
    }
    for (; i + 3 < m; i += 4) {
      int r0 = i * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
      double w0 = alpha * x1[i], w1 = alpha * x1[i + 1], w2 = alpha * x1[i + 2], w3 = alpha * x1[i + 3];
      double u0 = alpha * x2[i], u1 = alpha * x2[i + 1], u2 = alpha * x2[i + 2], u3 = alpha * x2[i + 3];
      DoubleVector v0 = DoubleVector.broadcast(S, w0);
      DoubleVector v1 = DoubleVector.broadcast(S, w1);
      DoubleVector v2 = DoubleVector.broadcast(S, w2);
      DoubleVector v3 = DoubleVector.broadcast(S, w3);
      DoubleVector q0 = DoubleVector.broadcast(S, u0);
      DoubleVector q1 = DoubleVector.broadcast(S, u1);
      DoubleVector q2 = DoubleVector.broadcast(S, u2);
      DoubleVector q3 = DoubleVector.broadcast(S, u3);
      for (int j = from; j < bound; j += L) {
        DoubleVector a0 = DoubleVector.fromArray(S, a, r0 + j);
        DoubleVector a1 = DoubleVector.fromArray(S, a, r1 + j);
        DoubleVector a2 = DoubleVector.fromArray(S, a, r2 + j);
        DoubleVector a3 = DoubleVector.fromArray(S, a, r3 + j);
        a3.fma(v3, a2.fma(v2, a1.fma(v1, a0.fma(v0, DoubleVector.fromArray(S, y1, j))))).intoArray(y1, j);
        a3.fma(q3, a2.fma(q2, a1.fma(q1, a0.fma(q0, DoubleVector.fromArray(S, y2, j))))).intoArray(y2, j);
      }
      for (int j = tail; j < to; j++) {
        y1[j] += w0 * a[r0 + j] + w1 * a[r1 + j] + w2 * a[r2 + j] + w3 * a[r3 + j];
        y2[j] += u0 * a[r0 + j] + u1 * a[r1 + j] + u2 * a[r2 + j] + u3 * a[r3 + j];
      }
    }
    for (; i < m; i++) {
      self.axpy(to - from, alpha * x1[i], a, i * n + from, y1, from);
      self.axpy(to - from, alpha * x2[i], a, i * n + from, y2, from);
    }
  }

  /**
   * Rows i .. i+7 of A in {@link #gemvTransposedPair}: one load and store of y₁ and y₂ per eight
   * rows instead of four (half the cache traffic for y). The vector lanes chain the same eight
   * fused multiply-adds in the same order as two groups of four (the store between them is exact);
   * the scalar tail adds each group of four as {@link #gemvTransposed} does.
   */
  private static void transposedPairEightRows(
      int i, int n, int from, int to, int bound, int tail, double alpha, double[] a, double[] x1,
      double[] x2, double[] y1, double[] y2) {
    int r0 = i * n;
    double[] w = new double[8];
    double[] u = new double[8];
    for (int q = 0; q < 8; q++) {
      w[q] = alpha * x1[i + q];
      u[q] = alpha * x2[i + q];
    }
    DoubleVector v0 = DoubleVector.broadcast(S, w[0]), v1 = DoubleVector.broadcast(S, w[1]);
    DoubleVector v2 = DoubleVector.broadcast(S, w[2]), v3 = DoubleVector.broadcast(S, w[3]);
    DoubleVector v4 = DoubleVector.broadcast(S, w[4]), v5 = DoubleVector.broadcast(S, w[5]);
    DoubleVector v6 = DoubleVector.broadcast(S, w[6]), v7 = DoubleVector.broadcast(S, w[7]);
    DoubleVector q0 = DoubleVector.broadcast(S, u[0]), q1 = DoubleVector.broadcast(S, u[1]);
    DoubleVector q2 = DoubleVector.broadcast(S, u[2]), q3 = DoubleVector.broadcast(S, u[3]);
    DoubleVector q4 = DoubleVector.broadcast(S, u[4]), q5 = DoubleVector.broadcast(S, u[5]);
    DoubleVector q6 = DoubleVector.broadcast(S, u[6]), q7 = DoubleVector.broadcast(S, u[7]);
    for (int j = from; j < bound; j += L) {
      int o = r0 + j;
      DoubleVector t1 = DoubleVector.fromArray(S, y1, j);
      DoubleVector t2 = DoubleVector.fromArray(S, y2, j);
      DoubleVector a0 = DoubleVector.fromArray(S, a, o);
      t1 = a0.fma(v0, t1);
      t2 = a0.fma(q0, t2);
      DoubleVector a1 = DoubleVector.fromArray(S, a, o + n);
      t1 = a1.fma(v1, t1);
      t2 = a1.fma(q1, t2);
      DoubleVector a2 = DoubleVector.fromArray(S, a, o + 2 * n);
      t1 = a2.fma(v2, t1);
      t2 = a2.fma(q2, t2);
      DoubleVector a3 = DoubleVector.fromArray(S, a, o + 3 * n);
      t1 = a3.fma(v3, t1);
      t2 = a3.fma(q3, t2);
      DoubleVector a4 = DoubleVector.fromArray(S, a, o + 4 * n);
      t1 = a4.fma(v4, t1);
      t2 = a4.fma(q4, t2);
      DoubleVector a5 = DoubleVector.fromArray(S, a, o + 5 * n);
      t1 = a5.fma(v5, t1);
      t2 = a5.fma(q5, t2);
      DoubleVector a6 = DoubleVector.fromArray(S, a, o + 6 * n);
      t1 = a6.fma(v6, t1);
      t2 = a6.fma(q6, t2);
      DoubleVector a7 = DoubleVector.fromArray(S, a, o + 7 * n);
      a7.fma(v7, t1).intoArray(y1, j);
      a7.fma(q7, t2).intoArray(y2, j);
    }
    for (int g = 0; g < 8; g += 4) {
      int s0 = r0 + g * n, s1 = s0 + n, s2 = s1 + n, s3 = s2 + n;
      for (int j = tail; j < to; j++) {
        y1[j] += w[g] * a[s0 + j] + w[g + 1] * a[s1 + j] + w[g + 2] * a[s2 + j] + w[g + 3] * a[s3 + j];
        y2[j] += u[g] * a[s0 + j] + u[g + 1] * a[s1 + j] + u[g + 2] * a[s2 + j] + u[g + 3] * a[s3 + j];
      }
    }
  }

  /** y[from .. to) ← β·y (β = 0 overwrites, ignoring what y held). */
  private static void scale(int from, int to, double beta, double[] y, Backend self) {
    if (beta == 0.0) {
      java.util.Arrays.fill(y, from, to, 0.0);
    } else if (beta != 1.0) {
      self.scal(to - from, beta, y, from);
    }
  }
}
