package io.github.hypergrad4j.linalg.internal;

/**
 * The innermost kernel of the packed matrix product {@link PackedGemm}: it multiplies one
 * micro-panel of A (MR rows × kc) by one micro-panel of B (kc × NR columns), accumulating the
 * MR×NR tile in registers, and then adds α times the tile to C.
 *
 * <p>Packed layout (written by {@link PackedGemm}): the A micro-panel holds, for p = 0..kc−1, the
 * MR values A[i][p] at {@code ap[aOff + p·MR + i]}; the B micro-panel holds the NR values B[p][j]
 * at {@code bp[bOff + p·NR + j]}. Rows or columns beyond the matrix edge are packed as zeros, and
 * {@link PackedGemm} gives the kernel a scratch tile for those edge tiles and clips the write-back
 * itself: the kernel has one path only, so the JIT compiles (and profiles) only the hot loop.
 *
 * <p>Reference: K. Goto and R. van de Geijn, "Anatomy of high-performance matrix
 * multiplication", ACM TOMS 34(3), 2008; F. Van Zee and R. van de Geijn, "BLIS: a framework for
 * rapidly instantiating BLAS functionality", ACM TOMS 41(3), 2015 (the five loops around the
 * micro-kernel).
 */
public interface GemmMicroKernel {

  /** Rows of the register tile (MR). */
  int tileRows();

  /** Columns of the register tile (NR). */
  int tileCols();

  /**
   * C[cOff + i·ldc + j] += α·Σ_p A[i][p]·B[p][j] for the whole tile, i &lt; MR, j &lt; NR.
   *
   * @param kc depth of the panels
   * @param ap packed A, panel starting at {@code aOff}
   * @param bp packed B, panel starting at {@code bOff}
   * @param ldc row stride of C
   */
  void multiplyAdd(int kc, double[] ap, int aOff, double[] bp, int bOff, double alpha, double[] c, int cOff, int ldc);
}
