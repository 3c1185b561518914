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

  /** y = α·A·x + β·y with A m×n (β = 0 overwrites y, ignoring what it held). */
  void gemv(int m, int n, double alpha, double[] a, double[] x, double beta, double[] y);

  /** y = α·Aᵀ·x + β·y with A m×n, x of length m, y of length n. */
  void gemvTransposed(int m, int n, double alpha, double[] a, double[] x, double beta, double[] y);

  /** A += α·x·yᵀ with A m×n. */
  void rankOneUpdate(int m, int n, double alpha, double[] x, double[] y, double[] a);

  /** The register-blocked tile kernel the packed matrix product runs on. */
  GemmMicroKernel gemmMicroKernel();
}
