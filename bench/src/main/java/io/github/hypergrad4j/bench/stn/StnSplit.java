package io.github.hypergrad4j.bench.stn;

import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bench.data.IdxReader;
import io.github.hypergrad4j.bench.data.Splits;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The three parts a {@link StnTuning} experiment uses — training (φ), validation (every choice of
 * hyperparameters) and test (reported only, never looked at by a choice) — and one line saying
 * how they were made.
 *
 * @param train the training part
 * @param validation the validation part
 * @param test the test part
 * @param description how the parts were drawn and scaled, for reports
 */
public record StnSplit(Dataset train, Dataset validation, Dataset test, String description) {

  /**
   * Checks the parts share their features and kind (labels or targets).
   *
   * @throws IllegalArgumentException if a part is null or the parts do not match
   */
  public StnSplit {
    if (train == null || validation == null || test == null || description == null) {
      throw new IllegalArgumentException("StnSplit: train, validation, test and description must be given");
    }
    for (Dataset d : new Dataset[] {validation, test}) {
      if (d.cols() != train.cols() || (d.labels() == null) != (train.labels() == null)
          || d.classes() != train.classes()) {
        throw new IllegalArgumentException("StnSplit: " + d.name() + " has " + d.cols() + " features and "
            + d.classes() + " classes but the training part " + train.name() + " has " + train.cols() + " and "
            + train.classes());
      }
    }
  }

  /**
   * The project's 60/20/20 split of one data set ({@link Splits#split}: shuffled with {@code
   * seed}, every feature standardised with the training part's mean and deviation).
   *
   * @throws IllegalArgumentException as {@link Splits#split} does (a part that lacks a class)
   */
  public static StnSplit of(Dataset data, long seed) {
    Splits.TrainValidationTest parts = Splits.split(data, Splits.DEFAULT_TRAIN, Splits.DEFAULT_VALIDATION, seed);
    String description = String.format(Locale.ROOT,
        "%s: %d examples split 60/20/20 with seed %d: train %d, validation %d, test %d; features standardised "
            + "with the training part's mean and deviation", data.name(), data.rows(), seed, parts.train().rows(),
        parts.validation().rows(), parts.test().rows());
    return new StnSplit(parts.train(), parts.validation(), parts.test(), description);
  }

  /**
   * Fashion-MNIST from {@code folder} ({@link IdxReader#fashionMnist}): {@code train + validation}
   * images drawn with {@code seed} from the 60,000 training images, the first {@code train} of the
   * draw for training and the rest for validation; {@code test} images of the separate 10,000-image
   * test file (all of them, in file order, when {@code test} ≥ 10,000; else drawn with {@code
   * seed}). Pixels (in [0, 1]) are standardised with one mean and one deviation over all pixels of
   * the training part — one pair for the whole image, so that border pixels that are almost always
   * 0 are not blown up, as per-pixel scaling would.
   *
   * @throws IllegalArgumentException unless train, validation, test ≥ 1 and train + validation ≤
   *     60,000
   * @throws io.github.hypergrad4j.bench.data.DataException if the files are missing or malformed
   */
  public static StnSplit fashionMnist(Path folder, int train, int validation, int test, long seed) {
    if (train < 1 || validation < 1 || test < 1 || (long) train + validation > 60_000) {
      throw new IllegalArgumentException("StnSplit.fashionMnist: needs train, validation, test >= 1 and train + "
          + "validation <= 60000, got train " + train + ", validation " + validation + ", test " + test);
    }
    Dataset drawn = IdxReader.fashionMnist(folder, "train", train + validation, seed);
    if (drawn.rows() != train + validation) {
      throw new IllegalArgumentException("StnSplit.fashionMnist: the training file holds " + drawn.rows()
          + " images, fewer than train + validation = " + (train + validation));
    }
    Dataset tr = drawn.rows(range(0, train), drawn.nameWith("train part"));
    Dataset va = drawn.rows(range(train, train + validation), drawn.nameWith("validation part"));
    Dataset te = IdxReader.fashionMnist(folder, "t10k", test, seed);
    double[] moments = moments(tr.features());
    String description = String.format(Locale.ROOT,
        "fashion-mnist: train %d and validation %d drawn with seed %d from the 60000 training images; test %d images"
            + " (%s); pixels standardised by the training part's mean %.4f and deviation %.4f over all pixels", train,
        validation, seed, te.rows(), te.name(), moments[0], moments[1]);
    return new StnSplit(scaled(tr, moments), scaled(va, moments), scaled(te, moments), description);
  }

  private static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }

  /** The mean and the standard deviation (1 if it is 0) of all values. */
  private static double[] moments(double[] x) {
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= x.length;
    double var = 0;
    for (double v : x) {
      var += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(var / x.length);
    return new double[] {mean, sd > 0 ? sd : 1};
  }

  private static Dataset scaled(Dataset d, double[] moments) {
    double[] x = d.features().clone();
    for (int i = 0; i < x.length; i++) {
      x[i] = (x[i] - moments[0]) / moments[1];
    }
    return d.withFeatures(x);
  }
}
