package io.github.hypergrad4j.linalg.internal;

/**
 * Matrix products too small to repay packing (below about 32³ multiply-adds, or with fewer than
 * four rows or columns): C = α·op(A)·op(B) + β·C. A product with one column or one row of C is a
 * matrix-vector product and goes to gemv; one with 2–4 columns is a matrix-vector product with
 * several vectors, reading each row of A once (what X·[w, ẇ] in a Hessian-vector product needs);
 * otherwise it runs as row updates, C_i ← β·C_i + Σ_p (α·A_ip)·B_p
 * (an axpy per element of A) when the rows of op(B) are contiguous, and as dot products
 * C_ij ← β·C_ij + α·A_i·B_j when op(B) is a transposed matrix. Same stride convention as {@link
 * PackedGemm}. Cost 2mnk flops.
 */
public final class SmallGemm {

  /** Products with at most this many columns run as matrix-vector products with several vectors. */
  public static final int MAX_FEW_COLUMNS = 4;

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
    if (n == 1 && acs == 1) {
      kernels.gemv(m, k, alpha, a, columnOf(b, k, brs), beta, c); // C = A·b
    } else if (n == 1 && ars == 1) {
      kernels.gemvTransposed(k, m, alpha, a, columnOf(b, k, brs), beta, c); // C = Aᵀ·b
    } else if (m == 1 && bcs == 1) {
      kernels.gemvTransposed(k, n, alpha, b, rowOf(a, k, acs), beta, c); // c = Bᵀ·a
    } else if (m == 1 && brs == 1) {
      kernels.gemv(n, k, alpha, b, rowOf(a, k, acs), beta, c); // c = B·a, B stored n×k
    } else if (n <= MAX_FEW_COLUMNS && acs == 1 && ars == k) {
      kernels.gemvColumns(m, k, n, alpha, a, brs == 1 ? b : transpose(b, k, n, brs), beta, c); // rows of A once
    } else if (n <= MAX_FEW_COLUMNS && ars == 1 && acs == m && bcs == 1 && brs == n) {
      kernels.gemvTransposedColumns(k, m, n, alpha, a, b, beta, c); // Aᵀ·B, rows of A once
    } else if (bcs == 1) {
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

  /** op(B) (k×n, element (p, j) at b[p·brs + j]) as n contiguous columns of length k. */
  private static double[] transpose(double[] b, int k, int n, int brs) {
    double[] t = new double[n * k];
    for (int p = 0; p < k; p++) {
      for (int j = 0; j < n; j++) {
        t[j * k + p] = b[p * brs + j];
      }
    }
    return t;
  }

  /** The single column of op(B) as a contiguous array (a copy only when it is strided). */
  private static double[] columnOf(double[] b, int k, int stride) {
    if (stride == 1) {
      return b;
    }
    double[] col = new double[k];
    for (int p = 0; p < k; p++) {
      col[p] = b[p * stride];
    }
    return col;
  }

  /** The single row of op(A) as a contiguous array (a copy only when it is strided). */
  private static double[] rowOf(double[] a, int k, int stride) {
    return columnOf(a, k, stride);
  }

  private static void scaleRow(Backend kernels, double[] c, int off, int n, double beta) {
    if (beta == 0.0) {
      java.util.Arrays.fill(c, off, off + n, 0.0);
    } else if (beta != 1.0) {
      kernels.scal(n, beta, c, off);
    }
  }
}
