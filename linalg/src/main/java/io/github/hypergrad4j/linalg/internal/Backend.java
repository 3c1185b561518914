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
  void gemv(int m, int n, double alpha, double[] a, double[] x, double beta, double[] y);

  /** y = α·Aᵀ·x + β·y with A m×n, x of length m, y of length n. */
  void gemvTransposed(int m, int n, double alpha, double[] a, double[] x, double beta, double[] y);

  /**
   * C = α·A·Bᵀ + β·C for a few columns: A m×k, B stored cols×k (each row one column of the
   * result), C m×cols. Each row of A is read once for all columns: the matrix-vector product
   * with several vectors at once.
   */
  void gemvColumns(int m, int k, int cols, double alpha, double[] a, double[] b, double beta, double[] c);

  /**
   * C = α·Aᵀ·B + β·C for a few columns: A stored k×m, B k×cols, C m×cols. Each row of A is read
   * once for all columns.
   */
  void gemvTransposedColumns(
      int k, int m, int cols, double alpha, double[] a, double[] b, double beta, double[] c);

  /** A += α·x·yᵀ with A m×n. */
  void rankOneUpdate(int m, int n, double alpha, double[] x, double[] y, double[] a);

  /** The register-blocked tile kernel the packed matrix product runs on. */
  GemmMicroKernel gemmMicroKernel();
}
