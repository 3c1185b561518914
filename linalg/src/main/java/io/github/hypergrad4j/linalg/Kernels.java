package io.github.hypergrad4j.linalg;

import static io.github.hypergrad4j.linalg.ArgumentChecks.distinct;
import static io.github.hypergrad4j.linalg.ArgumentChecks.matrix;
import static io.github.hypergrad4j.linalg.ArgumentChecks.nonNegative;
import static io.github.hypergrad4j.linalg.ArgumentChecks.range;
import static io.github.hypergrad4j.linalg.ArgumentChecks.sameLength;
import static io.github.hypergrad4j.linalg.ArgumentChecks.vector;

import io.github.hypergrad4j.linalg.internal.Backend;
import io.github.hypergrad4j.linalg.internal.BackendSelector;
import io.github.hypergrad4j.linalg.internal.ElementwiseFunction;
import io.github.hypergrad4j.linalg.internal.ElementwiseOp;
import io.github.hypergrad4j.linalg.internal.EuclideanNorm;
import io.github.hypergrad4j.linalg.internal.PackedGemm;
import io.github.hypergrad4j.linalg.internal.Parallel;
import io.github.hypergrad4j.linalg.internal.ScalarBackend;
import io.github.hypergrad4j.linalg.internal.SmallGemm;
import io.github.hypergrad4j.linalg.internal.ThreadedBackend;
import java.util.Arrays;

/**
 * Dense kernels on {@code double[]}: the BLAS levels 1–3 that the rest of hypergrad4j is built
 * on.
 *
 * <p><b>Layout.</b> Vectors are arrays, optionally with an offset and a length. Matrices are
 * row-major and contiguous: element (i, j) of an m×n matrix {@code a} is {@code a[i·n + j]}; an
 * array may be longer than the matrix it holds.
 *
 * <p><b>Checks.</b> Every entry point validates its sizes and offsets first and throws {@link
 * IllegalArgumentException} naming the kernel, the argument and the sizes seen; nothing is read
 * or written when a check fails. Outputs of the element-wise kernels may alias their inputs; the
 * output of a matrix product may not alias an operand (checked).
 *
 * <p><b>Implementations.</b> Two exist behind this facade, chosen once when the class is loaded
 * ({@link #implementation()} tells which and why): the Vector API ({@code jdk.incubator.vector},
 * chosen when the JVM runs with {@code --add-modules jdk.incubator.vector} and the CPU's
 * preferred vector is at least 256 bits) and plain Java (otherwise, or when the system property
 * {@code hypergrad4j.linalg.scalar=true} is set). Results agree to rounding; reductions sum in a
 * different order on the two paths, so they may differ in the last bits. Each path is
 * deterministic: the same inputs give bit-identical outputs.
 *
 * <p><b>Threads.</b> Kernels large enough to repay it run on up to {@code
 * hypergrad4j.linalg.threads} threads (a system property read once; default: the available
 * processors: the caller and daemon helpers that poll 0.1 ms for work), with results
 * <em>bit-identical</em> for any thread count: the matrix product above about 2·10⁶ multiply-adds
 * (its tiles are split, each computed as in one thread); the element-wise kernels from 2·2¹⁶
 * elements (maps from 2·2¹³) and the matrix-vector products from 2·2¹⁷ multiply-adds, split into
 * contiguous ranges of their output; and the sums (dot, sum, nrm2), which for more than 2¹⁴
 * elements are always — on one thread too — taken over fixed chunks of 2¹⁴ elements whose partial
 * sums are added in order. Smaller calls run on the caller's thread. No kernel holds state.
 */
public final class Kernels {

  /** System property: maximum threads of one kernel call (default: available processors). */
  public static final String THREADS_PROPERTY = "hypergrad4j.linalg.threads";

  private static final BackendSelector.Selection SELECTION = BackendSelector.select();
  static final int THREADS =
      Math.max(1, Integer.getInteger(THREADS_PROPERTY, Runtime.getRuntime().availableProcessors()));
  static final Backend B = new ThreadedBackend(SELECTION.backend(), THREADS);

