package io.github.hypergrad4j.linalg.simd;

import io.github.hypergrad4j.linalg.internal.ColumnMajor;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matrix products with a few columns (C = A·Bᵀ or Aᵀ·B with B of 2–4 columns): a
 * matrix-vector product with several vectors, done in one pass over A per pair of vectors. This
 * is what a forward-over-reverse sweep needs for X·[w, ẇ] and Xᵀ·[r, ṙ] with a data matrix X:
 * reading X once instead of twice halves a memory-bound product.
 */
final class MultiVectorProducts {

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private MultiVectorProducts() {}

  /**
   * Rows [from, to) of C (m×cols) = α·A·Bᵀ + β·C, A m×k, B cols×k: columns in pairs, four rows
   * of A at a time, so that each vector of the two B rows loaded serves eight multiply-adds. A row
   * is computed the same way in a group of four as alone: any split of the rows gives the same bits.
   */
  static void gemvColumns(
      int from, int to, int k, int cols, double alpha, double[] a, double[] b, double beta, double[] c) {
    for (int j = 0; j < cols; j += 2) {
      boolean pair = j + 1 < cols;
      twoColumns(from, to, k, alpha, a, b, j * k, b, pair ? (j + 1) * k : j * k, beta,
          c, j, pair ? c : null, j + 1, cols);
    }
  }

  /**
   * Rows [from, to) of the two products A·x₀ and A·x₁ (A m×k; x₀ = x0[o0 ..], x₁ = x1[o1 ..]),
   * four rows of A at a time: row i of the first goes to c0[i·stride + off0] (α·A_i·x₀ +
   * β·c0[…]) and of the second to c1[i·stride + off1] (skipped when c1 is null). Each result is
   * computed as gemv computes it (one vector accumulator per row, lanes summed in order, the
   * scalar tail added last), so it is bit-identical to a matrix-vector product of its own.
   */
  static void twoColumns(
      int from, int to, int k, double alpha, double[] a, double[] x0, int o0, double[] x1, int o1,
      double beta, double[] c0, int off0, double[] c1, int off1, int stride) {
    int bound = S.loopBound(k);
    int i = from;
    int groups = (to - from) / 8;
    if (groups > 0) {
      // per group of eight rows, its sixteen vector accumulators between blocks of x
      double[] acc = new double[groups * 16 * L];
      for (int lo = 0; lo < bound; lo += BLOCK) {
        int hi = Math.min(bound, lo + BLOCK);
        for (int g = 0; g < groups; g++) {
          eightRows(from + 8 * g, k, lo, hi, a, x0, o0, x1, o1, acc, g * 16 * L);
        }
      }
      for (int g = 0; g < groups; g++) {
        finishEightRows(from + 8 * g, k, bound, alpha, a, x0, o0, x1, o1, acc, g * 16 * L, beta,
            c0, off0, c1, off1, stride);
      }
      i += 8 * groups;
    }
    for (; i + 3 < to; i += 4) {
      int r0 = i * k, r1 = r0 + k, r2 = r1 + k, r3 = r2 + k;
      DoubleVector s00 = DoubleVector.zero(S);
      DoubleVector s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00, s30 = s00, s31 = s00;
      int p = 0;
      for (; p < bound; p += L) {
        DoubleVector v0 = DoubleVector.fromArray(S, x0, o0 + p);
        DoubleVector v1 = DoubleVector.fromArray(S, x1, o1 + p);
        DoubleVector a0 = DoubleVector.fromArray(S, a, r0 + p);
        DoubleVector a1 = DoubleVector.fromArray(S, a, r1 + p);
        DoubleVector a2 = DoubleVector.fromArray(S, a, r2 + p);
        DoubleVector a3 = DoubleVector.fromArray(S, a, r3 + p);
        s00 = a0.fma(v0, s00);
        s01 = a0.fma(v1, s01);
        s10 = a1.fma(v0, s10);
        s11 = a1.fma(v1, s11);
        s20 = a2.fma(v0, s20);
        s21 = a2.fma(v1, s21);
        s30 = a3.fma(v0, s30);
        s31 = a3.fma(v1, s31);
      }
      double[] d = {
        Lanes.sum(s00), Lanes.sum(s01),
        Lanes.sum(s10), Lanes.sum(s11),
        Lanes.sum(s20), Lanes.sum(s21),
        Lanes.sum(s30), Lanes.sum(s31)
      };
      for (; p < k; p++) {
        double w0 = x0[o0 + p];
        double w1 = x1[o1 + p];
        d[0] += a[r0 + p] * w0;
        d[1] += a[r0 + p] * w1;
        d[2] += a[r1 + p] * w0;
        d[3] += a[r1 + p] * w1;
        d[4] += a[r2 + p] * w0;
        d[5] += a[r2 + p] * w1;
        d[6] += a[r3 + p] * w0;
        d[7] += a[r3 + p] * w1;
      }
      for (int q = 0; q < 4; q++) {
        store(c0, (i + q) * stride + off0, alpha * d[2 * q], beta);
        if (c1 != null) {
          store(c1, (i + q) * stride + off1, alpha * d[2 * q + 1], beta);
        }
      }
    }
    for (; i < to; i++) {
      int r = i * k;
      DoubleVector s0 = DoubleVector.zero(S);
      DoubleVector s1 = s0;
      int p = 0;
      for (; p < bound; p += L) {
        DoubleVector av = DoubleVector.fromArray(S, a, r + p);
        s0 = av.fma(DoubleVector.fromArray(S, x0, o0 + p), s0);
        s1 = av.fma(DoubleVector.fromArray(S, x1, o1 + p), s1);
      }
      double d0 = Lanes.sum(s0);
      double d1 = Lanes.sum(s1);
      for (; p < k; p++) {
        d0 += a[r + p] * x0[o0 + p];
        d1 += a[r + p] * x1[o1 + p];
      }
      store(c0, i * stride + off0, alpha * d0, beta);
      if (c1 != null) {
        store(c1, i * stride + off1, alpha * d1, beta);
      }
    }
  }

