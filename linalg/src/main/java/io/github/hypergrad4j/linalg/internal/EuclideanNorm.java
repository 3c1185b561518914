package io.github.hypergrad4j.linalg.internal;

/**
 * The Euclidean norm ‖x‖₂ without overflow or harmful underflow, at the cost of one pass in the
 * common case.
 *
 * <p>First pass: s = Σ x_i². When s is finite and at least 2⁻⁶⁰⁰ no term overflowed and every
 * underflowed term (below 2⁻¹⁰²²) is negligible against s, so √s is accurate. Otherwise a second
 * pass rescales by the power of two 2⁻ᵉ nearest the largest magnitude (exact, no rounding):
 * ‖x‖ = 2ᵉ·√(Σ (2⁻ᵉ x_i)²). This is the two-pass scaling idea of LAPACK's DNRM2 replaced by one
 * exact power-of-two scale (cf. J. L. Blue, "A portable Fortran program to find the Euclidean
 * norm of a vector", ACM TOMS 4(1), 1978, for the thresholds' reasoning).
 */
public final class EuclideanNorm {

  private static final double SMALL = 0x1p-600;

  private EuclideanNorm() {}

  /** ‖x[off..off+n)‖₂ computed with {@code backend}; NaN if any element is NaN, ∞ if any is ∞. */
  public static double of(Backend backend, int n, double[] x, int off) {
    double s = backend.sumOfScaledSquares(n, x, off, 1.0);
    if (s >= SMALL && s < Double.POSITIVE_INFINITY) {
      return Math.sqrt(s);
    }
    if (Double.isNaN(s)) {
      return Double.NaN;
    }
    double max = backend.maxAbs(n, x, off);
    if (max == 0.0 || Double.isNaN(max) || Double.isInfinite(max)) {
      return max;
    }
    int e = Math.getExponent(max);
    double scaled = backend.sumOfScaledSquares(n, x, off, Math.scalb(1.0, -e));
    return Math.scalb(Math.sqrt(scaled), e);
  }
}
