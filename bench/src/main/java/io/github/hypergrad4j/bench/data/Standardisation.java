package io.github.hypergrad4j.bench.data;

/**
 * Per-feature standardisation fitted on one data set (the training part) and applied to any
 * other with the same features, without overflow or underflow for any finite values.
 *
 * <p>For feature j with training values x₁ … xₙ: the scale m = maxᵢ |xᵢ| is taken out first, so
 * that yᵢ = xᵢ / m lies in [−1, 1]; then μ = Σ yᵢ / n and σ² = Σ (yᵢ − μ)² / n (two passes), and a
 * value x becomes (x / m − μ) / σ. Up to rounding that is (x − mean) / standard deviation, and a
 * column multiplied by any power of ten (1e300 or 1e−300 included) standardises to the same
 * values. A constant training column (σ = 0) is only centred, in units of m; an all-zero column
 * stays zero. Cost: two passes over the training data, one over each data set standardised.
 */
public final class Standardisation {

  private final double[] scale;
  private final double[] mean;
  private final double[] sd;

  private Standardisation(double[] scale, double[] mean, double[] sd) {
    this.scale = scale;
    this.mean = mean;
    this.sd = sd;
  }

  /** The statistics of every feature of {@code d} (at least one row). */
  public static Standardisation fit(Dataset d) {
    int c = d.cols();
    int n = d.rows();
    double[] x = d.features();
    double[] scale = new double[c];
    double[] mean = new double[c];
    double[] sd = new double[c];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < c; j++) {
        scale[j] = Math.max(scale[j], Math.abs(x[i * c + j]));
      }
    }
    for (int j = 0; j < c; j++) {
      if (scale[j] == 0) {
        scale[j] = 1;
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < c; j++) {
        mean[j] += x[i * c + j] / scale[j];
      }
    }
    for (int j = 0; j < c; j++) {
      mean[j] /= n;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < c; j++) {
        double e = x[i * c + j] / scale[j] - mean[j];
        sd[j] += e * e;
      }
    }
    for (int j = 0; j < c; j++) {
      sd[j] = sd[j] > 0 ? Math.sqrt(sd[j] / n) : 1.0;
    }
    return new Standardisation(scale, mean, sd);
  }

  /**
   * {@code d} standardised with these statistics. A value so far outside the fitted range that
   * it would overflow is refused, naming the data set, row and feature.
   */
  public Dataset apply(Dataset d) {
    int c = d.cols();
    double[] in = d.features();
    double[] out = new double[in.length];
    for (int i = 0; i < d.rows(); i++) {
      for (int j = 0; j < c; j++) {
        double v = (in[i * c + j] / scale[j] - mean[j]) / sd[j];
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("Splits.split: " + d.name() + ": row " + i + ", feature " + j
              + " is " + in[i * c + j] + ", too far outside the training part's range (largest |value| "
              + scale[j] + ") to standardise");
        }
        out[i * c + j] = v;
      }
    }
    return d.withFeatures(out);
  }
}
