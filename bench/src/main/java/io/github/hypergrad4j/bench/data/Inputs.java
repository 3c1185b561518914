package io.github.hypergrad4j.bench.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opening the readers' inputs, gzip'd when the name ends in ".gz", and turning any failure into a
 * {@link DataException} that names the file and the real cause in one line: a
 * truncated or corrupt gzip stream ("digits.csv.gz: the gzip data is truncated or corrupt
 * (Unexpected end of ZLIB input stream)") rather than a parse error further on.
 */
final class Inputs {

  private Inputs() {}

  /** {@code raw}, decompressed when {@code source} ends in ".gz". */
  static InputStream open(String source, InputStream raw) throws IOException {
    return source.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
  }

  /**
   * Every byte of {@code raw} (decompressed when {@code source} ends in ".gz"), read before any
   * of it is parsed: a gzip stream's checksum is only verified at its end, so corruption in the
   * middle is reported as such, not as the garbage it decompresses to.
   */
  static byte[] readAll(String routine, String source, InputStream raw) {
    try (InputStream in = open(source, raw)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw failure(routine, source, e);
    }
  }

  /** The one-line failure of {@code routine} for an I/O error while reading {@code source}. */
  static DataException failure(String routine, String source, IOException e) {
    String cause = e instanceof NoSuchFileException ? "no such file"
        : e instanceof AccessDeniedException ? "permission denied"
        : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (source.endsWith(".gz") && (e instanceof EOFException || e instanceof ZipException)) {
      return new DataException(routine, source + ": the gzip data is truncated or corrupt (" + cause + ")", e);
    }
    return new DataException(routine, source + ": cannot be read (" + cause + ")", e);
  }
}
