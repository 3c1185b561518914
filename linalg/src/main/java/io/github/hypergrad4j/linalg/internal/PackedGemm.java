package io.github.hypergrad4j.linalg.internal;

import java.util.Arrays;

/**
 * The packed, register-blocked matrix product C = α·op(A)·op(B) + β·C (Goto and van de Geijn,
 * ACM TOMS 34(3), 2008; the loop structure of BLIS, Van Zee and van de Geijn, ACM TOMS 41(3),
 * 2015).
 *
 * <p>op(A) is m×k and op(B) is k×n, each read through strides, which is how the transposed forms
 * cost nothing extra: element (i, p) of op(A) is {@code a[i·aRowStride + p·aColStride]}, so A
 * stored m×k row-major has strides (k, 1) and Aᵀ with A stored k×m has strides (1, m). C is m×n
 * row-major and contiguous.
 *
 * <p>Five loops surround the {@link GemmMicroKernel}: columns of C in blocks of NC; the depth in
 * blocks of KC, packing the KC×NC block of B into NR-wide micro-panels (kept in L3, one
 * micro-panel in L1); rows in blocks of MC, packing the MC×KC block of A into MR-high micro-panels
 * (kept in L2); then every NR-column micro-panel against every MR-row micro-panel. Packing makes
 * every operand access of the micro-kernel unit-stride whatever the original layout.
 *
 * <p>Cost: 2mnk flops plus packing of mk·⌈n/NC⌉ + kn elements. With {@code threads > 1} the
 * micro-panels of columns (or the MR-row tiles, when C is taller than wide) are split into equal
 * contiguous parts, one per thread, each running the serial algorithm; every element of C sees the same sequence of
 * operations whatever the split, so the result is bit-identical for any thread count.
 */
public final class PackedGemm {

  /** Depth of a packed block; a KC×NR micro-panel of B stays in L1 while MR-panels of A pass. */
  static final int KC = 256;

  /** Target rows of a packed A block (rounded down to a multiple of MR); about 190 KiB in L2. */
  static final int MC_TARGET = 96;

  /** Target columns of a packed B block (rounded down to a multiple of NR). */
  static final int NC_TARGET = 2048;

  /** Products with fewer than this many multiply-adds are not split over threads. */
  static final long PARALLEL_THRESHOLD = 1L << 21;

  private static final ThreadLocal<double[][]> WORKSPACE =
      ThreadLocal.withInitial(() -> new double[][] {new double[0], new double[0]});

  private PackedGemm() {}

  /**
   * C = α·op(A)·op(B) + β·C. Sizes and strides are trusted (the facade checks them). β = 0
   * overwrites C, ignoring any NaN it held.
   */
  public static void multiply(
      GemmMicroKernel kernel,
      int m,
      int n,
      int k,
      double alpha,
      double[] a,
      int aRowStride,
      int aColStride,
      double[] b,
      int bRowStride,
      int bColStride,
      double beta,
      double[] c,
      int threads) {
    multiply(kernel, m, n, k, alpha, a, aRowStride, aColStride, new double[][] {b}, bRowStride, bColStride,
        beta, new double[][] {c}, threads);
  }

  /**
   * C_q = α·op(A)·op(B_q) + β·C_q for every q: one op(A) against several right operands of the
   * same shape and strides, as one product with the columns [op(B_0) | op(B_1) | …] side by side.
   * Each block of op(A) is packed once for all of them and streamed past all their micro-panels.
   * The columns of each B_q start a micro-panel of their own (the last one of B_q zero-padded), so
   * every element of every C_q sees exactly the operations of the separate product {@code
   * multiply(…, b[q], …, c[q], …)}: the results are bit-identical to it. Sizes trusted; the C_q
   * must be distinct from each other and from the operands.
   */
  public static void multiply(
      GemmMicroKernel kernel,
      int m,
      int n,
      int k,
      double alpha,
      double[] a,
      int aRowStride,
      int aColStride,
      double[][] b,
      int bRowStride,
      int bColStride,
      double beta,
      double[][] c,
      int threads) {
    for (double[] cq : c) {
      scaleC(m * n, beta, cq);
    }
    if (alpha == 0.0 || k == 0 || m == 0 || n == 0) {
      return;
    }
    Operands op = new Operands(kernel, k, alpha, a, aRowStride, aColStride, b, bRowStride, bColStride, c, n);
    int panels = op.panelsPerOperand() * b.length;
    int parts = (long) m * n * k * b.length < PARALLEL_THRESHOLD ? 1 : Math.max(1, threads);
    if (parts == 1) {
      op.run(0, m, 0, panels);
      return;
    }
    boolean splitColumns = (long) n * b.length >= m;
    int mr = kernel.tileRows();
    int units = splitColumns ? panels : (m + mr - 1) / mr;
    Parallel.split(units, parts, 1, (from, to) -> {
      if (splitColumns) {
        op.run(0, m, from, to);
      } else {
        op.run(Math.min(m, from * mr), Math.min(m, to * mr), 0, panels);
      }
    });
  }

  private static void scaleC(int len, double beta, double[] c) {
    if (beta == 0.0) {
      java.util.Arrays.fill(c, 0, len, 0.0);
    } else if (beta != 1.0) {
      for (int i = 0; i < len; i++) {
        c[i] *= beta;
      }
    }
  }

