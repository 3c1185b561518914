package io.github.hypergrad4j.bilevel.unrolled;

/**
 * The fixed-point arithmetic of {@link ExactReversibleMomentum}: numbers are integers c in units
 * of 2⁻⁴⁴ with |c| ≤ 2⁵² − 1, so that every one of them is exactly a double (|x| &lt; 256,
 * resolution 2⁻⁴⁴ ≈ 5.7·10⁻¹⁴), and a multiplication by γ in [0, 1) that can be undone.
 *
 * <h2>Exact multiplication by γ</h2>
 *
 * The map c ↦ c' = ⌊γ(c + o)⌋ − ⌊γo⌋, for an integer offset o in [0, 2³²), is within one unit
 * of γc and loses information: several c share one c'. With u = c + o and p = c' + ⌊γo⌋ they are
 * the u with ⌊γu⌋ = p, an interval (⌊γu⌋ is non-decreasing in u):
 *
 * <pre>    P(p) = [lo(p), hi(p)],   lo(p) = min{u : γu ≥ p},   hi(p) = lo(p + 1) − 1</pre>
 *
 * clipped to the u of valid c. Knowing c', the index u − lo(p) in [0, hi − lo] is exactly what
 * was lost: {@link #multiply} pushes it on the {@link InformationBuffer} in w = bitLength(hi − lo)
 * bits, and {@link #divide} recomputes lo and hi from c', pops w bits and returns lo + index − o.
 * Every operation is O(1).
 *
 * <p><b>Bits stored.</b> For γ in [½, 1) every P(p) has one or two elements, so w is 0 or 1; the
 * u landing in a pair make up a fraction 2(1 − γ) of the integers, spread evenly, so for u
 * spread over many units a multiplication stores 2(1 − γ) bits on average (1, 0.6, 0.2, 0.02 for
 * γ = 0.5, 0.7, 0.9, 0.99), against the information bound log₂(1/γ) (1, 0.51, 0.15, 0.0145) that
 * Maclaurin et al.'s Algorithm 3 attains by keeping one arbitrary-precision integer per weight
 * (each operation then costs time proportional to its length, and its rounding error is up to the
 * numerator of γ in units, where this one is below one unit). For smaller γ, w ≤
 * ⌈log₂⌈1/γ⌉⌉; γ = 0 keeps all 53 bits of c. The offset o is what keeps the average honest: a
 * converged run holds v constant, at a fixed point of c ↦ ⌊γc⌋ − δ, and those fixed points are
 * where pairs are (one bit every step); a pseudo-random o per step and parameter moves the pairs
 * under it.
 *
 * <p><b>Exactness in double.</b> |u| &lt; 2⁵³ makes u a double; p = fl(uγ) and e = fma(u, γ, −p)
 * give uγ = p + e exactly (for γ ≥ 2⁻⁹⁰⁰, where e cannot underflow). Since p is an integer of
 * at most 53 bits and rounding is monotone, uγ ≥ p ⇔ fl(uγ) &gt; p or (fl(uγ) = p and e ≥ 0), and
 * ⌊uγ⌋ = ⌊fl(uγ)⌋ unless fl(uγ) is an integer and e &lt; 0.
 */
final class FixedPoint {

  /** Bits after the binary point. */
  static final int FRACTION_BITS = 44;
  /** The largest magnitude of a fixed-point integer: 2⁵² − 1, so each, plus an offset, is exactly a double. */
  static final long MAX = (1L << 52) - 1;
  /** Offsets o are below 2^OFFSET_BITS. */
  static final int OFFSET_BITS = 32;
  /** What {@link #round} returns for a value outside the range. */
  static final long OUT_OF_RANGE = Long.MIN_VALUE;
  /** The smallest positive γ whose products are exact (see the class comment). */
  static final double SMALLEST_GAMMA = 0x1p-900;

  private static final double SCALE = 0x1p44;
  private static final double UNIT = 0x1p-44;