  /** Matrix products with fewer multiply-adds than this run as plain loops without packing. */
  private static final long PACKING_THRESHOLD = 32 * 32 * 32;

  private Kernels() {}

  /** The implementation in use and why, e.g. {@code "simd (512-bit, 8 lanes): ..."}. */
  public static String implementation() {
    return B.name() + ": " + SELECTION.reason();
  }

  /** True when the Vector API kernels are in use. */
  public static boolean isSimd() {
    return !(SELECTION.backend() instanceof ScalarBackend);
  }

  /** Threads a large kernel call may use ({@value #THREADS_PROPERTY}). */
  public static int gemmThreads() {
    return THREADS;
  }

  // ---------------------------------------------------------------- level 1

  /** xᵀy for two arrays of equal length. Cost: n multiply-adds. */
  public static double dot(double[] x, double[] y) {
    sameLength("dot", "x", x, "y", y);
    return B.dot(x.length, x, 0, y, 0);
  }

  /** Σ_{i&lt;n} x[xOff+i]·y[yOff+i]. */
  public static double dot(int n, double[] x, int xOff, double[] y, int yOff) {
    nonNegative("dot", "n", n);
    range("dot", "x", x, xOff, n);
    range("dot", "y", y, yOff, n);
    return B.dot(n, x, xOff, y, yOff);
  }

  /** y ← a·x + y for two arrays of equal length. */
  public static void axpy(double a, double[] x, double[] y) {
    sameLength("axpy", "x", x, "y", y);
    B.axpy(x.length, a, x, 0, y, 0);
  }

  /** y[yOff+i] ← a·x[xOff+i] + y[yOff+i] for i &lt; n. */
  public static void axpy(int n, double a, double[] x, int xOff, double[] y, int yOff) {
    nonNegative("axpy", "n", n);
    range("axpy", "x", x, xOff, n);
    range("axpy", "y", y, yOff, n);
    B.axpy(n, a, x, xOff, y, yOff);
  }

  /** x ← a·x. */
  public static void scal(double a, double[] x) {
    range("scal", "x", x, 0, 0);
    B.scal(x.length, a, x, 0);
  }

  /** x[off+i] ← a·x[off+i] for i &lt; n. */
  public static void scal(int n, double a, double[] x, int off) {
    nonNegative("scal", "n", n);
    range("scal", "x", x, off, n);
    B.scal(n, a, x, off);
  }

  /** dst ← src for two arrays of equal length. */
  public static void copy(double[] src, double[] dst) {
    sameLength("copy", "src", src, "dst", dst);
    System.arraycopy(src, 0, dst, 0, src.length);
  }

  /** dst[dstOff+i] ← src[srcOff+i] for i &lt; n (overlapping ranges behave as if copied first). */
  public static void copy(int n, double[] src, int srcOff, double[] dst, int dstOff) {
    nonNegative("copy", "n", n);
    range("copy", "src", src, srcOff, n);
    range("copy", "dst", dst, dstOff, n);
    System.arraycopy(src, srcOff, dst, dstOff, n);
  }

  /** x[i] ← value for every i. */
  public static void fill(double[] x, double value) {
    range("fill", "x", x, 0, 0);
    Arrays.fill(x, value);
  }

  /** x[off+i] ← value for i &lt; n. */
  public static void fill(int n, double value, double[] x, int off) {
    nonNegative("fill", "n", n);
    range("fill", "x", x, off, n);
    Arrays.fill(x, off, off + n, value);
  }

  /**
   * ‖x‖₂ without overflow or underflow: one pass in the common case, a second, exactly rescaled
   * pass when the sum of squares leaves [2⁻⁶⁰⁰, ∞). NaN if any element is NaN, else ∞ if any
   * element is infinite.
   */
  public static double nrm2(double[] x) {
    range("nrm2", "x", x, 0, 0);
    return EuclideanNorm.of(B, x.length, x, 0);
  }

  /** ‖x[off .. off+n)‖₂, as {@link #nrm2(double[])}. */
  public static double nrm2(int n, double[] x, int off) {
    nonNegative("nrm2", "n", n);
    range("nrm2", "x", x, off, n);
    return EuclideanNorm.of(B, n, x, off);
  }

