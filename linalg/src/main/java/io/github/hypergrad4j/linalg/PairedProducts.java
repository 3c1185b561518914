package io.github.hypergrad4j.linalg;

import static io.github.hypergrad4j.linalg.ArgumentChecks.distinct;
import static io.github.hypergrad4j.linalg.ArgumentChecks.matrix;

import io.github.hypergrad4j.linalg.internal.PackedGemm;
import io.github.hypergrad4j.linalg.internal.SmallGemm;

/**
 * Two matrix products that share their left factor, computed as one: what forward-over-reverse
 * needs wherever a value and its tangent (or an adjoint and its tangent) meet the same matrix,
 * e.g. X·[W, Ẇ] forward and Xᵀ·[Z̄, Z̄̇] backward. Each result is bit-identical to its own {@link
 * Kernels} call; the pair costs about one call's memory traffic. Layout, checks and threads are
 * those of {@link Kernels}.
 */
public final class PairedProducts {

  private PairedProducts() {}

  /**
   * The two products C₁ ← α·A·B₁ + β·C₁ and C₂ ← α·A·B₂ + β·C₂ that share A (A m×k, B₁ and B₂
   * k×n, C₁ and C₂ m×n): what a Hessian-vector product needs for X·[W, Ẇ] forward. Bit-identical
   * to the two {@link Kernels#gemm} calls, at the cost of one: each block of A is packed once and streamed
   * past the micro-panels of both B's; with one column (n = 1, A·[w, ẇ]) each row of A is read
   * once for both matrix-vector products, with no copy; another product small enough to skip
   * packing runs as the two calls. 4mnk flops. C₁ and C₂ must be distinct and alias no operand; B₁ may be B₂.
   */
  public static void gemmPair(
      int m, int n, int k, double alpha, double[] a, double[] b1, double[] b2, double beta,
      double[] c1, double[] c2) {
    checkGemmPair("gemmPair", m, n, k, a, m, k, b1, b2, k, n, c1, c2);
    productPair(m, n, k, alpha, a, k, 1, b1, b2, n, 1, beta, c1, c2);
  }

  /**
   * C₁ ← α·Aᵀ·B₁ + β·C₁ and C₂ ← α·Aᵀ·B₂ + β·C₂ with A stored k×m, B₁ and B₂ k×n: the
   * transposed-A form of {@link #gemmPair} (Xᵀ·[Z̄, Z̄̇] backward), bit-identical to two {@link
   * Kernels#gemmTransposedA} calls. 4mnk flops.
   */
  public static void gemmPairTransposedA(
      int m, int n, int k, double alpha, double[] a, double[] b1, double[] b2, double beta,
      double[] c1, double[] c2) {
    checkGemmPair("gemmPairTransposedA", m, n, k, a, k, m, b1, b2, k, n, c1, c2);
    productPair(m, n, k, alpha, a, 1, m, b1, b2, n, 1, beta, c1, c2);
  }

  /**
   * C₁ ← α·A·B₁ᵀ + β·C₁ and C₂ ← α·A·B₂ᵀ + β·C₂ with A m×k, B₁ and B₂ stored n×k: the
   * transposed-B form of {@link #gemmPair}, bit-identical to two {@link Kernels#gemmTransposedB} calls.
   * 4mnk flops.
   */
  public static void gemmPairTransposedB(
      int m, int n, int k, double alpha, double[] a, double[] b1, double[] b2, double beta,
      double[] c1, double[] c2) {
    checkGemmPair("gemmPairTransposedB", m, n, k, a, m, k, b1, b2, n, k, c1, c2);
    productPair(m, n, k, alpha, a, k, 1, b1, b2, 1, k, beta, c1, c2);
  }

  private static void checkGemmPair(
      String name, int m, int n, int k, double[] a, int aRows, int aCols, double[] b1, double[] b2,
      int bRows, int bCols, double[] c1, double[] c2) {
    Kernels.checkGemm(name, m, n, k, a, aRows, aCols, b1, bRows, bCols, c1);
    matrix(name, "B2", b2, bRows, bCols);
    matrix(name, "C2", c2, m, n);
    distinct(name, "C2", c2, "A", a);
    distinct(name, "C2", c2, "B", b1);
    distinct(name, "C2", c2, "B2", b2);
    distinct(name, "C", c1, "B2", b2);
    distinct(name, "C2", c2, "C", c1);
  }

  /**
   * Two products sharing op(A): one packed pass when packed; two matrix-vector products (one
   * column each) in one pass over A, each bit-identical to its own call; else the two small
   * products.
   */
  private static void productPair(
      int m, int n, int k, double alpha, double[] a, int ars, int acs, double[] b1, double[] b2,
      int brs, int bcs, double beta, double[] c1, double[] c2) {
    if (Kernels.packed(m, n, k)) {
      PackedGemm.multiply(Kernels.B.gemmMicroKernel(), m, n, k, alpha, a, ars, acs, new double[][] {b1, b2}, brs, bcs,
          beta, new double[][] {c1, c2}, Kernels.THREADS);
      return;
    }
    if (n == 1 && brs == 1 && alpha != 0.0 && k != 0) {
      // two matrix-vector products (as SmallGemm would route them), one pass over A for both
      if (acs == 1) {
        Kernels.B.gemvPair(m, k, alpha, a, b1, b2, beta, c1, c2);
        return;
      }
      if (ars == 1) {
        Kernels.B.gemvTransposedPair(k, m, alpha, a, b1, b2, beta, c1, c2);
        return;
      }
    }
    SmallGemm.multiply(Kernels.B, m, n, k, alpha, a, ars, acs, b1, brs, bcs, beta, c1);
    SmallGemm.multiply(Kernels.B, m, n, k, alpha, a, ars, acs, b2, brs, bcs, beta, c2);
  }
}
