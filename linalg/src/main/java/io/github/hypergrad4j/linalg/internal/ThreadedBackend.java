package io.github.hypergrad4j.linalg.internal;

/**
 * A {@link Backend} that splits the kernels large enough to repay it over up to {@code threads}
 * threads ({@link Parallel}) and runs everything else on the caller's thread, with results
 * bit-identical for any number of threads:
 *
 * <ul>
 *   <li>element-wise kernels (axpy, scal, the binary operations, the transcendental maps) and the
 *       matrix-vector products split their output into contiguous ranges aligned to {@link
 *       Backend#ALIGN}; every output element is computed exactly as on the whole range;
 *   <li>sums (dot, sum, the sums of squares of the norm) are always taken over the same chunks of
 *       {@link Parallel#REDUCTION_CHUNK} elements, added in chunk order, one thread or many; so a
 *       sum of more than one chunk rounds differently from the inner backend's single pass, but
 *       never differently between thread counts;
 *   <li>the maximum is split freely (max does not round).
 * </ul>
 *
 * <p>A part gets at least {@value #ELEMENTWISE_GRAIN} elements of a cheap element-wise kernel,
 * {@value #MAP_GRAIN} of a transcendental map, {@value #PRODUCT_GRAIN} multiply-adds of a
 * matrix-vector product, and two chunks of a sum; below that a kernel runs on the caller's thread
 * alone. The matrix product keeps its own split ({@link PackedGemm}).
 */
public final class ThreadedBackend implements Backend {

  /** Elements per part of a cheap element-wise kernel (memory-bound: 512 KiB per array). */
  public static final int ELEMENTWISE_GRAIN = 1 << 16;

  /** Elements per part of a transcendental map (a few ns per element). */
  static final int MAP_GRAIN = 1 << 13;

  /** Multiply-adds per part of a matrix-vector product. */
  static final int PRODUCT_GRAIN = 1 << 17;

  private final Backend inner;
  private final int threads;

  /** {@code inner}'s kernels on up to {@code threads} threads. */
  public ThreadedBackend(Backend inner, int threads) {
    this.inner = inner;
    this.threads = Math.max(1, threads);
  }

  /** The backend that computes each part. */
  public Backend inner() {
    return inner;
  }

  @Override
  public String name() {
    return inner.name();
  }

  private int parts(long work, long grain) {
    return Parallel.parts(work, grain, threads);
  }

  @Override
  public double dot(int n, double[] x, int xOff, double[] y, int yOff) {
    if (n <= Parallel.REDUCTION_CHUNK) {
      return inner.dot(n, x, xOff, y, yOff);
    }
    return Parallel.sumOfChunks(n, threads, 2, (f, t) -> inner.dot(t - f, x, xOff + f, y, yOff + f));
  }

  @Override
  public double sumOfScaledSquares(int n, double[] x, int off, double s) {
    if (n <= Parallel.REDUCTION_CHUNK) {
      return inner.sumOfScaledSquares(n, x, off, s);
    }
    return Parallel.sumOfChunks(n, threads, 2, (f, t) -> inner.sumOfScaledSquares(t - f, x, off + f, s));
  }

  @Override
  public double sum(int n, double[] x, int off) {
    if (n <= Parallel.REDUCTION_CHUNK) {
      return inner.sum(n, x, off);
    }
    return Parallel.sumOfChunks(n, threads, 2, (f, t) -> inner.sum(t - f, x, off + f));
  }

  @Override
  public double maxAbs(int n, double[] x, int off) {
    int parts = parts(n, ELEMENTWISE_GRAIN);
    if (parts == 1) {
      return inner.maxAbs(n, x, off);
    }
    double[] max = new double[parts];
    int chunk = (n + parts - 1) / parts;
    Parallel.split(parts, parts, 1, (f, t) -> {
      for (int p = f; p < t; p++) {
        int lo = Math.min(n, p * chunk);
        max[p] = inner.maxAbs(Math.min(n, lo + chunk) - lo, x, off + lo);
      }
    });
    double m = 0.0;
    for (double v : max) {
      m = Math.max(m, v);
    }
    return m;
  }

  @Override
  public void axpy(int n, double a, double[] x, int xOff, double[] y, int yOff) {
    int parts = parts(n, ELEMENTWISE_GRAIN);
    if (parts == 1) {
      inner.axpy(n, a, x, xOff, y, yOff);
      return;
    }
    Parallel.split(n, parts, ALIGN, (f, t) -> inner.axpy(t - f, a, x, xOff + f, y, yOff + f));
  }

  @Override
  public void scal(int n, double a, double[] x, int off) {
    int parts = parts(n, ELEMENTWISE_GRAIN);
    if (parts == 1) {
      inner.scal(n, a, x, off);
      return;
    }
    Parallel.split(n, parts, ALIGN, (f, t) -> inner.scal(t - f, a, x, off + f));
  }

