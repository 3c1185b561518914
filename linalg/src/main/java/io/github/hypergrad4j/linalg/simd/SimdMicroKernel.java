package io.github.hypergrad4j.linalg.simd;

import io.github.hypergrad4j.linalg.internal.GemmMicroKernel;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A 6 × 2L register tile (L = lanes of the preferred species: 6×16 with AVX-512, 6×8 with AVX2):
 * twelve vector accumulators. Each depth step loads two vectors of the B micro-panel, broadcasts
 * six elements of the A micro-panel and issues twelve fused multiply-adds, so loads per FMA stay
 * well under one and the FMA units, not memory, bound the loop. Twelve accumulators are also more
 * than the FMA latency × throughput product (4 × 2 on current x86 cores), so the chains never
 * stall.
 */
final class SimdMicroKernel implements GemmMicroKernel {

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int MR = 6;
  private static final int NR = 2 * L;

  @Override
  public int tileRows() {
    return MR;
  }

  @Override
  public int tileCols() {
    return NR;
  }

  @Override
  public void multiplyAdd(
      int kc,
      double[] ap,
      int aOff,
      double[] bp,
      int bOff,
      double alpha,
      double[] c,
      int cOff,
      int ldc) {
    DoubleVector c00 = DoubleVector.zero(S);
    DoubleVector c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
    DoubleVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
    int ai = aOff;
    int bi = bOff;
    for (int p = 0; p < kc; p++, ai += MR, bi += NR) {
      DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
      DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
      DoubleVector a = DoubleVector.broadcast(S, ap[ai]);
      c00 = a.fma(b0, c00);
      c01 = a.fma(b1, c01);
      a = DoubleVector.broadcast(S, ap[ai + 1]);
      c10 = a.fma(b0, c10);
      c11 = a.fma(b1, c11);
      a = DoubleVector.broadcast(S, ap[ai + 2]);
      c20 = a.fma(b0, c20);
      c21 = a.fma(b1, c21);
      a = DoubleVector.broadcast(S, ap[ai + 3]);
      c30 = a.fma(b0, c30);
      c31 = a.fma(b1, c31);
      a = DoubleVector.broadcast(S, ap[ai + 4]);
      c40 = a.fma(b0, c40);
      c41 = a.fma(b1, c41);
      a = DoubleVector.broadcast(S, ap[ai + 5]);
      c50 = a.fma(b0, c50);
      c51 = a.fma(b1, c51);
    }
    DoubleVector al = DoubleVector.broadcast(S, alpha);
    addRow(c, cOff, al, c00, c01);
    addRow(c, cOff + ldc, al, c10, c11);
    addRow(c, cOff + 2 * ldc, al, c20, c21);
    addRow(c, cOff + 3 * ldc, al, c30, c31);
    addRow(c, cOff + 4 * ldc, al, c40, c41);
    addRow(c, cOff + 5 * ldc, al, c50, c51);
  }

  private static void addRow(double[] c, int off, DoubleVector alpha, DoubleVector v0, DoubleVector v1) {
    v0.fma(alpha, DoubleVector.fromArray(S, c, off)).intoArray(c, off);
    v1.fma(alpha, DoubleVector.fromArray(S, c, off + L)).intoArray(c, off + L);
  }
}
