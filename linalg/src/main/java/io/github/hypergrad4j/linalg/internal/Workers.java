package io.github.hypergrad4j.linalg.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The helper threads of {@link Parallel#split}: daemon threads that, after finishing a part, keep
 * polling for the next one for {@value #SPIN_NANOS} ns before they park. A kernel call on a
 * medium-sized operand (a matrix-vector product over a few MB, an element-wise map over 10⁵–10⁶
 * elements) takes 20–500 µs, and the calls of one sweep follow each other with gaps of a few µs.
 * Waking a parked thread costs tens of µs on a virtual machine: with the fork-join common pool,
 * whose idle workers park, two threads were slower than one on such calls (X·w then Xᵀ·z with
 * X 2000×500: 210–250 µs on two threads, 190–230 µs on one; 120–175 µs with polling helpers).
 * The price: an idle helper keeps a core busy for up to {@value #SPIN_NANOS} ns after each part,
 * which costs other processes of an oversubscribed machine some of their time.
 *
 * <p>A job's parts are claimed from a shared counter by the caller and by any helper that took
 * the job, so the caller never waits for a part nobody has started: with every helper busy (for
 * instance with another caller's job, or a nested split from inside a part) it runs all parts
 * itself. Which thread runs a part does not change what the part computes.
 */
final class Workers {

  /** How long an idle helper polls for work before it parks. */
  static final long SPIN_NANOS = 100_000;

  /** How long a caller polls for the parts other threads are running before it parks. */
  private static final long WAIT_SPIN_NANOS = 20_000;

  private static final Object GROW = new Object();
  private static volatile Helper[] helpers = new Helper[0];

  private Workers() {}

  /** Runs {@code body} on parts [bounds[t], bounds[t+1]) for every t, returning when all are done. */
  static void run(int[] bounds, Parallel.Range body) {
    int parts = bounds.length - 1;
    Job job = new Job(bounds, body);
    Helper[] hs = helpers(parts - 1);
    int offered = 0;
    for (int h = 0; h < hs.length && offered < parts - 1; h++) {
      if (hs[h].offer(job)) {
        offered++;
      }
    }
    job.work();
    job.awaitDone();
  }

  /** At least {@code count} helpers (created on first need, never more than asked for so far). */
  private static Helper[] helpers(int count) {
    Helper[] hs = helpers;
    if (hs.length >= count) {
      return hs;
    }
    synchronized (GROW) {
      hs = helpers;
      if (hs.length < count) {
        Helper[] grown = java.util.Arrays.copyOf(hs, count);
        for (int h = hs.length; h < count; h++) {
          grown[h] = new Helper(h + 1);
        }
        helpers = hs = grown;
      }
      return hs;
    }
  }

  /** One call's parts, claimed one at a time by whichever thread comes first. */
  private static final class Job {
    private final int[] bounds;
    private final Parallel.Range body;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicReference<Throwable> error = new AtomicReference<>();
    private volatile Thread waiter;

    Job(int[] bounds, Parallel.Range body) {
      this.bounds = bounds;
      this.body = body;
    }

    /** Whether every part has been claimed (some may still be running). */
    boolean claimed() {
      return next.get() >= bounds.length - 1;
    }

    /** Claims and runs parts until none is left. */
    void work() {
      int parts = bounds.length - 1;
      for (int t = next.getAndIncrement(); t < parts; t = next.getAndIncrement()) {
        try {
          if (error.get() == null) {
            body.run(bounds[t], bounds[t + 1]);
          }
        } catch (Throwable e) {
          error.compareAndSet(null, e);
        } finally {
          if (done.incrementAndGet() == parts) {
            Thread w = waiter;
            if (w != null) {
              LockSupport.unpark(w);
            }
          }
        }
      }
    }

    /** Waits for the parts other threads claimed; rethrows the first exception of any part. */
    void awaitDone() {
      int parts = bounds.length - 1;
      long start = System.nanoTime();
      while (done.get() < parts && System.nanoTime() - start < WAIT_SPIN_NANOS) {
        Thread.onSpinWait();
      }
      if (done.get() < parts) {
        // a part runs on a thread that may have lost its core: give the core away
        waiter = Thread.currentThread();
        while (done.get() < parts) {
          LockSupport.parkNanos(this, 1_000_000);
        }
      }
      Throwable e = error.get();
      if (e instanceof RuntimeException r) {
        throw r;
      }
      if (e instanceof Error r) {
        throw r;
      }
      if (e != null) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A daemon thread taking one job at a time from its slot. */
  private static final class Helper implements Runnable {
    private final AtomicReference<Job> slot = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean parked;

    Helper(int index) {
      thread = new Thread(this, "hypergrad4j-linalg-" + index);
      thread.setDaemon(true);
      thread.start();
    }

    /**
     * Hands {@code job} to this helper if it holds none, or only one whose parts are all claimed
     * (it may be finishing the last of them, or just about to let go of it); false when busy.
     */
    boolean offer(Job job) {
      Job held = slot.get();
      if ((held != null && !held.claimed()) || !slot.compareAndSet(held, job)) {
        return false;
      }
      if (parked) {
        LockSupport.unpark(thread);
      }
      return true;
    }

    @Override
    public void run() {
      long idleSince = System.nanoTime();
      while (true) {
        Job job = slot.get();
        if (job != null) {
          job.work();
          slot.compareAndSet(job, null); // unless a new job has replaced it already
          idleSince = System.nanoTime();
        } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
          Thread.onSpinWait();
        } else {
          parked = true;
          if (slot.get() == null) {
            LockSupport.park(this);
          }
          parked = false;
          idleSince = System.nanoTime();
        }
      }
    }
  }
}