  @Override
  public void elementwise(
      ElementwiseOp op, int n, double[] x, int xOff, double[] y, int yOff, double[] out, int outOff) {
    // an output overlapping an input at another offset is computed in one pass, as documented
    boolean shifted = (out == x && outOff != xOff) || (out == y && outOff != yOff);
    int parts = shifted ? 1 : parts(n, ELEMENTWISE_GRAIN);
    if (parts == 1) {
      inner.elementwise(op, n, x, xOff, y, yOff, out, outOff);
      return;
    }
    Parallel.split(n, parts, ALIGN, (f, t) -> inner.elementwise(op, t - f, x, xOff + f, y, yOff + f, out, outOff + f));
  }

  @Override
  public void map(ElementwiseFunction fn, int n, double[] x, int xOff, double[] out, int outOff) {
    int parts = out == x && outOff != xOff ? 1 : parts(n, MAP_GRAIN);
    if (parts == 1) {
      inner.map(fn, n, x, xOff, out, outOff);
      return;
    }
    Parallel.split(n, parts, ALIGN, (f, t) -> inner.map(fn, t - f, x, xOff + f, out, outOff + f));
  }

  @Override
  public void gemvRows(int from, int to, int n, double alpha, double[] a, double[] x, double beta, double[] y) {
    int rows = to - from;
    if (parts((long) rows * n, PRODUCT_GRAIN) == 1) {
      inner.gemvRows(from, to, n, alpha, a, x, beta, y);
      return;
    }
    Parallel.split(rows, parts((long) rows * n, PRODUCT_GRAIN), 4,
        (f, t) -> inner.gemvRows(from + f, from + t, n, alpha, a, x, beta, y));
  }

  @Override
  public void gemvTransposedRange(
      int m, int n, int from, int to, double alpha, double[] a, double[] x, double beta, double[] y) {
    int cols = to - from;
    if (parts((long) m * cols, PRODUCT_GRAIN) == 1) {
      inner.gemvTransposedRange(m, n, from, to, alpha, a, x, beta, y);
      return;
    }
    Parallel.split(cols, parts((long) m * cols, PRODUCT_GRAIN), ALIGN,
        (f, t) -> inner.gemvTransposedRange(m, n, from + f, from + t, alpha, a, x, beta, y));
  }

  @Override
  public void gemvPairRows(
      int from, int to, int n, double alpha, double[] a, double[] x1, double[] x2, double beta,
      double[] y1, double[] y2) {
    int rows = to - from;
    int parts = parts((long) rows * n * 2, PRODUCT_GRAIN);
    if (parts == 1) {
      inner.gemvPairRows(from, to, n, alpha, a, x1, x2, beta, y1, y2);
      return;
    }
    Parallel.split(rows, parts, 4, (f, t) -> inner.gemvPairRows(from + f, from + t, n, alpha, a, x1, x2, beta, y1, y2));
  }

  @Override
  public void gemvTransposedPairRange(
      int m, int n, int from, int to, double alpha, double[] a, double[] x1, double[] x2, double beta,
      double[] y1, double[] y2) {
    int cols = to - from;
    int parts = parts((long) m * cols * 2, PRODUCT_GRAIN);
    if (parts == 1) {
      inner.gemvTransposedPairRange(m, n, from, to, alpha, a, x1, x2, beta, y1, y2);
      return;
    }
    Parallel.split(cols, parts, ALIGN,
        (f, t) -> inner.gemvTransposedPairRange(m, n, from + f, from + t, alpha, a, x1, x2, beta, y1, y2));
  }

  @Override
  public void gemvColumnsRows(
      int from, int to, int k, int cols, double alpha, double[] a, double[] b, double beta, double[] c) {
    int rows = to - from;
    if (parts((long) rows * k * cols, PRODUCT_GRAIN) == 1) {
      inner.gemvColumnsRows(from, to, k, cols, alpha, a, b, beta, c);
      return;
    }
    Parallel.split(rows, parts((long) rows * k * cols, PRODUCT_GRAIN), 4,
        (f, t) -> inner.gemvColumnsRows(from + f, from + t, k, cols, alpha, a, b, beta, c));
  }

  @Override
  public void gemvTransposedColumnsRange(
      int k, int m, int from, int to, int cols, double alpha, double[] a, double[] b, double beta, double[] c) {
    int w = to - from;
    if (parts((long) w * k * cols, PRODUCT_GRAIN) == 1) {
      inner.gemvTransposedColumnsRange(k, m, from, to, cols, alpha, a, b, beta, c);
      return;
    }
    Parallel.split(w, parts((long) w * k * cols, PRODUCT_GRAIN), ALIGN,
        (f, t) -> inner.gemvTransposedColumnsRange(k, m, from + f, from + t, cols, alpha, a, b, beta, c));
  }

  @Override
  public void rankOneUpdate(int m, int n, double alpha, double[] x, double[] y, double[] a) {
    // each row of A is one axpy, computed alike in any split of the rows
    Parallel.split(m, parts((long) m * n, PRODUCT_GRAIN), 1, (f, t) -> {
      for (int i = f; i < t; i++) {
        inner.axpy(n, alpha * x[i], y, 0, a, i * n);
      }
    });
  }

  @Override
  public GemmMicroKernel gemmMicroKernel() {
    return inner.gemmMicroKernel();
  }
}
