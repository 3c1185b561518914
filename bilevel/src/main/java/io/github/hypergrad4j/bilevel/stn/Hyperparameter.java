package io.github.hypergrad4j.bilevel.stn;

import java.util.Locale;

/**
 * The declaration of one hyperparameter a Self-Tuning Network tunes: what it does, where, its
 * {@link Transform} from the free variable u and its initial value. Made by the factories, which
 * check the value; whether a layer exists is checked when the declarations meet a network ({@link
 * HyperparameterSet#of}).
 *
 * <table>
 *   <caption>The kinds</caption>
 *   <tr><th>factory</th><th>acts</th><th>transform</th><th>in the training step</th></tr>
 *   <tr><td>{@link #dropout}(l, p)</td><td>on the input of hidden layer l ≥ 1</td><td>logit</td>
 *       <td>a mask, entries 0 or 1/(1 − p_i), per example</td></tr>
 *   <tr><td>{@link #inputDropout}(p)</td><td>on the network's input</td><td>logit</td>
 *       <td>the same on the input</td></tr>
 *   <tr><td>{@link #inputNoise}(s)</td><td>on the input</td><td>log</td>
 *       <td>x_i + s_i·z_i, z_i ~ N(0, I)</td></tr>
 *   <tr><td>{@link #l2}(l, c)</td><td>on the weights of layer l ≥ 0</td><td>log</td>
 *       <td>+ mean_i (c_i / 2)·‖Ŵ_l(λ_i)‖² in the training loss</td></tr>
 *   <tr><td>{@link #cutout}(K, k̄)</td><td>on the input image</td><td>logit of k̄/K</td>
 *       <td>a k_i × k_i square zeroed, k_i ~ Binomial(K, k̄/K) (discrete)</td></tr>
 * </table>
 *
 * <p>Dropout, noise and cutout act on the training forward pass only ({@link #trainingOnly()}):
 * the validation step runs without them, so their gradient there flows only through the best
 * response ŵ_φ(λ). The L2 penalty is a term of the training loss (and likewise absent from the
 * validation loss). The cutout size is discrete: its gradient is the score-function estimate of
 * {@link BinomialReinforce}; the hypernetwork sees k_i / K.
 */
public final class Hyperparameter {

  /** What a hyperparameter does. */
  public enum Kind {
    /** Dropout rate on the input of a hidden layer. */
    DROPOUT,
    /** Dropout rate on the network's input. */
    INPUT_DROPOUT,
    /** Standard deviation of Gaussian noise added to the input. */
    INPUT_NOISE,
    /** L2 penalty on one layer's weights. */
    L2,
    /** Side of the square cut out of the input image (discrete). */
    CUTOUT
  }

  private final Kind kind;
  private final int layer;
  private final double initialValue;
  private final int maxSide;

  private Hyperparameter(Kind kind, int layer, double initialValue, int maxSide) {
    this.kind = kind;
    this.layer = layer;
    this.initialValue = initialValue;
    this.maxSide = maxSide;
  }

  /**
   * Dropout with rate p on the input of layer {@code layer} ≥ 1 (the output of hidden layer
   * layer − 1).
   *
   * @throws IllegalArgumentException unless layer ≥ 1 (the input is {@link #inputDropout}) and 0
   *     &lt; rate &lt; 1
   */
  public static Hyperparameter dropout(int layer, double rate) {
    if (layer < 1) {
      throw new IllegalArgumentException("Hyperparameter: dropout layer must be >= 1 (the input of hidden layer"
          + " 'layer'; dropout on the network's input is inputDropout), got " + layer);
    }
    return new Hyperparameter(Kind.DROPOUT, layer, rate("dropout", rate), 0);
  }

  /**
   * Dropout with rate p on the network's input.
   *
   * @throws IllegalArgumentException unless 0 &lt; rate &lt; 1
   */
  public static Hyperparameter inputDropout(double rate) {
    return new Hyperparameter(Kind.INPUT_DROPOUT, 0, rate("input dropout", rate), 0);
  }