  /** Σ_i x[i]. */
  public static double sum(double[] x) {
    range("sum", "x", x, 0, 0);
    return B.sum(x.length, x, 0);
  }

  /** Σ_{i&lt;n} x[off+i]. */
  public static double sum(int n, double[] x, int off) {
    nonNegative("sum", "n", n);
    range("sum", "x", x, off, n);
    return B.sum(n, x, off);
  }

  /** max_i |x[i]| (the ∞-norm); 0 for an empty array, NaN if any element is NaN. */
  public static double maxAbs(double[] x) {
    range("maxAbs", "x", x, 0, 0);
    return B.maxAbs(x.length, x, 0);
  }

  /** max_{i&lt;n} |x[off+i]|; 0 for n = 0, NaN if any element is NaN. */
  public static double maxAbs(int n, double[] x, int off) {
    nonNegative("maxAbs", "n", n);
    range("maxAbs", "x", x, off, n);
    return B.maxAbs(n, x, off);
  }

  // ------------------------------------------------------- element-wise maps

  /** out ← x + y, element by element; all three of equal length, out may alias x or y. */
  public static void add(double[] x, double[] y, double[] out) {
    elementwise("add", ElementwiseOp.ADD, x, y, out);
  }

  /** out[outOff+i] ← x[xOff+i] + y[yOff+i] for i &lt; n. */
  public static void add(int n, double[] x, int xOff, double[] y, int yOff, double[] out, int outOff) {
    elementwise("add", ElementwiseOp.ADD, n, x, xOff, y, yOff, out, outOff);
  }

  /** out ← x − y, element by element; all three of equal length, out may alias x or y. */
  public static void sub(double[] x, double[] y, double[] out) {
    elementwise("sub", ElementwiseOp.SUBTRACT, x, y, out);
  }

  /** out[outOff+i] ← x[xOff+i] − y[yOff+i] for i &lt; n. */
  public static void sub(int n, double[] x, int xOff, double[] y, int yOff, double[] out, int outOff) {
    elementwise("sub", ElementwiseOp.SUBTRACT, n, x, xOff, y, yOff, out, outOff);
  }

  /** out ← x ⊙ y (Hadamard product); all three of equal length, out may alias x or y. */
  public static void hadamard(double[] x, double[] y, double[] out) {
    elementwise("hadamard", ElementwiseOp.MULTIPLY, x, y, out);
  }

  /** out[outOff+i] ← x[xOff+i]·y[yOff+i] for i &lt; n. */
  public static void hadamard(
      int n, double[] x, int xOff, double[] y, int yOff, double[] out, int outOff) {
    elementwise("hadamard", ElementwiseOp.MULTIPLY, n, x, xOff, y, yOff, out, outOff);
  }

  /** out ← x / y, element by element (IEEE: x/0 is ±∞ or NaN); out may alias x or y. */
  public static void divide(double[] x, double[] y, double[] out) {
    elementwise("divide", ElementwiseOp.DIVIDE, x, y, out);
  }

  /** out[outOff+i] ← x[xOff+i] / y[yOff+i] for i &lt; n. */
  public static void divide(
      int n, double[] x, int xOff, double[] y, int yOff, double[] out, int outOff) {
    elementwise("divide", ElementwiseOp.DIVIDE, n, x, xOff, y, yOff, out, outOff);
  }

  private static void elementwise(String name, ElementwiseOp op, double[] x, double[] y, double[] out) {
    sameLength(name, "x", x, "y", y);
    sameLength(name, "x", x, "out", out);
    B.elementwise(op, x.length, x, 0, y, 0, out, 0);
  }

  private static void elementwise(
      String name, ElementwiseOp op, int n, double[] x, int xOff, double[] y, int yOff,
      double[] out, int outOff) {
    nonNegative(name, "n", n);
    range(name, "x", x, xOff, n);
    range(name, "y", y, yOff, n);
    range(name, "out", out, outOff, n);
    B.elementwise(op, n, x, xOff, y, yOff, out, outOff);
  }

  // ------------------------------------------- element-wise transcendental maps

