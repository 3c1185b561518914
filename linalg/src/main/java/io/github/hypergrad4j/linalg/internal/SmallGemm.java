package io.github.hypergrad4j.linalg.internal;

/**
 * Matrix products too small to repay packing (below about 32³ multiply-adds, or with fewer than
 * four rows or columns): C = α·op(A)·op(B) + β·C as row updates, C_i ← β·C_i + Σ_p (α·A_ip)·B_p
 * (an axpy per element of A) when the rows of op(B) are contiguous, and as dot products
 * C_ij ← β·C_ij + α·A_i·B_j when op(B) is a transposed matrix. Same stride convention as {@link
 * PackedGemm}. Cost 2mnk flops.
 */
public final class SmallGemm {

  private SmallGemm() {}

  /** C = α·op(A)·op(B) + β·C, sizes trusted. */
  public static void multiply(
      Backend kernels,
      int m,
      int n,
      int k,
      double alpha,
      double[] a,
      int ars,
      int acs,
      double[] b,
      int brs,
      int bcs,
      double beta,
      double[] c) {
    if (alpha == 0.0 || k == 0) {
      for (int i = 0; i < m; i++) {
        scaleRow(kernels, c, i * n, n, beta);
      }
      return;
    }
    if (bcs == 1) {
      for (int i = 0; i < m; i++) {
        scaleRow(kernels, c, i * n, n, beta);
        for (int p = 0; p < k; p++) {
          kernels.axpy(n, alpha * a[i * ars + p * acs], b, p * brs, c, i * n);
        }
      }
    } else if (acs == 1 && brs == 1) {
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double d = alpha * kernels.dot(k, a, i * ars, b, j * bcs);
          c[i * n + j] = beta == 0.0 ? d : d + beta * c[i * n + j];
        }
      }
    } else {
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double d = 0;
          for (int p = 0; p < k; p++) {
            d += a[i * ars + p * acs] * b[p * brs + j * bcs];
          }
          c[i * n + j] = beta == 0.0 ? alpha * d : alpha * d + beta * c[i * n + j];
        }
      }
    }
  }

  private static void scaleRow(Backend kernels, double[] c, int off, int n, double beta) {
    if (beta == 0.0) {
      java.util.Arrays.fill(c, off, off + n, 0.0);
    } else if (beta != 1.0) {
      kernels.scal(n, beta, c, off);
    }
  }
}
