package io.github.hypergrad4j.bench.cli;

import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bench.data.DatasetReader;
import io.github.hypergrad4j.bench.data.IdxReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The data options of {@code tune}: which data set ({@code --data}), how many examples ({@code
 * --limit}), and how a CSV file is read. Every mistake is a {@link UsageException} naming it.
 */
final class DataChoice {

  /** The options this class reads (without "--"). */
  static final Set<String> OPTIONS = Set.of("data", "limit");

  /** Their lines of {@code tune --help}. */
  static final String HELP = """
        --data NAME|FILE   breast-cancer (default), digits, fashion-mnist (5000 training images
                           from Debian's dataset-fashion-mnist), a folder with Fashion-MNIST's
                           IDX files, or a CSV file whose last column is an integer class (an
                           optional header line is skipped)
        --limit N          use only the first N examples (after shuffling with the seed)
      """;

  private DataChoice() {}

  /** The data set the options name, limited as asked. */
  static Dataset load(String command, CommandLine cl, long seed) {
    String name = cl.string("data", "breast-cancer");
    int limit = cl.integer("limit", 0, 10);
    Dataset d = switch (name) {
      case "breast-cancer" -> DatasetReader.breastCancer();
      case "digits" -> DatasetReader.digits();
      case "fashion-mnist" -> fashionMnist(command, Path.of(IdxReader.DEFAULT_FOLDER), limit, seed);
      default -> {
        Path file = Path.of(name);
        if (Files.isDirectory(file)) {
          yield fashionMnist(command, file, limit, seed);
        }
        if (!Files.isRegularFile(file)) {
          throw new UsageException(command + ": no data set or file named '" + name
              + "' (built in: breast-cancer, digits, fashion-mnist)");
        }
        try {
          yield DatasetReader.labelledCsv(file);
        } catch (IllegalArgumentException e) {
          throw new UsageException(command + ": " + e.getMessage());
        }
      }
    };
    if (limit > 0 && limit < d.rows() && !d.name().startsWith("fashion-mnist")) {
      int[] keep = IntStream.range(0, limit).toArray();
      d = d.rows(keep, d.name() + " (first " + limit + ")");
    }
    if (d.labels() == null || d.classes() < 2) {
      throw new UsageException(command + ": " + d.name() + " has no class labels; " + command
          + " needs a classification data set");
    }
    return d;
  }

  /** Fashion-MNIST from IDX files in {@code folder}: 5000 training images unless limited. */
  private static Dataset fashionMnist(String command, Path folder, int limit, long seed) {
    try {
      return IdxReader.fashionMnist(folder, "train", limit == 0 ? 5000 : limit, seed);
    } catch (IllegalArgumentException e) {
      throw new UsageException(command + ": " + e.getMessage());
    }
  }
}