  /**
   * out ← exp(x) element-wise; out may alias x. Plain Java uses Math.exp; the SIMD path its own
   * deterministic vector exp, within a few ulps of it.
   */
  public static void exp(double[] x, double[] out) {
    map("exp", ElementwiseFunction.EXP, x, out);
  }

  /** out ← log(x) element-wise; out may alias x. */
  public static void log(double[] x, double[] out) {
    map("log", ElementwiseFunction.LOG, x, out);
  }

  /** out ← log(1 + x) element-wise, accurate near 0; out may alias x. */
  public static void log1p(double[] x, double[] out) {
    map("log1p", ElementwiseFunction.LOG1P, x, out);
  }

  /** out ← tanh(x) element-wise; out may alias x. */
  public static void tanh(double[] x, double[] out) {
    map("tanh", ElementwiseFunction.TANH, x, out);
  }

  /** out ← σ(x) = 1/(1 + e⁻ˣ) element-wise, without overflow for any x; out may alias x. */
  public static void sigmoid(double[] x, double[] out) {
    map("sigmoid", ElementwiseFunction.SIGMOID, x, out);
  }

  /** out ← log(1 + eˣ) element-wise, without overflow for any x; out may alias x. */
  public static void softplus(double[] x, double[] out) {
    map("softplus", ElementwiseFunction.SOFTPLUS, x, out);
  }

  private static void map(String name, ElementwiseFunction f, double[] x, double[] out) {
    sameLength(name, "x", x, "out", out);
    B.map(f, x.length, x, 0, out, 0);
  }

  // ------------------------------------------------------ element-wise loops

  /** The body of an element-wise loop over the indices [from, to). */
  @FunctionalInterface
  public interface Range {
    /** Runs the loop for every index i with from ≤ i &lt; to. */
    void run(int from, int to);
  }

  /**
   * Runs an element-wise loop over [0, n): {@code body.run(from, to)} on disjoint contiguous
   * ranges covering [0, n), on up to {@link #gemmThreads()} threads when n is at least 2·2¹⁶ (else
   * once, {@code body.run(0, n)}, on the caller's thread); range boundaries are multiples of 64.
   * Returns when every range is done; an exception thrown by the body is rethrown. When the body
   * computes each index from inputs at that index and writes only there, the result is
   * bit-identical for any split and any number of threads.
   */
  public static void forRanges(int n, Range body) {
    forRanges(n, ThreadedBackend.ELEMENTWISE_GRAIN, body);
  }

  /**
   * {@link #forRanges(int, Range)} with at least {@code grain} ≥ 1 indices per range (split when
   * n ≥ 2·grain): for loops whose index stands for more than one element, e.g. the rows of a
   * matrix, with grain ≈ 2¹⁶ / (elements per index).
   */
  public static void forRanges(int n, int grain, Range body) {
    nonNegative("forRanges", "n", n);
    if (grain < 1) {
      throw new IllegalArgumentException("forRanges: grain must be >= 1, got " + grain);
    }
    if (body == null) {
      throw new IllegalArgumentException("forRanges: body is null");
    }
    Parallel.split(n, Parallel.parts(n, grain, THREADS), Backend.ALIGN, body::run);
  }

  // ---------------------------------------------------------------- level 2

  /**
   * y ← α·A·x + β·y with A m×n: m dot products of length n, 2mn flops, one pass over A. β = 0
   * overwrites y (NaN in y is then ignored). y must not alias x or A.
   */
  public static void gemv(int m, int n, double alpha, double[] a, double[] x, double beta, double[] y) {
    matrix("gemv", "A", a, m, n);
    vector("gemv", "x", x, n);
    vector("gemv", "y", y, m);
    distinct("gemv", "y", y, "x", x);
    distinct("gemv", "y", y, "A", a);
    B.gemv(m, n, alpha, a, x, beta, y);
  }

