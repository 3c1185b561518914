package io.github.hypergrad4j.linalg.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * {@link Parallel#split} on the polling helper threads of {@link Workers}: every index is run
 * exactly once in aligned parts on awkward sizes, whoever runs the parts; an exception of any part
 * reaches the caller as itself and leaves the helpers usable; a split inside a part (nested) and
 * splits from several threads at once finish with the right results instead of waiting on each
 * other; a helper that has parked is woken by the next job.
 */
class WorkersTest {

  /** Counts how often each index of [0, n) is visited by a split into {@code parts} parts. */
  private static AtomicIntegerArray visits(int n, int parts, int align) {
    AtomicIntegerArray seen = new AtomicIntegerArray(n);
    Parallel.split(n, parts, align, (from, to) -> {
      if (from % align != 0 || (to % align != 0 && to != n)) {
        throw new AssertionError("unaligned part [" + from + ", " + to + ")");
      }
      for (int i = from; i < to; i++) {
        seen.incrementAndGet(i);
      }
    });
    return seen;
  }

  @Test
  void everyIndexRunsOnceInAlignedPartsOnAwkwardSizes() {
    for (int n : new int[] {1, 63, 64, 65, 1000, 100_003}) {
      for (int parts : new int[] {2, 3, 5}) {
        for (int align : new int[] {1, 4, 64}) {
          AtomicIntegerArray seen = visits(n, parts, align);
          for (int i = 0; i < n; i++) {
            assertEquals(1, seen.get(i), "n " + n + ", parts " + parts + ", align " + align + ", index " + i);
          }
        }
      }
    }
  }

  @Test
  void anExceptionOfAnyPartReachesTheCallerAsItselfAndTheHelpersStillWork() {
    for (int failing = 0; failing < 3; failing++) {
      int bad = failing;
      IllegalStateException thrown = new IllegalStateException("part " + bad);
      IllegalStateException seen = assertThrows(IllegalStateException.class,
          () -> Parallel.split(3000, 3, 1, (from, to) -> {
            if (from / 1000 == bad) {
              throw thrown;
            }
          }));
      assertSame(thrown, seen);
      AtomicIntegerArray after = visits(3000, 3, 1);
      for (int i = 0; i < 3000; i++) {
        assertEquals(1, after.get(i));
      }
    }
  }

  @Test
  void nestedSplitsAndConcurrentCallersFinishWithTheRightSums() throws Exception {
    int n = 4096;
    long expected = (long) n * (n - 1) / 2;
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      // a split inside each part of a split
      long[] inner = new long[4];
      Parallel.split(4, 4, 1, (from, to) -> {
        for (int p = from; p < to; p++) {
          long[] partial = new long[8];
          Parallel.split(n, 8, 64, (f, t) -> {
            long s = 0;
            for (int i = f; i < t; i++) {
              s += i;
            }
            partial[f / (n / 8)] = s;
          });
          long s = 0;
          for (long v : partial) {
            s += v;
          }
          inner[p] = s;
        }
      });
      assertArrayEquals(new long[] {expected, expected, expected, expected}, inner);
      // eight callers at once, each splitting many times
      ExecutorService callers = Executors.newFixedThreadPool(8);
      try {
        List<Future<Long>> results = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
          results.add(callers.submit(() -> {
            long total = 0;
            for (int rep = 0; rep < 200; rep++) {
              long[] partial = new long[2];
              Parallel.split(n, 2, 64, (f, t) -> {
                long s = 0;
                for (int i = f; i < t; i++) {
                  s += i;
                }
                partial[f == 0 ? 0 : 1] = s;
              });
              total += partial[0] + partial[1];
            }
            return total;
          }));
        }
        for (Future<Long> r : results) {
          assertEquals(200 * expected, r.get());
        }
      } finally {
        callers.shutdownNow();
      }
    });
  }

  @Test
  void aParkedHelperIsWokenByTheNextJob() throws Exception {
    visits(1000, 2, 1);
    Thread.sleep(Workers.SPIN_NANOS / 1_000_000 + 50); // the helper has stopped polling and parked
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      for (int rep = 0; rep < 20; rep++) {
        AtomicIntegerArray seen = visits(1000, 2, 1);
        for (int i = 0; i < 1000; i++) {
          assertEquals(1, seen.get(i));
        }
        Thread.sleep(1);
      }
    });
  }
}
