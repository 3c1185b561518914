package io.github.hypergrad4j.bench.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the data formats of the project's shared data folder, from the copies embedded in this
 * module ({@link #breastCancer()}, {@link #digits()}, {@link #diabetes()}) or from files: a
 * labelled CSV whose last column is an integer class (optionally with a header line, optionally
 * gzip'd), and the diabetes pair of space-separated features and targets. Malformed input fails
 * with an {@link IllegalArgumentException} naming the source, the line and what was wrong.
 */
public final class DatasetReader {

  private static final String RESOURCES = "/io/github/hypergrad4j/bench/data/";

  private DatasetReader() {}

  /** Breast cancer Wisconsin (diagnostic): 569 × 30, classes malignant (0) and benign (1). */
  public static Dataset breastCancer() {
    return labelledCsv("breast_cancer.csv", resource("breast_cancer.csv"), true);
  }

  /** Optical digits (test part): 1797 × 64 pixel values 0..16, ten classes. */
  public static Dataset digits() {
    return labelledCsv("digits.csv.gz", resource("digits.csv.gz"), false);
  }

  /** Diabetes: 442 × 10 raw features and a real target. */
  public static Dataset diabetes() {
    List<double[]> x = numericLines("diabetes_data_raw.csv.gz", resource("diabetes_data_raw.csv.gz"), " ");
    List<double[]> y = numericLines("diabetes_target.csv.gz", resource("diabetes_target.csv.gz"), " ");
    if (x.size() != y.size()) {
      throw new IllegalArgumentException("diabetes: " + x.size() + " feature rows but " + y.size() + " targets");
    }
    int cols = x.get(0).length;
    double[] features = new double[x.size() * cols];
    double[] targets = new double[y.size()];
    for (int i = 0; i < x.size(); i++) {
      if (x.get(i).length != cols) {
        throw new IllegalArgumentException("diabetes_data_raw.csv.gz: line " + (i + 1) + " has "
            + x.get(i).length + " values, expected " + cols);
      }
      System.arraycopy(x.get(i), 0, features, i * cols, cols);
      targets[i] = y.get(i)[0];
    }
    return new Dataset("diabetes", features, x.size(), cols, null, targets, 0);
  }

  /**
   * A labelled CSV file: features, then an integer class last; gzip'd if the name ends in .gz. A
   * first line that is not all numbers is taken for a header and skipped.
   */
  public static Dataset labelledCsv(Path file) {
    boolean header;
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String first = r.readLine();
      if (first == null) {
        throw new IllegalArgumentException(file + ": the file is empty");
      }
      header = !allNumbers(first);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      return labelledCsv(file.toString(), Files.newInputStream(file), header);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean allNumbers(String line) {
    for (String part : line.trim().split(",", -1)) {
      try {
        Double.parseDouble(part.trim());
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return true;
  }

  private static InputStream resource(String name) {
    InputStream in = DatasetReader.class.getResourceAsStream(RESOURCES + name);
    if (in == null) {
      throw new IllegalStateException("the embedded data set " + name + " is missing from the jar");
    }
    return in;
  }

  private static Dataset labelledCsv(String source, InputStream in, boolean header) {
    List<double[]> lines = numericLines(source, in, ",", header);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(source + ": no data lines");
    }
    int width = lines.get(0).length;
    if (width < 2) {
      throw new IllegalArgumentException(source + ": a line needs at least one feature and a label");
    }
    int cols = width - 1;
    double[] features = new double[lines.size() * cols];
    int[] labels = new int[lines.size()];
    int classes = 0;
    for (int i = 0; i < lines.size(); i++) {
      double[] v = lines.get(i);
      if (v.length != width) {
        throw new IllegalArgumentException(source + ": data line " + (i + 1) + " has " + v.length
            + " values, the first had " + width);
      }
      System.arraycopy(v, 0, features, i * cols, cols);
      double label = v[cols];
      if (label != Math.rint(label) || label < 0) {
        throw new IllegalArgumentException(source + ": data line " + (i + 1) + " has label " + label
            + ", expected a class number 0, 1, 2, ...");
      }
      labels[i] = (int) label;
      classes = Math.max(classes, labels[i] + 1);
    }
    return new Dataset(source, features, lines.size(), cols, labels, null, classes);
  }

  private static List<double[]> numericLines(String source, InputStream in, String separator) {
    return numericLines(source, in, separator, false);
  }

  private static List<double[]> numericLines(String source, InputStream raw, String separator, boolean header) {
    List<double[]> rows = new ArrayList<>();
    try (InputStream in = source.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = r.readLine()) != null) {
        number++;
        if (header && number == 1) {
          continue;
        }
        String trimmed = line.trim();
        if (trimmed.isEmpty()) {
          continue;
        }
        String[] parts = separator.equals(" ") ? trimmed.split("\\s+") : trimmed.split(separator, -1);
        double[] v = new double[parts.length];
        for (int k = 0; k < parts.length; k++) {
          try {
            v[k] = Double.parseDouble(parts[k].trim());
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": line " + number + ", field " + (k + 1)
                + ": '" + parts[k] + "' is not a number");
          }
          if (!Double.isFinite(v[k])) {
            throw new IllegalArgumentException(source + ": line " + number + ", field " + (k + 1) + " is " + v[k]);
          }
        }
        rows.add(v);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + source + " failed", e);
    }
    return rows;
  }
}