  /**
   * The operands of one product; {@link #run} computes a rectangle of the C_q serially. Columns
   * are addressed by micro-panel: panel t is columns [(t mod P)·NR, …) of operand t div P, with P
   * = ⌈n/NR⌉ panels per operand.
   */
  private record Operands(
      GemmMicroKernel kernel,
      int k,
      double alpha,
      double[] a,
      int ars,
      int acs,
      double[][] b,
      int brs,
      int bcs,
      double[][] c,
      int ldc) {

    int panelsPerOperand() {
      return (ldc + kernel.tileCols() - 1) / kernel.tileCols();
    }

    /** Rows [rowFrom, rowTo) of every panel in [panelFrom, panelTo). */
    void run(int rowFrom, int rowTo, int panelFrom, int panelTo) {
      int mr = kernel.tileRows();
      int nr = kernel.tileCols();
      int perOperand = panelsPerOperand();
      int mcBlock = Math.max(mr, MC_TARGET / mr * mr);
      int ncPanels = Math.max(1, NC_TARGET / nr);
      int kcMax = Math.min(KC, k);
      double[][] ws = WORKSPACE.get();
      int needA = roundUp(Math.min(mcBlock, rowTo - rowFrom), mr) * kcMax;
      int needB = Math.min(ncPanels, panelTo - panelFrom) * nr * kcMax;
      if (ws[0].length < needA) {
        ws[0] = new double[needA];
      }
      if (ws[1].length < needB) {
        ws[1] = new double[needB];
      }
      double[] packedA = ws[0];
      double[] packedB = ws[1];
      double[] tile = new double[mr * nr];
      for (int jc = panelFrom; jc < panelTo; jc += ncPanels) {
        int count = Math.min(ncPanels, panelTo - jc);
        for (int pc = 0; pc < k; pc += KC) {
          int kc = Math.min(KC, k - pc);
          packB(pc, kc, jc, count, perOperand, nr, packedB);
          for (int ic = rowFrom; ic < rowTo; ic += mcBlock) {
            int mc = Math.min(mcBlock, rowTo - ic);
            packA(ic, mc, pc, kc, mr, packedA);
            for (int t = 0; t < count; t++) {
              int panel = jc + t;
              double[] cq = c[panel / perOperand];
              int col = panel % perOperand * nr;
              int cols = Math.min(nr, ldc - col);
              int bOff = t * kc * nr;
              for (int ir = 0; ir < mc; ir += mr) {
                int rows = Math.min(mr, mc - ir);
                int aOff = ir / mr * kc * mr;
                int cOff = (ic + ir) * ldc + col;
                // one call site for the kernel (two would each inline it); an edge tile goes
                // through a zeroed scratch tile and only its rows × cols corner is added to C
                boolean edge = rows < mr || cols < nr;
                if (edge) {
                  Arrays.fill(tile, 0.0);
                }
                kernel.multiplyAdd(kc, packedA, aOff, packedB, bOff, alpha, edge ? tile : cq, edge ? 0 : cOff,
                    edge ? nr : ldc);
                if (edge) {
                  addCorner(tile, nr, cq, cOff, rows, cols);
                }
              }
            }
          }
        }
      }
    }

    /** C[cOff + i·ldc + j] += tile[i·nr + j] for i &lt; rows, j &lt; cols. */
    private void addCorner(double[] tile, int nr, double[] cq, int cOff, int rows, int cols) {
      for (int i = 0; i < rows; i++) {
        int row = cOff + i * ldc;
        for (int j = 0; j < cols; j++) {
          cq[row + j] += tile[i * nr + j];
        }
      }
    }

    /** Packs op(A)[i0..i0+mc, p0..p0+kc] as MR-high micro-panels, zero-padded at the edge. */
    private void packA(int i0, int mc, int p0, int kc, int mr, double[] dst) {
      int idx = 0;
      for (int ir = 0; ir < mc; ir += mr) {
        int rows = Math.min(mr, mc - ir);
        int rowBase = (i0 + ir) * ars + p0 * acs;
        for (int p = 0; p < kc; p++, idx += mr) {
          int src = rowBase + p * acs;
          for (int i = 0; i < rows; i++) {
            dst[idx + i] = a[src + i * ars];
          }
          for (int i = rows; i < mr; i++) {
            dst[idx + i] = 0.0;
          }
        }
      }
    }

    /**
     * Packs rows p0..p0+kc of the micro-panels [first, first+count) (each NR columns of one
     * op(B_q), zero-padded at its right edge) one after the other.
     */
    private void packB(int p0, int kc, int first, int count, int perOperand, int nr, double[] dst) {
      int idx = 0;
      for (int t = first; t < first + count; t++) {
        double[] bq = b[t / perOperand];
        int col = t % perOperand * nr;
        int cols = Math.min(nr, ldc - col);
        int colBase = p0 * brs + col * bcs;
        for (int p = 0; p < kc; p++, idx += nr) {
          int src = colBase + p * brs;
          if (bcs == 1) {
            System.arraycopy(bq, src, dst, idx, cols);
          } else {
            for (int j = 0; j < cols; j++) {
              dst[idx + j] = bq[src + j * bcs];
            }
          }
          for (int j = cols; j < nr; j++) {
            dst[idx + j] = 0.0;
          }
        }
      }
    }
  }

  private static int roundUp(int x, int unit) {
    return (x + unit - 1) / unit * unit;
  }
}