  /**
   * Elements of x per block in the eight-row groups of {@link #twoColumns}: the two blocks of x
   * (128 KiB) stay in L2 while the rows of A stream past, instead of coming from L3 once per
   * eight rows (two vectors of 10⁵ elements do not fit in a core's L2).
   */
  static final int BLOCK = 8192;

  /**
   * Elements [lo, hi) of rows i .. i+7 of {@link #twoColumns}, continuing the sixteen vector
   * accumulators kept in acc[q ..]: each vector of x₀ and x₁ loaded serves eight rows of A. Each
   * lane adds its products in the same order as in one sweep (the store between blocks is exact).
   */
  private static void eightRows(
      int i, int k, int lo, int hi, double[] a, double[] x0, int o0, double[] x1, int o1, double[] acc, int q) {
    int r0 = i * k, r1 = r0 + k, r2 = r1 + k, r3 = r2 + k, r4 = r3 + k, r5 = r4 + k, r6 = r5 + k, r7 = r6 + k;
    DoubleVector s00 = DoubleVector.fromArray(S, acc, q), s01 = DoubleVector.fromArray(S, acc, q + L);
    DoubleVector s10 = DoubleVector.fromArray(S, acc, q + 2 * L), s11 = DoubleVector.fromArray(S, acc, q + 3 * L);
    DoubleVector s20 = DoubleVector.fromArray(S, acc, q + 4 * L), s21 = DoubleVector.fromArray(S, acc, q + 5 * L);
    DoubleVector s30 = DoubleVector.fromArray(S, acc, q + 6 * L), s31 = DoubleVector.fromArray(S, acc, q + 7 * L);
    DoubleVector s40 = DoubleVector.fromArray(S, acc, q + 8 * L), s41 = DoubleVector.fromArray(S, acc, q + 9 * L);
    DoubleVector s50 = DoubleVector.fromArray(S, acc, q + 10 * L), s51 = DoubleVector.fromArray(S, acc, q + 11 * L);
    DoubleVector s60 = DoubleVector.fromArray(S, acc, q + 12 * L), s61 = DoubleVector.fromArray(S, acc, q + 13 * L);
    DoubleVector s70 = DoubleVector.fromArray(S, acc, q + 14 * L), s71 = DoubleVector.fromArray(S, acc, q + 15 * L);
    for (int p = lo; p < hi; p += L) {
      DoubleVector v0 = DoubleVector.fromArray(S, x0, o0 + p);
      DoubleVector v1 = DoubleVector.fromArray(S, x1, o1 + p);
      DoubleVector a0 = DoubleVector.fromArray(S, a, r0 + p);
      s00 = a0.fma(v0, s00);
      s01 = a0.fma(v1, s01);
      DoubleVector a1 = DoubleVector.fromArray(S, a, r1 + p);
      s10 = a1.fma(v0, s10);
      s11 = a1.fma(v1, s11);
      DoubleVector a2 = DoubleVector.fromArray(S, a, r2 + p);
      s20 = a2.fma(v0, s20);
      s21 = a2.fma(v1, s21);
      DoubleVector a3 = DoubleVector.fromArray(S, a, r3 + p);
      s30 = a3.fma(v0, s30);
      s31 = a3.fma(v1, s31);
      DoubleVector a4 = DoubleVector.fromArray(S, a, r4 + p);
      s40 = a4.fma(v0, s40);
      s41 = a4.fma(v1, s41);
      DoubleVector a5 = DoubleVector.fromArray(S, a, r5 + p);
      s50 = a5.fma(v0, s50);
      s51 = a5.fma(v1, s51);
      DoubleVector a6 = DoubleVector.fromArray(S, a, r6 + p);
      s60 = a6.fma(v0, s60);
      s61 = a6.fma(v1, s61);
      DoubleVector a7 = DoubleVector.fromArray(S, a, r7 + p);
      s70 = a7.fma(v0, s70);
      s71 = a7.fma(v1, s71);
    }
    s00.intoArray(acc, q);
    s01.intoArray(acc, q + L);
    s10.intoArray(acc, q + 2 * L);
    s11.intoArray(acc, q + 3 * L);
    s20.intoArray(acc, q + 4 * L);
    s21.intoArray(acc, q + 5 * L);
    s30.intoArray(acc, q + 6 * L);
    s31.intoArray(acc, q + 7 * L);
    s40.intoArray(acc, q + 8 * L);
    s41.intoArray(acc, q + 9 * L);
    s50.intoArray(acc, q + 10 * L);
    s51.intoArray(acc, q + 11 * L);
    s60.intoArray(acc, q + 12 * L);
    s61.intoArray(acc, q + 13 * L);
    s70.intoArray(acc, q + 14 * L);
    s71.intoArray(acc, q + 15 * L);
  }

