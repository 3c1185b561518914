package io.github.hypergrad4j.linalg.internal;

/**
 * One implementation of the dense kernels, without argument checks: the public facade {@link
 * io.github.hypergrad4j.linalg.Kernels} validates every size and offset before it calls in.
 *
 * <p>Matrices are row-major and contiguous: element (i, j) of an m×n matrix {@code a} is {@code
 * a[i * n + j]}. Two implementations exist: {@link ScalarBackend} (plain Java, always available)
 * and {@code SimdBackend} (the Vector API, loaded only when {@code jdk.incubator.vector} is
 * resolved; see {@link BackendSelector}).
 */
public interface Backend {

  /**
   * Ranges of the range forms start at multiples of this many elements (64: a multiple of every
   * vector length), so that a kernel takes the same vector or scalar path per element on a part
   * as on the whole.
   */
  int ALIGN = 64;

  /** A short human-readable name, for example {@code "simd (512-bit, 8 lanes)"}. */
  String name();

  /** Σ_i x[xOff+i]·y[yOff+i]. */
  double dot(int n, double[] x, int xOff, double[] y, int yOff);

  /** y[yOff+i] += a·x[xOff+i]. */
  void axpy(int n, double a, double[] x, int xOff, double[] y, int yOff);

  /** x[off+i] *= a. */
  void scal(int n, double a, double[] x, int off);

  /** Σ_i (s·x[off+i])², the building block of the overflow-safe norm in {@link EuclideanNorm}. */
  double sumOfScaledSquares(int n, double[] x, int off, double s);

  /** Σ_i x[off+i]. */
  double sum(int n, double[] x, int off);

  /** max_i |x[off+i]|, NaN if any element is NaN, 0 for n = 0. */
  double maxAbs(int n, double[] x, int off);

  /** out = x ∘ y for the element-wise operation {@code op}; {@code out} may alias an input. */
  void elementwise(
      ElementwiseOp op, int n, double[] x, int xOff, double[] y, int yOff, double[] out, int outOff);

  /** out[outOff+i] = f(x[xOff+i]); {@code out} may alias {@code x}. */
  void map(ElementwiseFunction f, int n, double[] x, int xOff, double[] out, int outOff);

  /** y = α·A·x + β·y with A m×n (β = 0 overwrites y, ignoring what it held). */
  default void gemv(int m, int n, double alpha, double[] a, double[] x, double beta, double[] y) {
    gemvRows(0, m, n, alpha, a, x, beta, y);
  }

  /**
   * Rows [from, to) of {@link #gemv}: y_i = α·A_i·x + β·y_i. Each y_i is computed the same way
   * whatever the range (a split of the rows gives bit-identical results).
   */
  void gemvRows(int from, int to, int n, double alpha, double[] a, double[] x, double beta, double[] y);

  /** y = α·Aᵀ·x + β·y with A m×n, x of length m, y of length n. */
  default void gemvTransposed(int m, int n, double alpha, double[] a, double[] x, double beta, double[] y) {
    gemvTransposedRange(m, n, 0, n, alpha, a, x, beta, y);
  }

  /**
   * Elements [from, to) of {@link #gemvTransposed} (columns from..to of A). With {@code from} a
   * multiple of {@link #ALIGN} and {@code to} one too or equal to n, each y_j is computed the same
   * way as over the whole range.
   */
  void gemvTransposedRange(
      int m, int n, int from, int to, double alpha, double[] a, double[] x, double beta, double[] y);

  /**
   * y₁ = α·A·x₁ + β·y₁ and y₂ = α·A·x₂ + β·y₂ with A m×n: two matrix-vector products sharing A,
   * each bit-identical to its own {@link #gemv} call. An implementation may read each row of A
   * once for both (the default makes the two calls).
   */
  default void gemvPair(
      int m, int n, double alpha, double[] a, double[] x1, double[] x2, double beta, double[] y1, double[] y2) {
    gemvPairRows(0, m, n, alpha, a, x1, x2, beta, y1, y2);
  }

  /** Rows [from, to) of {@link #gemvPair}, each computed as over the whole range. */
  default void gemvPairRows(
      int from, int to, int n, double alpha, double[] a, double[] x1, double[] x2, double beta,
      double[] y1, double[] y2) {
    gemvRows(from, to, n, alpha, a, x1, beta, y1);
    gemvRows(from, to, n, alpha, a, x2, beta, y2);
  }

  /**
   * y₁ = α·Aᵀ·x₁ + β·y₁ and y₂ = α·Aᵀ·x₂ + β·y₂ with A m×n: two transposed matrix-vector
   * products sharing A, each bit-identical to its own {@link #gemvTransposed} call. An
   * implementation may read each row of A once for both (the default makes the two calls).
   */
  default void gemvTransposedPair(
      int m, int n, double alpha, double[] a, double[] x1, double[] x2, double beta, double[] y1, double[] y2) {
    gemvTransposedPairRange(m, n, 0, n, alpha, a, x1, x2, beta, y1, y2);
  }

  /** Elements [from, to) of {@link #gemvTransposedPair}, under the rule of {@link #gemvTransposedRange}. */
  default void gemvTransposedPairRange(
      int m, int n, int from, int to, double alpha, double[] a, double[] x1, double[] x2, double beta,
      double[] y1, double[] y2) {
    gemvTransposedRange(m, n, from, to, alpha, a, x1, beta, y1);
    gemvTransposedRange(m, n, from, to, alpha, a, x2, beta, y2);
  }

  /**
   * C = α·A·Bᵀ + β·C for a few columns: A m×k, B stored cols×k (each row one column of the
   * result), C m×cols. Each row of A is read once for all columns: the matrix-vector product
   * with several vectors at once.
   */
  default void gemvColumns(int m, int k, int cols, double alpha, double[] a, double[] b, double beta, double[] c) {
    gemvColumnsRows(0, m, k, cols, alpha, a, b, beta, c);
  }

  /** Rows [from, to) of {@link #gemvColumns}, each computed as over the whole range. */
  void gemvColumnsRows(
      int from, int to, int k, int cols, double alpha, double[] a, double[] b, double beta, double[] c);

  /**
   * C = α·Aᵀ·B + β·C for a few columns: A stored k×m, B k×cols, C m×cols. Each row of A is read
   * once for all columns.
   */
  default void gemvTransposedColumns(
      int k, int m, int cols, double alpha, double[] a, double[] b, double beta, double[] c) {
    gemvTransposedColumnsRange(k, m, 0, m, cols, alpha, a, b, beta, c);
  }

  /**
   * Rows [from, to) of {@link #gemvTransposedColumns} (columns from..to of A), under the
   * alignment rule of {@link #gemvTransposedRange}.
   */
  void gemvTransposedColumnsRange(
      int k, int m, int from, int to, int cols, double alpha, double[] a, double[] b, double beta, double[] c);

  /** A += α·x·yᵀ with A m×n. */
  void rankOneUpdate(int m, int n, double alpha, double[] x, double[] y, double[] a);

  /** The register-blocked tile kernel the packed matrix product runs on. */
  GemmMicroKernel gemmMicroKernel();
}
