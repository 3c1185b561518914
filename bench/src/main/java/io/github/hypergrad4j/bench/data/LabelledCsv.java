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
 *   <li>UTF-8 text (a byte-order mark is skipped; a NUL byte marks a binary file and is refused),
 *       gzip'd when the file name ends in ".gz"; the whole file is read (and a gzip stream's
 *       checksum verified) before it is parsed;
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
 * file). Every mistake is a {@link DataException} naming the file, the line and the field, the
 * field shown by {@link Quoted} (shortened, non-printable characters escaped); when {@link
 * Header#AUTO} took the first line for data, the message says so and how to read it as a header.
 */
public final class LabelledCsv {

  /** Whether the first line of a CSV file names the columns. */
  public enum Header {
    /** The first non-blank line is a header. */
    YES,
    /** Every line is data; a non-numeric first line is an error. */
    NO,
    /**
     * The first non-blank line is a header if none of its fields is a number, data if all are; one
     * with both is refused.
     */
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
    refuseBinary(source, bytes);
    Lines lines = new Lines();
    try {
      read(source, bytes, header, lines);
      return dataset(source, lines, name, knownNames);
    } catch (DataException e) {
      if (header == Header.AUTO && lines.headerLine == 0 && lines.firstDataLine > 0) {
        throw new DataException(ROUTINE, e.detail() + " (line " + lines.firstDataLine + " was read as data; if it "
            + "is a header, use --header yes)", e.getCause());
      }
      throw e;
    }
  }

  /** What {@link #read} found: the data lines, the header's names and where each began. */
  private static final class Lines {
    final List<double[]> rows = new ArrayList<>();
    final int[] counts = new int[ClassLabels.MAX_CLASSES];
    List<String> headerNames;
    int headerLine;
    int firstDataLine;
  }

  /** Reads the lines of {@code bytes} into {@code into}, refusing the first that is malformed. */
  private static void read(String source, byte[] bytes, Header header, Lines into) {
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
        if (into.headerLine == 0 && into.firstDataLine == 0 && isHeader(source, number, fields, header)) {
          into.headerLine = number;
          into.headerNames = names(fields);
          continue;
        }
        List<double[]> rows = into.rows;
        if (into.firstDataLine == 0) {
          into.firstDataLine = number;
          if (fields.length < 2) {
            throw new DataException(ROUTINE, source + ": line " + number + " has " + fields.length
                + " field; a line needs at least one feature and a label");
          }
        } else if (fields.length != rows.get(0).length) {
          throw new DataException(ROUTINE, source + ": line " + number + " has " + fields.length
              + " values, the first had " + rows.get(0).length + " (line " + into.firstDataLine + ")");
        }
        double[] v = numbers(ROUTINE, source, number, fields,
            header == Header.NO && rows.isEmpty() ? " (the first line is read as data: no header)" : "");
        String invalid = ClassLabels.invalid(v[v.length - 1], fields[fields.length - 1].trim());
        if (invalid != null) {
          throw new DataException(ROUTINE, source + ": line " + number + ": " + invalid);
        }
        into.counts[(int) v[v.length - 1]]++;
        rows.add(v);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("LabelledCsv.parse: reading bytes in memory failed", e);
    }
  }

  /** The data set of the lines read. */
  private static Dataset dataset(String source, Lines lines, String name, List<String> knownNames) {
    List<double[]> rows = lines.rows;
    if (rows.isEmpty()) {
      throw new DataException(ROUTINE, source + (lines.headerLine > 0 ? ": no data lines after the header"
          : ": no data lines"));
    }
    int width = rows.get(0).length;
    int cols = width - 1;
    List<String> headerNames = lines.headerNames;
    if (knownNames == null && headerNames != null && headerNames.size() != width) {
      throw new DataException(ROUTINE, source + ": the header (line " + lines.headerLine + ") names "
          + headerNames.size() + " columns, the data lines have " + width);
    }
    int classes = ClassLabels.classes(ROUTINE, source, lines.counts);
    double[] features = new double[rows.size() * cols];
    int[] labels = new int[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, features, i * cols, cols);
      labels[i] = (int) rows.get(i)[cols];
    }
    List<String> featureNames = knownNames;
    if (featureNames == null) {
      featureNames = new ArrayList<>();
      for (int j = 0; j < cols; j++) {
        String given = headerNames == null ? "" : headerNames.get(j);
        featureNames.add(given.isEmpty() ? "column " + (j + 1) : given);
      }
    }
    String fullName = name != null ? name : source + (lines.headerLine > 0 ? ", header read" : ", no header");
    return new Dataset(fullName, features, rows.size(), cols, labels, null, classes, featureNames);
  }

  /**
   * Whether the first non-blank line, line {@code number}, is a header: always under {@link
   * Header#YES}, never under {@link Header#NO}; under {@link Header#AUTO} when none of its fields
   * is a number, not when all are, and a {@link DataException} when some are and some are not (a
   * typo in the first example, or a header naming a column by a number: which, only the user
   * knows).
   */
  private static boolean isHeader(String source, int number, String[] fields, Header header) {
    if (header != Header.AUTO) {
      return header == Header.YES;
    }
    int firstText = -1;
    int numbers = 0;
    for (int k = 0; k < fields.length; k++) {
      if (isNumber(fields[k])) {
        numbers++;
      } else if (firstText < 0) {
        firstText = k;
      }
    }
    if (numbers > 0 && firstText >= 0) {
      throw new DataException(ROUTINE, source + ": line " + number + " is neither a header (all names) nor data "
          + "(all numbers): " + numbers + " of its " + fields.length + " fields are numbers but field "
          + (firstText + 1) + ", " + Quoted.of(fields[firstText].trim()) + ", is not; fix it or say --header yes|no");
    }
    return numbers == 0;
  }

  private static boolean isNumber(String field) {
    try {
      Double.parseDouble(field.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * Refuses bytes that cannot be text: a NUL byte never occurs in UTF-8 text, and a file holding
   * one (an image, an archive, an IDX file) would otherwise be parsed into messages of garbage.
   */
  private static void refuseBinary(String source, byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw new DataException(ROUTINE, source + ": not a text file (a NUL byte at offset " + i + "); a CSV file "
            + "is UTF-8 text");
      }
    }
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
        throw new DataException(routine, source + ": line " + number + ", field " + (k + 1) + ": " + Quoted.of(text)
            + " is not a number" + hint);
      }
      if (!Double.isFinite(v[k])) {
        throw new DataException(routine, source + ": line " + number + ", field " + (k + 1) + ": " + Quoted.of(text)
            + " is not a finite number");
      }
    }
    return v;
  }
}
