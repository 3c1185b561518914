package io.github.hypergrad4j.bilevel.unrolled;

/**
 * The fixed-point arithmetic of {@link ExactReversibleMomentum}: numbers are integers c in units
 * of 2⁻⁴⁴ with |c| ≤ 2⁵³ − 1, so that every one of them is exactly a double (|x| &lt; 512,
 * resolution 2⁻⁴⁴ ≈ 5.7·10⁻¹⁴), and a multiplication by γ in [0, 1) that can be undone.
 *
 * <h2>Exact multiplication by γ</h2>
 *
 * c ↦ c' = ⌊c·γ⌋ loses information: several c share one c'. They form the interval
 *
 * <pre>    P(c') = {c : |c| ≤ 2⁵³ − 1, ⌊cγ⌋ = c'} = [lo(c'), hi(c')],   lo(c') = min{c : cγ ≥ c'}</pre>
 *
 * (⌊cγ⌋ is non-decreasing in c), with hi(c') = lo(c' + 1) − 1 clipped to the range. Knowing c', the
 * index c − lo(c') in [0, hi − lo] is exactly what was lost: {@link #multiply} pushes it on the
 * {@link InformationBuffer} in w = bitLength(hi − lo) bits, and {@link #divide} recomputes lo and
 * hi from c', pops w bits and returns lo + index. For γ in [½, 1) every P(c') has one or two
 * elements, so w is 0 or 1: about 2(1 − γ) bits per multiplication on average, against the
 * log₂(1/γ) of Maclaurin et al.'s Algorithm 3 (which keeps one arbitrary-precision integer per
 * weight and costs time proportional to its length per operation); here every operation is O(1).
 * For smaller γ, w ≤ ⌈log₂⌈1/γ⌉⌉; γ = 0 keeps all 54 bits of c.
 *
 * <p>⌊cγ⌋ and the test cγ ≥ c' are exact in double arithmetic: |c| ≤ 2⁵³ makes c a double, and
 * p = fl(cγ), e = fma(c, γ, −p) give cγ = p + e exactly (for γ ≥ 2⁻⁹⁰⁰, where e cannot underflow).
 * Since c' is an integer and rounding is monotone, cγ ≥ c' ⇔ p &gt; c' or (p = c' and e ≥ 0), and
 * ⌊cγ⌋ = ⌊p⌋ unless p is an integer and e &lt; 0.
 */
final class FixedPoint {

  /** Bits after the binary point. */
  static final int FRACTION_BITS = 44;
  /** The largest magnitude of a fixed-point integer: 2⁵³ − 1, so each is exactly a double. */
  static final long MAX = (1L << 53) - 1;
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

  /** The largest representable magnitude as a double, (2⁵³ − 1)·2⁻⁴⁴. */
  static double maxMagnitude() {
    return toDouble(MAX);
  }

  /** c' = ⌊c·γ⌋, pushing the index of c within P(c') when {@code buffer} is not null. */
  static long multiply(long c, double gamma, InformationBuffer buffer) {
    long product = floorProduct(c, gamma);
    if (buffer != null) {
      long lo = lowestPreimage(product, gamma);
      long hi = highestPreimage(product, gamma);
      buffer.push(c - lo, 64 - Long.numberOfLeadingZeros(hi - lo));
    }
    return product;
  }

  /** The c with ⌊c·γ⌋ = c' whose index {@link #multiply} pushed last: its exact inverse. */
  static long divide(long product, double gamma, InformationBuffer buffer) {
    long lo = lowestPreimage(product, gamma);
    long hi = highestPreimage(product, gamma);
    return lo + buffer.pop(64 - Long.numberOfLeadingZeros(hi - lo));
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

  /** Whether cγ ≥ bound exactly (|c| ≤ 2⁵³, bound an integer of at most 53 bits). */
  private static boolean productAtLeast(long c, double gamma, long bound) {
    double x = c;
    double p = x * gamma;
    double b = bound;
    return p > b || (p == b && Math.fma(x, gamma, -p) >= 0);
  }

  /** lo(c') = min{c ≥ −MAX : cγ ≥ c'}, or MAX + 1 when no c in range reaches c'. */
  private static long lowestPreimage(long product, double gamma) {
    if (gamma == 0) {
      return product <= 0 ? -MAX : MAX + 1;
    }
    double estimate = Math.ceil(product / gamma);
    long q = estimate <= -MAX ? -MAX : estimate >= MAX + 1 ? MAX + 1 : (long) estimate;
    while (q > -MAX && productAtLeast(q - 1, gamma, product)) {
      q--;
    }
    while (q <= MAX && !productAtLeast(q, gamma, product)) {
      q++;
    }
    return q;
  }

  /** hi(c') = lo(c' + 1) − 1, at most MAX. */
  private static long highestPreimage(long product, double gamma) {
    return Math.min(MAX, lowestPreimage(product + 1, gamma) - 1);
  }
}
