package io.github.hypergrad4j.bench.data;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a labelled CSV file. The format:
 *
 * <ul>
 *   <li>UTF-8 text (a byte-order mark is skipped), gzip'd when the file name ends in ".gz"; the
 *       whole file is read (and a gzip stream's checksum verified) before it is parsed;
 *   <li>fields separated by commas, surrounding spaces ignored, blank lines skipped;
 *   <li>an optional header line ({@link Header}): the first non-blank line, one name per column;
 *       its first names become the feature names, the last (the label column's) is ignored;
 *   <li>every other line: the same number of fields, at least two; the features as finite
 *       numbers (NaN, Infinity and numbers beyond ±1.8e308 are refused), then the class label;
 *   <li>class labels are whole numbers 0, 1, …, K−1 without gaps, 2 ≤ K ≤ {@value
 *       ClassLabels#MAX_CLASSES} ({@link ClassLabels}).
 * </ul>
 *
 * <p>The data set is named after the file with the qualifier "header read" or "no header".
 * Without a header the features are named "column 1", "column 2", … (the fields' numbers in the
 * file). Every mistake is a {@link DataException} naming the file, the line and the field.
 */
public final class LabelledCsv {

  /** Whether the first line of a CSV file names the columns. */
  public enum Header {
    /** The first non-blank line is a header. */
    YES,
    /** Every line is data; a non-numeric first line is an error. */
    NO,
    /** The first non-blank line is a header if any of its fields is not a number. */
    AUTO
  }

  private static final String ROUTINE = "LabelledCsv.read";

  private LabelledCsv() {}

  /** Reads {@code file} with the given header rule. */
  public static Dataset read(Path file, Header header) {
    byte[] bytes;
    try {
      bytes = Inputs.readAll(ROUTINE, file.toString(), Files.newInputStream(file));
    } catch (IOException e) {
      throw Inputs.failure(ROUTINE, file.toString(), e);
    }
    return parse(file.toString(), bytes, header, null, null);
  }

  /**
   * Parses the bytes of a CSV file.
   *
   * @param source the file's name, for messages
   * @param header the header rule
   * @param name the data set's name, or null for {@code source} with the qualifier "header read"
   *     or "no header"
   * @param knownNames the feature names, or null for those of the header (or "column j")
   */
  static Dataset parse(String source, byte[] bytes, Header header, String name, List<String> knownNames) {
    List<double[]> lines = new ArrayList<>();
    int[] counts = new int[ClassLabels.MAX_CLASSES];
    List<String> headerNames = null;
    int headerLine = 0;
    int firstDataLine = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes),
        StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = r.readLine()) != null) {
        number++;
        if (number == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        String trimmed = line.trim();
        if (trimmed.isEmpty()) {
          continue;
        }
        String[] fields = trimmed.split(",", -1);
        if (headerLine == 0 && firstDataLine == 0
            && (header == Header.YES || header == Header.AUTO && !allNumbers(fields))) {
          headerLine = number;
          headerNames = names(fields);
          continue;
        }
        if (firstDataLine == 0) {
          firstDataLine = number;
          if (fields.length < 2) {
            throw new DataException(ROUTINE, source + ": line " + number + " has " + fields.length
                + " field; a line needs at least one feature and a label");
          }
        } else if (fields.length != lines.get(0).length) {
          throw new DataException(ROUTINE, source + ": line " + number + " has " + fields.length
              + " values, the first had " + lines.get(0).length + " (line " + firstDataLine + ")");
        }
        double[] v = numbers(ROUTINE, source, number, fields,
            header == Header.NO && lines.isEmpty() ? " (the first line is read as data: no header)" : "");
        String invalid = ClassLabels.invalid(v[v.length - 1], fields[fields.length - 1].trim());
        if (invalid != null) {
          throw new DataException(ROUTINE, source + ": line " + number + ": " + invalid);
        }
        counts[(int) v[v.length - 1]]++;
        lines.add(v);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("LabelledCsv.parse: reading bytes in memory failed", e);
    }
    if (lines.isEmpty()) {
      throw new DataException(ROUTINE, source + (headerLine > 0 ? ": no data lines after the header" : ": no data lines"));
    }
    int width = lines.get(0).length;
    int cols = width - 1;
    if (knownNames == null && headerNames != null && headerNames.size() != width) {
      throw new DataException(ROUTINE, source + ": the header (line " + headerLine + ") names " + headerNames.size()
          + " columns, the data lines have " + width);
    }
    int classes = ClassLabels.classes(ROUTINE, source, counts);
    double[] features = new double[lines.size() * cols];
    int[] labels = new int[lines.size()];
    for (int i = 0; i < lines.size(); i++) {
      System.arraycopy(lines.get(i), 0, features, i * cols, cols);
      labels[i] = (int) lines.get(i)[cols];
    }
    List<String> featureNames = knownNames;
    if (featureNames == null) {
      featureNames = new ArrayList<>();
      for (int j = 0; j < cols; j++) {
        String given = headerNames == null ? "" : headerNames.get(j);
        featureNames.add(given.isEmpty() ? "column " + (j + 1) : given);
      }
    }
    String fullName = name != null ? name : source + (headerLine > 0 ? ", header read" : ", no header");
    return new Dataset(fullName, features, lines.size(), cols, labels, null, classes, featureNames);
  }

  private static boolean allNumbers(String[] fields) {
    for (String f : fields) {
      try {
        Double.parseDouble(f.trim());
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return true;
  }

  /** The fields of a header line, trimmed and without surrounding double quotes. */
  private static List<String> names(String[] fields) {
    List<String> names = new ArrayList<>();
    for (String f : fields) {
      String t = f.trim();
      if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
        t = t.substring(1, t.length() - 1).trim();
      }
      names.add(t);
    }
    return names;
  }

  /**
   * The fields of line {@code number} as finite numbers, or a {@link DataException} of {@code
   * routine} naming the line and field ({@code hint} appended to a field that is not a number).
   */
  static double[] numbers(String routine, String source, int number, String[] fields, String hint) {
    double[] v = new double[fields.length];
    for (int k = 0; k < fields.length; k++) {
      String text = fields[k].trim();
      try {
        v[k] = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw new DataException(routine, source + ": line " + number + ", field " + (k + 1) + ": '" + text
            + "' is not a number" + hint);
      }
      if (!Double.isFinite(v[k])) {
        throw new DataException(routine, source + ": line " + number + ", field " + (k + 1) + ": '" + text
            + "' is not a finite number");
      }
    }
    return v;
  }
}
