package io.github.hypergrad4j.bench.distill;

import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bench.data.DatasetReader;
import io.github.hypergrad4j.bench.data.IdxReader;
import io.github.hypergrad4j.bench.data.Sampling;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The three parts of a distillation experiment, pixels in [0, 1] and not standardised (so that
 * the distilled images are images on the real images' scale): training (the outer objective's
 * real images, and what the baselines draw from), validation (which step's images are kept) and
 * test (reported only).
 *
 * @param name the data set's name ("digits", "fashion-mnist")
 * @param train the real training images
 * @param validation the validation images, drawn from the same pool as the training images
 * @param test the test images
 * @param height image height in pixels
 * @param width image width in pixels
 * @param description how the parts were made, for reports
 */
public record DistillData(String name, Dataset train, Dataset validation, Dataset test, int height, int width,
    String description) {

  /** Fashion-MNIST training images drawn for the outer objective. */
  public static final int FASHION_TRAIN = 10_000;

  /** Fashion-MNIST validation images drawn beside them. */
  public static final int FASHION_VALIDATION = 2_000;

  /**
   * Checks the parts agree with each other and with the image size.
   *
   * @throws IllegalArgumentException if not
   */
  public DistillData {
    if (name == null || train == null || validation == null || test == null || description == null) {
      throw new IllegalArgumentException("DistillData: name, train, validation, test and description must be given");
    }
    for (Dataset d : new Dataset[] {train, validation, test}) {
      if (d.labels() == null || d.cols() != height * width || d.classes() != train.classes() || d.rows() < 1) {
        throw new IllegalArgumentException("DistillData: " + d.name() + " has " + d.cols() + " features and "
            + d.classes() + " classes; needs " + height + "x" + width + " = " + height * width + " pixels, labels and "
            + train.classes() + " classes");
      }
    }
  }

  /**
   * The embedded 8×8 digits (1797 images): pixels 0..16 divided by 16, shuffled with {@code
   * seed} ({@link Sampling#permutation}) and cut 60/20/20 into train, validation and test.
   */
  public static DistillData digits(long seed) {
    Dataset all = DatasetReader.digits();
    double[] x = all.features().clone();
    for (int i = 0; i < x.length; i++) {
      x[i] /= 16.0;
    }
    all = all.withFeatures(x);
    int n = all.rows();
    int[] order = Sampling.permutation(n, seed);
    int nTrain = (int) Math.round(0.6 * n);
    int nValidation = (int) Math.round(0.2 * n);
    Dataset train = all.rows(Arrays.copyOfRange(order, 0, nTrain), all.nameWith("train part"));
    Dataset validation = all.rows(Arrays.copyOfRange(order, nTrain, nTrain + nValidation),
        all.nameWith("validation part"));
    Dataset test = all.rows(Arrays.copyOfRange(order, nTrain + nValidation, n), all.nameWith("test part"));
    return new DistillData("digits", train, validation, test, 8, 8, String.format(Locale.ROOT,
        "digits: %d images of 8x8 pixels (values/16, in [0, 1]) split 60/20/20 with seed %d: train %d, validation %d,"
            + " test %d", n, seed, train.rows(), validation.rows(), test.rows()));
  }

  /**
   * Fashion-MNIST from {@code folder} ({@link IdxReader#fashionMnist}, pixels/255 in [0, 1]):
   * {@value #FASHION_TRAIN} training and {@value #FASHION_VALIDATION} validation images drawn
   * together with {@code seed} from the 60,000 training images, and all 10,000 images of the
   * separate test file.
   *
   * @throws io.github.hypergrad4j.bench.data.DataException if the files are missing or malformed
   */
  public static DistillData fashionMnist(Path folder, long seed) {
    Dataset drawn = IdxReader.fashionMnist(folder, "train", FASHION_TRAIN + FASHION_VALIDATION, seed);
    if (drawn.rows() < FASHION_TRAIN + FASHION_VALIDATION) {
      throw new IllegalArgumentException("DistillData.fashionMnist: the training file holds " + drawn.rows()
          + " images, fewer than " + (FASHION_TRAIN + FASHION_VALIDATION));
    }
    int[] index = new int[drawn.rows()];
    Arrays.setAll(index, i -> i);
    Dataset train = drawn.rows(Arrays.copyOfRange(index, 0, FASHION_TRAIN), drawn.nameWith("train part"));
    Dataset validation = drawn.rows(Arrays.copyOfRange(index, FASHION_TRAIN, index.length),
        drawn.nameWith("validation part"));
    Dataset test = IdxReader.fashionMnist(folder, "t10k", Integer.MAX_VALUE, seed);
    return new DistillData("fashion-mnist", train, validation, test, 28, 28, String.format(Locale.ROOT,
        "fashion-mnist: train %d and validation %d images drawn with seed %d from the 60000 training images, test all"
            + " %d test images; 28x28 pixels/255, in [0, 1]", train.rows(), validation.rows(), seed, test.rows()));
  }

  /** The number of training images of each class. */
  public int[] trainCounts() {
    int[] counts = new int[train.classes()];
    for (int y : train.labels()) {
      counts[y]++;
    }
    return counts;
  }
}
