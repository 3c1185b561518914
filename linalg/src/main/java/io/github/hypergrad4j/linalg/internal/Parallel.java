package io.github.hypergrad4j.linalg.internal;

/**
 * Running a loop over [0, n) in contiguous parts on several threads: the calling thread and the
 * polling helper threads of {@link Workers} share the parts out, and the call returns when all are
 * done. Part boundaries are multiples of a given alignment (the last part ends at n), so that
 * a kernel run on a part takes, element for element, the same path (vector body or scalar tail) as
 * on the whole range: results that do not combine across elements are bit-identical however the
 * range is split. Reductions, which do combine, use {@link #sumOfChunks}, whose partition does not
 * depend on the number of threads at all.
 */
public final class Parallel {

  /**
   * Elements per chunk of a reduction: sums of more elements are taken over chunks of this many
   * (the last one shorter) and the partial sums added in chunk order.
   */
  public static final int REDUCTION_CHUNK = 1 << 14;

  /** A loop body over the half-open range [from, to). */
  @FunctionalInterface
  public interface Range {
    void run(int from, int to);
  }

  /** A partial result over [from, to). */
  @FunctionalInterface
  public interface PartialSum {
    double over(int from, int to);
  }

  private Parallel() {}

  /**
   * How many parts a loop over n elements splits into: at most {@code threads}, and at least
   * {@code grain} elements per part (1 when n &lt; 2·grain).
   */
  public static int parts(long n, long grain, int threads) {
    if (threads <= 1 || n < 2 * grain) {
      return 1;
    }
    return (int) Math.min(threads, n / grain);
  }

  /**
   * Runs {@code body} over [0, n) in {@code parts} contiguous parts with boundaries at multiples of
   * {@code align}; returns when every part is done (an exception in a part is rethrown).
   */
  public static void split(int n, int parts, int align, Range body) {
    int units = (n + align - 1) / align;
    parts = Math.max(1, Math.min(parts, units));
    if (parts == 1) {
      body.run(0, n);
      return;
    }
    int[] bounds = new int[parts + 1];
    for (int t = 0; t <= parts; t++) {
      bounds[t] = (int) Math.min(n, (long) units * t / parts * align);
    }
    Workers.run(bounds, body);
  }

  /**
   * Σ over [0, n) computed as partial sums over fixed chunks of {@value #REDUCTION_CHUNK} elements,
   * added in chunk order: ((s₀ + s₁) + s₂) + …. The chunks, and so the rounding, are the same for
   * any number of threads (the chunks are shared out between {@code threads} threads, at least
   * {@code minChunksPerPart} per thread). Up to one chunk, this is {@code partial.over(0, n)}.
   */
  public static double sumOfChunks(int n, int threads, int minChunksPerPart, PartialSum partial) {
    if (n <= REDUCTION_CHUNK) {
      return partial.over(0, n);
    }
    int chunks = (n + REDUCTION_CHUNK - 1) / REDUCTION_CHUNK;
    double[] sums = new double[chunks];
    split(chunks, parts(chunks, minChunksPerPart, threads), 1, (from, to) -> {
      for (int c = from; c < to; c++) {
        int lo = c * REDUCTION_CHUNK;
        sums[c] = partial.over(lo, Math.min(n, lo + REDUCTION_CHUNK));
      }
    });
    double s = sums[0];
    for (int c = 1; c < chunks; c++) {
      s += sums[c];
    }
    return s;
  }
}
