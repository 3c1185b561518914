package io.github.hypergrad4j.bench.cli;

import io.github.hypergrad4j.bench.data.DataException;
import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bench.data.DatasetReader;
import io.github.hypergrad4j.bench.data.IdxReader;
import io.github.hypergrad4j.bench.data.LabelledCsv;
import io.github.hypergrad4j.bench.data.Quoted;
import io.github.hypergrad4j.bench.data.Splits;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The data options of {@code tune}: which data set ({@code --data}), how many examples ({@code
 * --limit}), and how a CSV file is read ({@code --header}). Every mistake is a {@link
 * UsageException} naming it, found before any work starts: that includes a split (the one {@code
 * tune} makes, 60/20/20 with the seed) that would leave a part without some class.
 */
final class DataChoice {

  /** The options this class reads (without "--"). */
  static final Set<String> OPTIONS = Set.of("data", "limit", "header");

  /** Their lines of {@code tune --help}. */
  static final String HELP = """
        --data NAME|FILE   breast-cancer (default), digits, fashion-mnist (training images from
                           Debian's dataset-fashion-mnist), a folder holding Fashion-MNIST's
                           train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz], or a
                           CSV file (.csv, or gzip'd .csv.gz): comma-separated numbers, one
                           example a line, its class label last; labels 0, 1, ..., K-1 without
                           gaps, 2 <= K <= 1000. The 60/20/20 split is a seeded shuffle, not
                           stratified: each part must get every class by chance. That takes 5
                           examples per class at the very least, and more in practice (3
                           classes of 8: half the seeds fail; of 20: 2%); tune then names the
                           part and the class counts (try another --seed or more data)
        --header WHEN      yes, no or auto (default): whether a CSV file's first line is a
                           header naming the columns; auto takes a first line with no number
                           for one and a line of numbers for data, and refuses a line of both.
                           The data's name says which ("header read", "no header")
        --limit N          use N examples (at least 10) drawn at random with the seed (default:
                           all; 5000 for fashion-mnist)
      """;

  /** The training and validation fractions of the split {@code tune} makes. */
  private static final double TRAIN = Splits.DEFAULT_TRAIN;

  private static final double VALIDATION = Splits.DEFAULT_VALIDATION;

  /** Fashion-MNIST images used when no --limit is given. */
  private static final int FASHION_MNIST_DEFAULT = 5000;

  private DataChoice() {}

  /** The data set the options name, limited as asked, checked to split into parts with every class. */
  static Dataset load(String command, CommandLine cl, long seed) {
    String name = cl.string("data", "breast-cancer");
    int limit = cl.integer("limit", 0, 10);
    LabelledCsv.Header header = header(command, cl);
    boolean drawn = false;
    Dataset d;
    try {
      switch (name) {
        case "breast-cancer", "digits", "fashion-mnist" -> {
          if (header != null) {
            throw new UsageException(command + ": --header applies to CSV files, not to the built-in data set " + name);
          }
          if (name.equals("fashion-mnist")) {
            d = fashionMnist(Path.of(IdxReader.DEFAULT_FOLDER), limit, seed);
            drawn = true;
          } else {
            d = name.equals("digits") ? DatasetReader.digits() : DatasetReader.breastCancer();
          }
        }
        default -> {
          Path file = path(command, name);
          if (Files.isDirectory(file)) {
            if (header != null) {
              throw new UsageException(command + ": --header applies to CSV files, not to the folder " + name);
            }
            d = fashionMnist(file, limit, seed);
            drawn = true;
          } else if (Files.isRegularFile(file)) {
            if (IdxReader.isIdxFile(file)) {
              throw new UsageException(command + ": " + name + " is an IDX file: give its folder (--data "
                  + (file.getParent() == null ? "." : file.getParent()) + "), which must hold "
                  + "train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz]");
            }
            d = LabelledCsv.read(file, header == null ? LabelledCsv.Header.AUTO : header);
          } else {
            throw new UsageException(command + ": no data set or file named '" + name
                + "' (built in: breast-cancer, digits, fashion-mnist)");
          }
        }
      }
    } catch (DataException e) {
      throw new UsageException(command + ": " + e.detail());
    }
    int all = d.rows();
    if (limit > 0 && !drawn) {
      d = d.sample(limit, seed);
    }
    if (d.labels() == null) {
      throw new UsageException(command + ": " + d.name() + " has no class labels; " + command
          + " needs a classification data set");
    }
    Optional<String> problem = Splits.classProblem(d, TRAIN, VALIDATION, seed);
    if (problem.isPresent()) {
      throw new UsageException(String.format(Locale.ROOT, "%s: %s: %s", command, problem.get(),
          limit > 0 && (drawn || limit < all) ? "raise --limit or try another --seed"
              : "try another --seed, or use data with more examples of each class"));
    }
    return d;
  }

