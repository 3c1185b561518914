package io.github.hypergrad4j.bench.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Seeded train/validation/test splits and feature standardisation fitted on the training part
 * only (so no statistic of the held-out parts leaks into training).
 *
 * <p>A split of a classification data set must leave at least one example of every class in each
 * of its three parts; {@link #split} refuses one that does not, and {@link #checkClasses} makes
 * the same check without building the parts, so a caller can refuse bad data before a long run.
 * With the fractions 0.6/0.2 that takes at least 5 examples per class (one in validation and one
 * in test are each a fifth of the examples), and in practice more, as the shuffle is random.
 */
public final class Splits {

  /** The training fraction the examples and {@code tune} use. */
  public static final double DEFAULT_TRAIN = 0.6;

  /** The validation fraction the examples and {@code tune} use (the test part is the rest). */
  public static final double DEFAULT_VALIDATION = 0.2;

  private Splits() {}

  /** The three parts of a split. */
  public record TrainValidationTest(Dataset train, Dataset validation, Dataset test) {}

  /**
   * Shuffles with {@code seed} ({@link Sampling#permutation}) and cuts the examples into
   * round(train·n) for training, round(validation·n) for validation and the rest for test; then
   * standardises every part with the training part's statistics per feature ({@link
   * Standardisation}: (x − mean) / standard deviation without overflow; a constant feature is only
   * centred). The parts are named with the qualifiers "train part", "validation part" and "test
   * part".
   *
   * @throws IllegalArgumentException if the fractions are not 0 &lt; train, 0 &lt; validation,
   *     train + validation &lt; 1, or a part is empty, or (classification) a part lacks a class
   */
  public static TrainValidationTest split(Dataset data, double train, double validation, long seed) {
    int[][] parts = parts("Splits.split", data, train, validation, seed);
    Optional<String> problem = problem(data, parts, train, validation, seed);
    if (problem.isPresent()) {
      throw new IllegalArgumentException("Splits.split: " + problem.get());
    }
    Dataset tr = data.rows(parts[0], data.nameWith("train part"));
    Dataset va = data.rows(parts[1], data.nameWith("validation part"));
    Dataset te = data.rows(parts[2], data.nameWith("test part"));
    Standardisation s = Standardisation.fit(tr);
    return new TrainValidationTest(s.apply(tr), s.apply(va), s.apply(te));
  }

  /**
   * Throws what {@link #split} with the same arguments would throw for an empty part or a part
   * that lacks a class, without building the parts.
   *
   * @throws IllegalArgumentException naming the part, the missing classes and every part's class
   *     counts
   */
  public static void checkClasses(Dataset data, double train, double validation, long seed) {
    Optional<String> problem = classProblem(data, train, validation, seed);
    if (problem.isPresent()) {
      throw new IllegalArgumentException("Splits.checkClasses: " + problem.get());
    }
  }

  /**
   * What is wrong with the split {@link #split} would make, as one sentence ("the test part lacks
   * class 2 when NAME is split 60/20/20 with seed 7 (class counts: train [20, 8, 2], validation
   * [5, 3, 2], test [5, 5, 0]); ..."), or empty when every part holds every class.
   */
  public static Optional<String> classProblem(Dataset data, double train, double validation, long seed) {
    return problem(data, parts("Splits.checkClasses", data, train, validation, seed), train, validation, seed);
  }

  /** The row indices of the three parts. */
  private static int[][] parts(String routine, Dataset data, double train, double validation, long seed) {
    if (!(train > 0 && validation > 0 && train + validation < 1)) {
      throw new IllegalArgumentException(routine + ": needs train > 0, validation > 0 and train + validation < 1, got "
          + train + " and " + validation);
    }
    int n = data.rows();
    int[] order = Sampling.permutation(n, seed);
    int nTrain = (int) Math.round(train * n);
    int nValidation = (int) Math.min(Math.round(validation * n), n - nTrain);
    return new int[][] {Arrays.copyOfRange(order, 0, nTrain),
        Arrays.copyOfRange(order, nTrain, nTrain + nValidation), Arrays.copyOfRange(order, nTrain + nValidation, n)};
  }

  private static Optional<String> problem(Dataset data, int[][] parts, double train, double validation, long seed) {
    String[] names = {"train", "validation", "test"};
    int k = data.labels() == null ? 0 : data.classes();
    int[][] counts = new int[3][k];
    List<String> wrong = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      for (int row : parts[p]) {
        if (k > 0) {
          counts[p][data.labels()[row]]++;
        }
      }
      if (parts[p].length == 0) {
        wrong.add("the " + names[p] + " part is empty");
        continue;
      }
      List<Integer> missing = new ArrayList<>();
      for (int c = 0; c < k; c++) {
        if (counts[p][c] == 0) {
          missing.add(c);
        }
      }
      if (!missing.isEmpty()) {
        wrong.add("the " + names[p] + " part lacks class" + (missing.size() == 1 ? " " : "es ")
            + String.join(", ", missing.stream().map(String::valueOf).toList()));
      }
    }
    if (wrong.isEmpty()) {
      return Optional.empty();
    }
    String detail = k > 0
        ? "class counts: train " + Arrays.toString(counts[0]) + ", validation " + Arrays.toString(counts[1])
            + ", test " + Arrays.toString(counts[2])
        : "sizes " + parts[0].length + ", " + parts[1].length + ", " + parts[2].length;
    return Optional.of(String.format(Locale.ROOT, "%s when %s is split %s with seed %d (%s); every part needs at "
        + "least one example%s", String.join(" and ", wrong), data.name(), percentages(train, validation), seed,
        detail, k > 0 ? " of every class" : ""));
  }

  private static String percentages(double train, double validation) {
    return String.format(Locale.ROOT, "%.3g/%.3g/%.3g", 100 * train, 100 * validation, 100 * (1 - train - validation))
        .replaceAll("\\.0+(?=/|$)", "").replaceAll("(\\.\\d*?)0+(?=/|$)", "$1");
  }
}
