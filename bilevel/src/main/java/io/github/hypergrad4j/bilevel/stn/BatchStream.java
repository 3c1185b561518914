package io.github.hypergrad4j.bilevel.stn;

import java.util.SplittableRandom;

/**
 * Mini-batches by epochs: each epoch is a fresh seeded permutation of the n examples
 * (Fisher–Yates), cut into consecutive batches of the given size; a remainder shorter than a
 * batch is skipped. A size of 0, or of n or more, gives the whole set, in order, every time.
 * Cost: O(n) per epoch, O(size) per batch.
 */
final class BatchStream {

  private final int n;
  private final int size;
  private final SplittableRandom random;
  private final int[] order;
  private int next;
  private long seen;

  BatchStream(int n, int size, SplittableRandom random) {
    this.n = n;
    this.size = size == 0 || size >= n ? n : size;
    this.random = random;
    this.order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    this.next = this.size == n ? 0 : n; // shuffle before the first batch
  }

  /** The rows of the next batch. */
  int[] next() {
    if (size == n) {
      seen += n;
      return order.clone();
    }
    if (next + size > n) {
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      next = 0;
    }
    int[] rows = new int[size];
    System.arraycopy(order, next, rows, 0, size);
    next += size;
    seen += size;
    return rows;
  }

  /** Examples handed out so far divided by n. */
  double epochs() {
    return (double) seen / n;
  }
}