  /**
   * The files {@code --data} names: the CSV file, or the IDX files a folder (or the built-in
   * Fashion-MNIST) is read from, those that exist or not; none for the embedded data sets. For
   * checking that no output overwrites them.
   */
  static List<Path> inputFiles(String command, CommandLine cl) {
    String name = cl.string("data", "breast-cancer");
    Path file = switch (name) {
      case "breast-cancer", "digits" -> null;
      case "fashion-mnist" -> Path.of(IdxReader.DEFAULT_FOLDER);
      default -> path(command, name);
    };
    if (file == null) {
      return List.of();
    }
    if (!Files.isDirectory(file)) {
      return List.of(file);
    }
    List<Path> files = new ArrayList<>();
    for (String kind : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte")) {
      files.add(file.resolve(kind));
      files.add(file.resolve(kind + ".gz"));
    }
    return files;
  }

  /** "NAME (569 examples, 30 features, 2 classes)": the data as the output names them. */
  /**
   * {@code cl} if it names a data set; else the same arguments with {@code --data name} added
   * (a method whose default data set is not {@code tune}'s).
   */
  static CommandLine withDefaultData(String[] args, CommandLine cl, String name) {
    if (cl.has("data")) {
      return cl;
    }
    String[] withData = java.util.Arrays.copyOf(args, args.length + 2);
    withData[args.length] = "--data";
    withData[args.length + 1] = name;
    return new CommandLine("tune", withData, TuneCommand.VALUED, TuneCommand.FLAGS);
  }

  static String describe(Dataset d) {
    return String.format(Locale.ROOT, "%s (%d examples, %d features, %d classes)", d.name(), d.rows(), d.cols(),
        d.classes());
  }

  /**
   * The parameters of {@code tune}'s logistic regression on {@code d}, as {@link
   * io.github.hypergrad4j.bench.examples.L2LogisticRegression} counts them: a weight per feature
   * and a bias, for one output with two classes and for one output per class otherwise.
   */
  static int logisticParameters(Dataset d) {
    return (d.cols() + 1) * (d.classes() == 2 ? 1 : d.classes());
  }

  /** --header as a rule, or null when not given. */
  private static LabelledCsv.Header header(String command, CommandLine cl) {
    if (!cl.has("header")) {
      return null;
    }
    String value = cl.string("header", "auto");
    return switch (value) {
      case "yes" -> LabelledCsv.Header.YES;
      case "no" -> LabelledCsv.Header.NO;
      case "auto" -> LabelledCsv.Header.AUTO;
      default -> throw new UsageException(command + ": --header must be yes, no or auto, got '" + value + "'");
    };
  }

  private static Path path(String command, String name) {
    try {
      return Path.of(name);
    } catch (InvalidPathException e) {
      throw new UsageException(command + ": --data " + Quoted.of(name) + " is not a valid file name ("
          + e.getReason() + ")");
    }
  }

  /** Fashion-MNIST's training images from IDX files in {@code folder}: 5000 unless limited. */
  private static Dataset fashionMnist(Path folder, int limit, long seed) {
    return IdxReader.fashionMnist(folder, "train", limit == 0 ? FASHION_MNIST_DEFAULT : limit, seed);
  }
}
