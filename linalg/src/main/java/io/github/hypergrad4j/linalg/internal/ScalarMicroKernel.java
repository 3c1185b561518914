package io.github.hypergrad4j.linalg.internal;

/**
 * A 4×4 register tile in plain Java: sixteen accumulators in locals, four loads of A and four of
 * B per depth step for sixteen multiply-adds. The reference micro-kernel for {@link PackedGemm}.
 */
final class ScalarMicroKernel implements GemmMicroKernel {

  private static final int MR = 4;
  private static final int NR = 4;

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
    double c00 = 0, c01 = 0, c02 = 0, c03 = 0;
    double c10 = 0, c11 = 0, c12 = 0, c13 = 0;
    double c20 = 0, c21 = 0, c22 = 0, c23 = 0;
    double c30 = 0, c31 = 0, c32 = 0, c33 = 0;
    for (int p = 0; p < kc; p++) {
      int ai = aOff + p * MR;
      int bi = bOff + p * NR;
      double a0 = ap[ai], a1 = ap[ai + 1], a2 = ap[ai + 2], a3 = ap[ai + 3];
      double b0 = bp[bi], b1 = bp[bi + 1], b2 = bp[bi + 2], b3 = bp[bi + 3];
      c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
      c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
      c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
      c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
    }
    addRow(c, cOff, alpha, c00, c01, c02, c03);
    addRow(c, cOff + ldc, alpha, c10, c11, c12, c13);
    addRow(c, cOff + 2 * ldc, alpha, c20, c21, c22, c23);
    addRow(c, cOff + 3 * ldc, alpha, c30, c31, c32, c33);
  }

  private static void addRow(double[] c, int off, double alpha, double v0, double v1, double v2, double v3) {
    c[off] += alpha * v0;
    c[off + 1] += alpha * v1;
    c[off + 2] += alpha * v2;
    c[off + 3] += alpha * v3;
  }
}
