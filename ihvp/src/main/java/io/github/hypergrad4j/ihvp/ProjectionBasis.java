package io.github.hypergrad4j.ihvp;

import io.github.hypergrad4j.linalg.Kernels;
import java.util.Arrays;

/**
 * The stored directions of full reorthogonalisation: vectors u_j with partners w_j, w_iᵀu_j =
 * δ_ij (w_j = u_j for an orthonormal basis; for preconditioned CG, u_j = r_j/√(r_jᵀz_j) and w_j =
 * z_j/√(r_jᵀz_j), z_j = M⁻¹r_j), and the projection v ← v − Σ_j u_j (w_jᵀv) that removes from a
 * new vector what rounding let back in — classical Gram–Schmidt applied twice, which keeps the
 * basis orthogonal to working precision ("twice is enough": Giraud, Langou and Rozložník,
 * Comput. Math. Appl. 50, 2005).
 *
 * <p>Cost: 8·j·n flops per projection with j stored vectors; memory j·n doubles (twice that when
 * partnered), grown by doubling up to the capacity, beyond which vectors are no longer added.
 */
final class ProjectionBasis {

  private final int n;
  private final int capacity;
  private final boolean partnered;
  private double[] u = new double[0];
  private double[] w = u;
  private double[] coefficients = new double[0];
  private int size;

  /**
   * @param capacity the most vectors kept (also capped so that capacity·n fits an array)
   * @param partnered whether partners differ from the vectors (else w_j = u_j)
   */
  ProjectionBasis(int n, int capacity, boolean partnered) {
    this.n = n;
    this.capacity = (int) Math.max(0, Math.min(capacity, (Integer.MAX_VALUE - 8L) / Math.max(1, n)));
    this.partnered = partnered;
  }

  int size() {
    return size;
  }

  void clear() {
    size = 0;
  }

  /** Stores vector/scale with partner/scale (partner ignored unless partnered); false when full. */
  boolean add(double[] vector, double[] partner, double scale) {
    if (size == capacity) {
      return false;
    }
    if ((long) (size + 1) * n > u.length) {
      int rows = (int) Math.min(capacity, Math.max(16, 2L * size));
      u = Arrays.copyOf(u, rows * n);
      w = partnered ? Arrays.copyOf(w, rows * n) : u;
      coefficients = new double[rows];
    }
    Kernels.copy(n, vector, 0, u, size * n);
    Kernels.scal(n, 1 / scale, u, size * n);
    if (partnered) {
      Kernels.copy(n, partner, 0, w, size * n);
      Kernels.scal(n, 1 / scale, w, size * n);
    }
    size++;
    return true;
  }

  /** v ← v − U·(Wᵀv), twice. */
  void project(double[] v) {
    if (size == 0) {
      return;
    }
    for (int pass = 0; pass < 2; pass++) {
      Kernels.gemv(size, n, 1.0, w, v, 0.0, coefficients);
      Kernels.gemvTransposed(size, n, -1.0, u, coefficients, 1.0, v);
    }
  }
}
