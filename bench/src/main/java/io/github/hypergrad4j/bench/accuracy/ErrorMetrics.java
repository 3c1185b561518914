package io.github.hypergrad4j.bench.accuracy;

/**
 * How far an approximate hypergradient h is from the exact one h*: the relative error
 * ‖h − h*‖₂/‖h*‖₂ (its size and direction together) and the cosine similarity ⟨h, h*⟩/(‖h‖₂·‖h*‖₂)
 * (its direction only, which is what a normalised or adaptive outer step such as Adam mostly
 * uses). Both cost O(n) flops; the norms are accumulated with scaling (as in LAPACK's dnrm2) so
 * they neither overflow nor underflow for any finite input.
 */
public final class ErrorMetrics {

  private ErrorMetrics() {}

  /**
   * ‖h − h*‖₂ / ‖h*‖₂.
   *
   * @param h the approximation
   * @param exact h*, not all zero
   * @return the relative error, +∞ if h holds ±∞, NaN if it holds NaN
   * @throws IllegalArgumentException if the lengths differ or h* is zero
   */
  public static double relativeError(double[] h, double[] exact) {
    checkLengths("relativeError", h, exact);
    double[] difference = new double[h.length];
    for (int i = 0; i < h.length; i++) {
      difference[i] = h[i] - exact[i];
    }
    double scale = norm(exact);
    if (scale == 0) {
      throw new IllegalArgumentException("relativeError: the exact vector is zero, so no relative error exists");
    }
    return norm(difference) / scale;
  }

  /**
   * ⟨h, h*⟩ / (‖h‖₂·‖h*‖₂), in [−1, 1]; 0 when h = 0 (no direction at all, as far from h* as an
   * orthogonal vector).
   *
   * @param h the approximation
   * @param exact h*, not all zero
   * @return the cosine similarity, NaN if h holds NaN
   * @throws IllegalArgumentException if the lengths differ or h* is zero
   */
  public static double cosineSimilarity(double[] h, double[] exact) {
    checkLengths("cosineSimilarity", h, exact);
    double exactNorm = norm(exact);
    if (exactNorm == 0) {
      throw new IllegalArgumentException("cosineSimilarity: the exact vector is zero, so it has no direction");
    }
    double hNorm = norm(h);
    if (hNorm == 0) {
      return 0;
    }
    double dot = 0;
    for (int i = 0; i < h.length; i++) {
      dot += (h[i] / hNorm) * (exact[i] / exactNorm);
    }
    return Math.max(-1, Math.min(1, dot));
  }

  /** ‖x‖₂ with scaling: max|x_i|·‖x / max|x_i|‖₂. */
  static double norm(double[] x) {
    double max = 0;
    for (double v : x) {
      if (Double.isNaN(v)) {
        return Double.NaN;
      }
      max = Math.max(max, Math.abs(v));
    }
    if (max == 0 || Double.isInfinite(max)) {
      return max;
    }
    double s = 0;
    for (double v : x) {
      double t = v / max;
      s += t * t;
    }
    return max * Math.sqrt(s);
  }

  private static void checkLengths(String what, double[] h, double[] exact) {
    if (h == null || exact == null || h.length != exact.length) {
      throw new IllegalArgumentException(what + ": needs two vectors of equal length, got "
          + (h == null ? "null" : h.length) + " and " + (exact == null ? "null" : exact.length));
    }
  }
}