  /** Rows i .. i+7 of {@link #twoColumns} from their accumulators: lanes summed in order, then the scalar tail. */
  private static void finishEightRows(
      int i, int k, int bound, double alpha, double[] a, double[] x0, int o0, double[] x1, int o1,
      double[] acc, int q0, double beta, double[] c0, int off0, double[] c1, int off1, int stride) {
    for (int q = 0; q < 8; q++) {
      int r = (i + q) * k;
      double d0 = Lanes.sum(DoubleVector.fromArray(S, acc, q0 + 2 * q * L));
      double d1 = Lanes.sum(DoubleVector.fromArray(S, acc, q0 + (2 * q + 1) * L));
      for (int t = bound; t < k; t++) {
        d0 += a[r + t] * x0[o0 + t];
        d1 += a[r + t] * x1[o1 + t];
      }
      store(c0, (i + q) * stride + off0, alpha * d0, beta);
      if (c1 != null) {
        store(c1, (i + q) * stride + off1, alpha * d1, beta);
      }
    }
  }

  private static void store(double[] c, int ij, double v, double beta) {
    c[ij] = beta == 0.0 ? v : v + beta * c[ij];
  }

  /**
   * Rows [from, to) of C (m×cols) = α·Aᵀ·B + β·C, A stored k×m, B k×cols: column-major
   * accumulators, four rows of A and two columns of B per sweep over the accumulators. Elements
   * below loopBound(m) take the vector path and the rest the scalar one, whatever the range, when
   * {@code from} is a multiple of the vector length and {@code to} is one too or m.
   */
  static void gemvTransposedColumns(
      int k, int m, int from, int to, int cols, double alpha, double[] a, double[] b, double beta, double[] c) {
    int w = to - from;
    double[] acc = new double[cols * w];
    int bound = Math.min(to, S.loopBound(m));
    int tail = Math.max(from, bound);
    for (int j = 0; j < cols; j += 2) {
      boolean pair = j + 1 < cols;
      int y0 = j * w - from;
      int y1 = pair ? (j + 1) * w - from : y0;
      int jb = pair ? j + 1 : j;
      int p = 0;
      for (; p + 3 < k; p += 4) {
        int r0 = p * m, r1 = r0 + m, r2 = r1 + m, r3 = r2 + m;
        double w00 = alpha * b[p * cols + j], w10 = alpha * b[(p + 1) * cols + j];
        double w20 = alpha * b[(p + 2) * cols + j], w30 = alpha * b[(p + 3) * cols + j];
        double w01 = pair ? alpha * b[p * cols + jb] : 0.0;
        double w11 = pair ? alpha * b[(p + 1) * cols + jb] : 0.0;
        double w21 = pair ? alpha * b[(p + 2) * cols + jb] : 0.0;
        double w31 = pair ? alpha * b[(p + 3) * cols + jb] : 0.0;
        DoubleVector v00 = DoubleVector.broadcast(S, w00), v10 = DoubleVector.broadcast(S, w10);
        DoubleVector v20 = DoubleVector.broadcast(S, w20), v30 = DoubleVector.broadcast(S, w30);
        DoubleVector v01 = DoubleVector.broadcast(S, w01), v11 = DoubleVector.broadcast(S, w11);
        DoubleVector v21 = DoubleVector.broadcast(S, w21), v31 = DoubleVector.broadcast(S, w31);
        for (int i = from; i < bound; i += L) {
          DoubleVector a0 = DoubleVector.fromArray(S, a, r0 + i);
          DoubleVector a1 = DoubleVector.fromArray(S, a, r1 + i);
          DoubleVector a2 = DoubleVector.fromArray(S, a, r2 + i);
          DoubleVector a3 = DoubleVector.fromArray(S, a, r3 + i);
          DoubleVector t0 = DoubleVector.fromArray(S, acc, y0 + i);
          a3.fma(v30, a2.fma(v20, a1.fma(v10, a0.fma(v00, t0)))).intoArray(acc, y0 + i);
          if (pair) {
            DoubleVector t1 = DoubleVector.fromArray(S, acc, y1 + i);
            a3.fma(v31, a2.fma(v21, a1.fma(v11, a0.fma(v01, t1)))).intoArray(acc, y1 + i);
          }
        }
        for (int i = tail; i < to; i++) {
          acc[y0 + i] += w00 * a[r0 + i] + w10 * a[r1 + i] + w20 * a[r2 + i] + w30 * a[r3 + i];
          if (pair) {
            acc[y1 + i] += w01 * a[r0 + i] + w11 * a[r1 + i] + w21 * a[r2 + i] + w31 * a[r3 + i];
          }
        }
      }
      for (; p < k; p++) {
        int r0 = p * m;
        double w0 = alpha * b[p * cols + j];
        double w1 = pair ? alpha * b[p * cols + jb] : 0.0;
        for (int i = from; i < to; i++) {
          acc[y0 + i] += w0 * a[r0 + i];
          if (pair) {
            acc[y1 + i] += w1 * a[r0 + i];
          }
        }
      }
    }
    ColumnMajor.addInto(acc, w, cols, beta, c, from);
  }
}
