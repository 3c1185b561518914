package io.github.hypergrad4j.linalg.internal;

/**
 * The plain-Java kernels: always available, the reference the SIMD kernels are tested against,
 * and what runs when {@code jdk.incubator.vector} is not resolved or is switched off.
 * Reductions keep four partial sums so the additions are independent (and the loop is not
 * bound by the latency of one floating-point add).
 */
public final class ScalarBackend implements Backend {

  private final GemmMicroKernel microKernel = new ScalarMicroKernel();

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public double dot(int n, double[] x, int xOff, double[] y, int yOff) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += x[xOff + i] * y[yOff + i];
      s1 += x[xOff + i + 1] * y[yOff + i + 1];
      s2 += x[xOff + i + 2] * y[yOff + i + 2];
      s3 += x[xOff + i + 3] * y[yOff + i + 3];
    }
    for (; i < n; i++) {
      s0 += x[xOff + i] * y[yOff + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public void axpy(int n, double a, double[] x, int xOff, double[] y, int yOff) {
    for (int i = 0; i < n; i++) {
      y[yOff + i] += a * x[xOff + i];
    }
  }

  @Override
  public void scal(int n, double a, double[] x, int off) {
    for (int i = 0; i < n; i++) {
      x[off + i] *= a;
    }
  }

  @Override
  public double sumOfScaledSquares(int n, double[] x, int off, double s) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      double v0 = s * x[off + i];
      double v1 = s * x[off + i + 1];
      double v2 = s * x[off + i + 2];
      double v3 = s * x[off + i + 3];
      s0 += v0 * v0;
      s1 += v1 * v1;
      s2 += v2 * v2;
      s3 += v3 * v3;
    }
    for (; i < n; i++) {
      double v = s * x[off + i];
      s0 += v * v;
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public double sum(int n, double[] x, int off) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += x[off + i];
      s1 += x[off + i + 1];
      s2 += x[off + i + 2];
      s3 += x[off + i + 3];
    }
    for (; i < n; i++) {
      s0 += x[off + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public double maxAbs(int n, double[] x, int off) {
    double m = 0;
    for (int i = 0; i < n; i++) {
      m = Math.max(m, Math.abs(x[off + i]));
    }
    return m;
  }

  @Override
  public void elementwise(
      ElementwiseOp op, int n, double[] x, int xOff, double[] y, int yOff, double[] out, int outOff) {
    switch (op) {
      case ADD -> {
        for (int i = 0; i < n; i++) {
          out[outOff + i] = x[xOff + i] + y[yOff + i];
        }
      }
      case SUBTRACT -> {
        for (int i = 0; i < n; i++) {
          out[outOff + i] = x[xOff + i] - y[yOff + i];
        }
      }
      case MULTIPLY -> {
        for (int i = 0; i < n; i++) {
          out[outOff + i] = x[xOff + i] * y[yOff + i];
        }
      }
      case DIVIDE -> {
        for (int i = 0; i < n; i++) {
          out[outOff + i] = x[xOff + i] / y[yOff + i];
        }
      }
    }
  }

  @Override
  public void map(ElementwiseFunction f, int n, double[] x, int xOff, double[] out, int outOff) {
    TranscendentalMaps.map(f, n, x, xOff, out, outOff);
  }

  @Override
  public void gemvColumnsRows(
      int from, int to, int k, int cols, double alpha, double[] a, double[] b, double beta, double[] c) {
    for (int i = from; i < to; i++) {
      for (int j = 0; j < cols; j++) {
        double d = alpha * dot(k, a, i * k, b, j * k);
        int ij = i * cols + j;
        c[ij] = beta == 0.0 ? d : d + beta * c[ij];
      }
    }
  }

  @Override
  public void gemvTransposedColumnsRange(
      int k, int m, int from, int to, int cols, double alpha, double[] a, double[] b, double beta, double[] c) {
    int w = to - from;
    double[] columns = new double[cols * w]; // column-major accumulators
    for (int p = 0; p < k; p++) {
      for (int j = 0; j < cols; j++) {
        axpy(w, alpha * b[p * cols + j], a, p * m + from, columns, j * w);
      }
    }
    ColumnMajor.addInto(columns, w, cols, beta, c, from);
  }

  @Override
  public void gemvRows(int from, int to, int n, double alpha, double[] a, double[] x, double beta, double[] y) {
    for (int i = from; i < to; i++) {
      double d = dot(n, a, i * n, x, 0);
      y[i] = beta == 0.0 ? alpha * d : alpha * d + beta * y[i];
    }
  }

  @Override
  public void gemvTransposedRange(
      int m, int n, int from, int to, double alpha, double[] a, double[] x, double beta, double[] y) {
    if (beta == 0.0) {
      java.util.Arrays.fill(y, from, to, 0.0);
    } else if (beta != 1.0) {
      scal(to - from, beta, y, from);
    }
    for (int i = 0; i < m; i++) {
      axpy(to - from, alpha * x[i], a, i * n + from, y, from);
    }
  }

  @Override
  public void rankOneUpdate(int m, int n, double alpha, double[] x, double[] y, double[] a) {
    for (int i = 0; i < m; i++) {
      axpy(n, alpha * x[i], y, 0, a, i * n);
    }
  }

  @Override
  public GemmMicroKernel gemmMicroKernel() {
    return microKernel;
  }
}