  /**
   * Gaussian noise of standard deviation s added to every input feature.
   *
   * @throws IllegalArgumentException unless s &gt; 0 and finite (its transform is log s)
   */
  public static Hyperparameter inputNoise(double scale) {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("Hyperparameter: input noise scale must be > 0 and finite (it is tuned"
          + " as log s), got " + scale);
    }
    return new Hyperparameter(Kind.INPUT_NOISE, 0, scale, 0);
  }

  /**
   * An L2 penalty (c/2)·‖Ŵ_l‖² on the weights (not the biases) of layer {@code layer} ≥ 0.
   *
   * @throws IllegalArgumentException unless layer ≥ 0 and c &gt; 0 and finite (its transform is
   *     log c)
   */
  public static Hyperparameter l2(int layer, double penalty) {
    if (layer < 0) {
      throw new IllegalArgumentException("Hyperparameter: l2 layer must be >= 0, got " + layer);
    }
    if (!(penalty > 0) || Double.isInfinite(penalty)) {
      throw new IllegalArgumentException("Hyperparameter: l2 penalty must be > 0 and finite (it is tuned as"
          + " log c), got " + penalty);
    }
    return new Hyperparameter(Kind.L2, layer, penalty, 0);
  }

  /**
   * Cutout (DeVries and Taylor 2017): a square of side k ∈ {0, …, maxSide} zeroed at a uniform
   * random centre of the (square, one-channel) input image, clipped at its border; k ~
   * Binomial(maxSide, k̄ / maxSide) per example, starting from the mean side k̄.
   *
   * @throws IllegalArgumentException unless maxSide ≥ 1 and 0 &lt; meanSide &lt; maxSide
   */
  public static Hyperparameter cutout(int maxSide, double meanSide) {
    Check.atLeast("Hyperparameter", "cutout maxSide", maxSide, 1);
    if (!(meanSide > 0 && meanSide < maxSide)) {
      throw new IllegalArgumentException("Hyperparameter: cutout meanSide must be in (0, " + maxSide
          + ") (maxSide), got " + meanSide);
    }
    return new Hyperparameter(Kind.CUTOUT, 0, meanSide, maxSide);
  }

  private static double rate(String what, double rate) {
    if (!(rate > 0 && rate < 1)) {
      throw new IllegalArgumentException("Hyperparameter: " + what + " rate must be in (0, 1), got " + rate);
    }
    return rate;
  }

  /** What it does. */
  public Kind kind() {
    return kind;
  }

  /** The layer it acts on (dropout: the layer whose input is dropped; l2: the layer); else 0. */
  public int layer() {
    return layer;
  }

  /** The value it starts from. */
  public double initialValue() {
    return initialValue;
  }

  /** For {@link Kind#CUTOUT}, the largest side K; else 0. */
  public int maxSide() {
    return maxSide;
  }

  /** The transform from u: logit for rates and the cutout's k̄/K, log for scales and penalties. */
  public Transform transform() {
    return kind == Kind.INPUT_NOISE || kind == Kind.L2 ? Transform.LOG : Transform.LOGIT;
  }

  /** Whether it takes whole-number values (tuned by REINFORCE, not perturbed by ε). */
  public boolean isDiscrete() {
    return kind == Kind.CUTOUT;
  }

  /**
   * Whether it acts on the training forward pass only (dropout, noise, cutout); false for the L2
   * penalty, a term of the training loss. Neither kind enters the validation loss.
   */
  public boolean trainingOnly() {
    return kind != Kind.L2;
  }

  /** The value at free variable u: the rate, scale or penalty, or the cutout's mean side K·σ(u). */
  public double value(double u) {
    double v = transform().value(u);
    return kind == Kind.CUTOUT ? maxSide * v : v;
  }

  /** The free variable u of the initial value. */
  public double initialFree() {
    return transform().free(kind == Kind.CUTOUT ? initialValue / maxSide : initialValue);
  }

  /** A short name for reports and CSV columns: dropout_1, input_dropout, input_noise, l2_0, cutout. */
  public String name() {
    return switch (kind) {
      case DROPOUT, L2 -> kind.name().toLowerCase(Locale.ROOT) + "_" + layer;
      default -> kind.name().toLowerCase(Locale.ROOT);
    };
  }

  @Override
  public String toString() {
    return name() + " = " + initialValue;
  }
}
