package io.github.hypergrad4j.bench.accuracy;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes the study's measurements as CSV (RFC 4180, comma-separated, one header line, UTF-8):
 * one row per problem × solver × budget, numbers in Java's {@code %.6e} with a dot as the decimal
 * point (NaN and Infinity spelled so), so the file reads the same everywhere.
 */
public final class AccuracyCsv {

  /** The header line. */
  public static final String HEADER = "problem,solver,budget,products,status,relative_error,cosine_similarity,"
      + "relative_residual,time_ms";

  private AccuracyCsv() {}

  /**
   * Writes {@code rows} to {@code file} (replacing it). Cost O(rows).
   *
   * @param rows the measurements, written in their order
   * @param file the CSV file; its folder must exist
   * @throws IOException if the file cannot be written
   */
  public static void write(List<Measurement> rows, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(HEADER);
      w.write('\n');
      for (Measurement m : rows) {
        w.write(line(m));
        w.write('\n');
      }
    }
  }

  /** One row of the file, without the line end. */
  static String line(Measurement m) {
    return String.format(Locale.ROOT, "%s,%s,%d,%d,%s,%.6e,%.6e,%.6e,%.6e", m.problem(), m.solver().label,
        m.budget(), m.products(), m.status(), m.relativeError(), m.cosineSimilarity(), m.relativeResidual(),
        m.millis());
  }
}
