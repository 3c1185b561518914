package io.github.hypergrad4j.bilevel.unrolled;

import java.util.Arrays;

/**
 * A stack of bits: the information an exactly reversible training run discards, pushed in the
 * forward run and popped, last in first out, when the run is undone. Fields of 0 to 63 bits are
 * packed into 64-bit words without gaps; the word array doubles when full (amortised O(1) per
 * push, at most twice the bits held plus one word of slack).
 */
final class InformationBuffer {

  private long[] words = new long[16];
  private long size;
  private long peak;

  /** Pushes the low {@code width} bits of {@code value} (the others must be 0). */
  void push(long value, int width) {
    if (width == 0) {
      return;
    }
    long end = size + width;
    int lastWord = (int) ((end - 1) >>> 6);
    if (lastWord >= words.length) {
      words = Arrays.copyOf(words, Math.max(2 * words.length, lastWord + 1));
    }
    int word = (int) (size >>> 6);
    int offset = (int) (size & 63);
    words[word] |= value << offset;
    if (offset + width > 64) {
      words[word + 1] |= value >>> (64 - offset);
    }
    size = end;
    peak = Math.max(peak, size);
  }

  /** Pops the last {@code width} bits pushed. */
  long pop(int width) {
    if (width == 0) {
      return 0;
    }
    if (width > size) {
      throw new IllegalStateException("InformationBuffer: popping " + width + " bits from " + size);
    }
    size -= width;
    int word = (int) (size >>> 6);
    int offset = (int) (size & 63);
    long mask = (1L << width) - 1;
    long value = words[word] >>> offset;
    words[word] &= ~(mask << offset);
    if (offset + width > 64) {
      int spill = offset + width - 64;
      value |= words[word + 1] << (64 - offset);
      words[word + 1] &= ~((1L << spill) - 1);
    }
    return value & mask;
  }

  /** The bits held now. */
  long bits() {
    return size;
  }

  /** The most bits held at any time. */
  long peakBits() {
    return peak;
  }
}