  /**
   * y ← α·Aᵀ·x + β·y with A m×n (x of length m, y of length n): 2mn flops, one pass over A read
   * row by row (no transposed copy). β = 0 overwrites y. y must not alias x or A.
   */
  public static void gemvTransposed(
      int m, int n, double alpha, double[] a, double[] x, double beta, double[] y) {
    matrix("gemvTransposed", "A", a, m, n);
    vector("gemvTransposed", "x", x, m);
    vector("gemvTransposed", "y", y, n);
    distinct("gemvTransposed", "y", y, "x", x);
    distinct("gemvTransposed", "y", y, "A", a);
    B.gemvTransposed(m, n, alpha, a, x, beta, y);
  }

  /** A ← A + α·x·yᵀ with A m×n, x of length m, y of length n (rank-one update, BLAS dger). */
  public static void rankOneUpdate(int m, int n, double alpha, double[] x, double[] y, double[] a) {
    matrix("rankOneUpdate", "A", a, m, n);
    vector("rankOneUpdate", "x", x, m);
    vector("rankOneUpdate", "y", y, n);
    distinct("rankOneUpdate", "A", a, "x", x);
    distinct("rankOneUpdate", "A", a, "y", y);
    B.rankOneUpdate(m, n, alpha, x, y, a);
  }

  // ---------------------------------------------------------------- level 3

  /**
   * C ← α·A·B + β·C with A m×k, B k×n, C m×n. Register-blocked and packed (see the class
   * comment); 2mnk flops. β = 0 overwrites C; α = 0 or k = 0 leaves C ← β·C without reading A
   * or B (the BLAS convention). C must not alias A or B.
   */
  public static void gemm(
      int m, int n, int k, double alpha, double[] a, double[] b, double beta, double[] c) {
    checkGemm("gemm", m, n, k, a, m, k, b, k, n, c);
    product(m, n, k, alpha, a, k, 1, b, n, 1, beta, c);
  }

  /**
   * C ← α·Aᵀ·B + β·C with A stored k×m, B k×n, C m×n; no transposed copy is made (the packing
   * reads A by columns). 2mnk flops. C must not alias A or B.
   */
  public static void gemmTransposedA(
      int m, int n, int k, double alpha, double[] a, double[] b, double beta, double[] c) {
    checkGemm("gemmTransposedA", m, n, k, a, k, m, b, k, n, c);
    product(m, n, k, alpha, a, 1, m, b, n, 1, beta, c);
  }

  /**
   * C ← α·A·Bᵀ + β·C with A m×k, B stored n×k, C m×n; no transposed copy is made. 2mnk flops.
   * C must not alias A or B.
   */
  public static void gemmTransposedB(
      int m, int n, int k, double alpha, double[] a, double[] b, double beta, double[] c) {
    checkGemm("gemmTransposedB", m, n, k, a, m, k, b, n, k, c);
    product(m, n, k, alpha, a, k, 1, b, 1, k, beta, c);
  }

  static void checkGemm(
      String name, int m, int n, int k, double[] a, int aRows, int aCols, double[] b, int bRows,
      int bCols, double[] c) {
    nonNegative(name, "m", m);
    nonNegative(name, "n", n);
    nonNegative(name, "k", k);
    matrix(name, "A", a, aRows, aCols);
    matrix(name, "B", b, bRows, bCols);
    matrix(name, "C", c, m, n);
    distinct(name, "C", c, "A", a);
    distinct(name, "C", c, "B", b);
  }

  /** Whether a product of this size is packed (else it runs as row-times-panel loops; also {@link PairedProducts}). */
  static boolean packed(int m, int n, int k) {
    return (long) m * n * k >= PACKING_THRESHOLD && m >= 4 && n > SmallGemm.MAX_FEW_COLUMNS;
  }

  /** Small products run as row-times-panel loops; larger ones are packed. */
  private static void product(
      int m, int n, int k, double alpha, double[] a, int ars, int acs, double[] b, int brs,
      int bcs, double beta, double[] c) {
    if (packed(m, n, k)) {
      PackedGemm.multiply(B.gemmMicroKernel(), m, n, k, alpha, a, ars, acs, b, brs, bcs, beta, c, THREADS);
      return;
    }
    SmallGemm.multiply(B, m, n, k, alpha, a, ars, acs, b, brs, bcs, beta, c);
  }
}
