package io.github.hypergrad4j.autodiff;

/**
 * A loss ℓ(z) of a model's output z whose Hessian H_ℓ(z) is known in closed form and positive
 * semidefinite: what the Gauss-Newton product Jᵀ·H_ℓ·J needs (see {@link GaussNewtonProduct}).
 * Each loss is the mean over examples, matching {@link Tensor#softmaxCrossEntropy}, {@link
 * Tensor#binaryCrossEntropyWithLogits} and {@link Tensor#meanSquaredError}.
 *
 * <ul>
 *   <li>softmax cross-entropy over m rows of logits: H = (1/m)·blockdiag(diag(p_i) − p_i p_iᵀ),
 *       so (H·u)_i = (1/m)·p_i ⊙ (u_i − p_i·u_i);
 *   <li>binary cross-entropy with logits over N elements: H = (1/N)·diag(σ(z)(1 − σ(z)));
 *   <li>mean squared error over N elements: H = (2/N)·I.
 * </ul>
 */
public interface OutputLoss {

  /** ℓ(z) built on the tape (what {@link GaussNewtonProduct} reports as the loss). */
  Tensor apply(Tensor z);

  /** out = H_ℓ(z)·u for z of the given shape. */
  void hessianTimes(double[] z, Shape shape, double[] u, double[] out);

  /** Mean softmax cross-entropy of logits (one row per example) against integer labels. */
  static OutputLoss softmaxCrossEntropy(int[] labels) {
    if (labels == null) {
      throw new IllegalArgumentException("OutputLoss.softmaxCrossEntropy: labels is null");
    }
    int[] y = labels.clone();
    return new OutputLoss() {
      @Override
      public Tensor apply(Tensor z) {
        return z.softmaxCrossEntropy(y);
      }

      @Override
      public void hessianTimes(double[] z, Shape shape, double[] u, double[] out) {
        int rows = RowSoftmax.rows(shape);
        int cols = RowSoftmax.cols(shape);
        double[] p = new double[z.length];
        RowSoftmax.softmax(z, rows, cols, p);
        double[] pu = RowSoftmax.rowDot(p, u, rows, cols);
        for (int i = 0; i < rows; i++) {
          for (int j = 0; j < cols; j++) {
            int ij = i * cols + j;
            out[ij] = p[ij] * (u[ij] - pu[i]) / rows;
          }
        }
      }
    };
  }

  /** Mean binary cross-entropy of logits against targets in [0, 1]. */
  static OutputLoss binaryCrossEntropyWithLogits(double[] targets) {
    if (targets == null) {
      throw new IllegalArgumentException("OutputLoss.binaryCrossEntropyWithLogits: targets is null");
    }
    double[] t = targets.clone();
    return new OutputLoss() {
      @Override
      public Tensor apply(Tensor z) {
        return z.binaryCrossEntropyWithLogits(t);
      }

      @Override
      public void hessianTimes(double[] z, Shape shape, double[] u, double[] out) {
        for (int i = 0; i < z.length; i++) {
          double s = PointwiseRules.sigmoid(z[i]);
          out[i] = s * (1.0 - s) * u[i] / z.length;
        }
      }
    };
  }

  /** Mean squared error against targets. */
  static OutputLoss meanSquaredError(double[] targets) {
    if (targets == null) {
      throw new IllegalArgumentException("OutputLoss.meanSquaredError: targets is null");
    }
    double[] t = targets.clone();
    return new OutputLoss() {
      @Override
      public Tensor apply(Tensor z) {
        return z.meanSquaredError(t);
      }

      @Override
      public void hessianTimes(double[] z, Shape shape, double[] u, double[] out) {
        for (int i = 0; i < z.length; i++) {
          out[i] = 2.0 * u[i] / z.length;
        }
      }
    };
  }
}
