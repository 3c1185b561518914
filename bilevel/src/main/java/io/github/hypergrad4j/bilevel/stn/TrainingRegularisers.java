package io.github.hypergrad4j.bilevel.stn;

import java.util.SplittableRandom;

/**
 * The stochastic regularisers of the training step, each example with its own value (from a
 * {@link HyperSample}); all are constants of the step's tape (φ is the only variable there).
 *
 * <ul>
 *   <li><b>Cutout</b> (DeVries and Taylor 2017): a k_i × k_i square of the S × S input image set
 *       to 0 (the feature mean, for standardised data), rows cy − ⌊k/2⌋ … cy − ⌊k/2⌋ + k − 1 and
 *       the same for columns, around a uniform centre (cy, cx), clipped at the border.
 *   <li><b>Input noise</b>: x_i + s_i·z_i, z_i ~ N(0, I).
 *   <li><b>Dropout</b> on the input of layer l (l = 0: input dropout): a mask m_i with entries 0
 *       with probability p_i and 1/(1 − p_i) otherwise (inverted dropout: E[m] = 1, so the
 *       validation pass, without masks, sees activations of the same scale).
 * </ul>
 *
 * The random numbers are drawn in a fixed order (cutout, noise, masks by layer), so a seed fixes
 * the whole step. Cost: O(B·(in + Σ_l in_l)) random numbers.
 */
final class TrainingRegularisers {

  private TrainingRegularisers() {}

  /** A copy of the batch x (B × d) with cutout and input noise applied. */
  static double[] inputs(HyperparameterSet set, HyperSample sample, double[] x, int d, SplittableRandom random) {
    double[] out = x.clone();
    int rows = sample.rows();
    int cut = set.indexOf(Hyperparameter.Kind.CUTOUT, 0);
    if (cut >= 0) {
      for (int i = 0; i < rows; i++) {
        cutout(out, i * d, set.imageSide(), (int) sample.value(set, i, cut), random);
      }
    }
    int noise = set.indexOf(Hyperparameter.Kind.INPUT_NOISE, 0);
    if (noise >= 0) {
      for (int i = 0; i < rows; i++) {
        double s = sample.value(set, i, noise);
        for (int k = 0; k < d; k++) {
          out[i * d + k] += s * random.nextGaussian();
        }
      }
    }
    return out;
  }

  /** The dropout masks per layer input (null where no dropout is declared). */
  static double[][] masks(HyperMlp model, HyperparameterSet set, HyperSample sample, SplittableRandom random) {
    double[][] masks = new double[model.layerCount()][];
    for (int l = 0; l < masks.length; l++) {
      int j = l == 0 ? set.indexOf(Hyperparameter.Kind.INPUT_DROPOUT, 0) : set.indexOf(Hyperparameter.Kind.DROPOUT, l);
      if (j >= 0) {
        masks[l] = mask(set, sample, j, model.layer(l).inputs(), random);
      }
    }
    return masks;
  }

  private static double[] mask(HyperparameterSet set, HyperSample sample, int j, int width, SplittableRandom random) {
    double[] m = new double[sample.rows() * width];
    for (int i = 0; i < sample.rows(); i++) {
      double p = sample.value(set, i, j);
      double keep = 1 / (1 - p);
      for (int k = 0; k < width; k++) {
        m[i * width + k] = random.nextDouble() < p ? 0 : keep;
      }
    }
    return m;
  }

  /** Zeros a k × k square of the side × side image at {@code offset}, around a random centre. */
  static void cutout(double[] x, int offset, int side, int k, SplittableRandom random) {
    if (k == 0) {
      return;
    }
    int cy = random.nextInt(side);
    int cx = random.nextInt(side);
    int top = cy - k / 2;
    int left = cx - k / 2;
    for (int r = Math.max(0, top); r < Math.min(side, top + k); r++) {
      for (int c = Math.max(0, left); c < Math.min(side, left + k); c++) {
        x[offset + r * side + c] = 0;
      }
    }
  }
}