  private FixedPoint() {}

  /** x rounded to the grid (to nearest, ties to even), or {@link #OUT_OF_RANGE} (also for NaN). */
  static long round(double x) {
    double s = Math.rint(x * SCALE);
    return Math.abs(s) <= MAX ? (long) s : OUT_OF_RANGE;
  }

  /** The integer of a double already on the grid (exact). */
  static long ofGrid(double x) {
    return (long) (x * SCALE);
  }

  /** The double of a fixed-point integer (exact). */
  static double toDouble(long c) {
    return c * UNIT;
  }

  /** Whether c is a fixed-point integer in range. */
  static boolean inRange(long c) {
    return c >= -MAX && c <= MAX;
  }

  /** The largest representable magnitude as a double, (2⁵² − 1)·2⁻⁴⁴. */
  static double maxMagnitude() {
    return toDouble(MAX);
  }

  /**
   * The offset for parameter i at step t: a 64-bit mix of (t, i), its top 32 bits. Any function
   * of (t, i) would be exact; a pseudo-random one spreads the stored bits evenly.
   */
  static long offset(int t, int i) {
    long z = 0x9E3779B97F4A7C15L * (t + 1L) + 0xD1B54A32D192ED03L * (i + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return (z ^ (z >>> 31)) >>> (64 - OFFSET_BITS);
  }

  /**
   * c' = ⌊γ(c + o)⌋ − ⌊γo⌋, pushing the index of c among the values with the same c' when {@code
   * buffer} is not null.
   */
  static long multiply(long c, double gamma, long offset, InformationBuffer buffer) {
    long u = c + offset;
    long p = floorProduct(u, gamma);
    if (buffer != null) {
      long lo = lowestPreimage(p, gamma, offset - MAX, offset + MAX);
      long hi = Math.min(offset + MAX, lowestPreimage(p + 1, gamma, offset - MAX, offset + MAX) - 1);
      buffer.push(u - lo, 64 - Long.numberOfLeadingZeros(hi - lo));
    }
    return p - floorProduct(offset, gamma);
  }

  /** The c with {@link #multiply}(c, γ, o) = c' whose index was pushed last: its exact inverse. */
  static long divide(long product, double gamma, long offset, InformationBuffer buffer) {
    long p = product + floorProduct(offset, gamma);
    long lo = lowestPreimage(p, gamma, offset - MAX, offset + MAX);
    long hi = Math.min(offset + MAX, lowestPreimage(p + 1, gamma, offset - MAX, offset + MAX) - 1);
    return lo + buffer.pop(64 - Long.numberOfLeadingZeros(hi - lo)) - offset;
  }

  /** ⌊cγ⌋ exactly. */
  static long floorProduct(long c, double gamma) {
    double x = c;
    double p = x * gamma;
    double e = Math.fma(x, gamma, -p);
    double f = Math.floor(p);
    if (f == p && e < 0) {
      f -= 1;
    }
    return (long) f;
  }

  /** Whether uγ ≥ bound exactly (|u| &lt; 2⁵³, bound an integer of at most 53 bits). */
  private static boolean productAtLeast(long u, double gamma, long bound) {
    double x = u;
    double p = x * gamma;
    double b = bound;
    return p > b || (p == b && Math.fma(x, gamma, -p) >= 0);
  }

  /** lo(p) = min{u in [min, max] : uγ ≥ p}, or max + 1 when no such u exists. */
  private static long lowestPreimage(long p, double gamma, long min, long max) {
    if (gamma == 0) {
      return p <= 0 ? min : max + 1;
    }
    double estimate = Math.ceil(p / gamma);
    long q = estimate <= min ? min : estimate >= max + 1 ? max + 1 : (long) estimate;
    while (q > min && productAtLeast(q - 1, gamma, p)) {
      q--;
    }
    while (q <= max && !productAtLeast(q, gamma, p)) {
      q++;
    }
    return q;
  }
}
