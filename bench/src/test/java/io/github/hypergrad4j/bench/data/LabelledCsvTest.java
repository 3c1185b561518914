package io.github.hypergrad4j.bench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bench.data.LabelledCsv.Header;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The labelled CSV format: header rule, feature names, finite numbers, class labels, gzip errors. */
class LabelledCsvTest {

  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private static DataException refused(Path file, Header header, String... fragments) {
    DataException e = assertThrows(DataException.class, () -> LabelledCsv.read(file, header));
    assertTrue(e.getMessage().startsWith("LabelledCsv.read: " + file + ": "), e.getMessage());
    for (String f : fragments) {
      assertTrue(e.detail().contains(f), "'" + f + "' in: " + e.detail());
    }
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    return e;
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(b)) {
      g.write(data);
    }
    return b.toByteArray();
  }

  @Test
  void aNumericHeaderIsDataUnderAutoAndNamesUnderYes() throws IOException {
    Path file = write("numeric.csv", "10,20,30,40,1\n0.5,1.5,2.5,3.5,0\n4,3,2,1,1\n");
    Dataset auto = LabelledCsv.read(file, Header.AUTO);
    assertEquals(3, auto.rows(), "auto: a first line of numbers is data");
    assertEquals(file + ", no header", auto.name());
    assertEquals("column 1", auto.featureName(0));
    Dataset yes = LabelledCsv.read(file, Header.YES);
    assertEquals(2, yes.rows(), "yes: the first line names the columns");
    assertEquals(file + ", header read", yes.name());
    assertEquals("10", yes.featureName(0));
    assertEquals("40", yes.featureName(3));
    assertArrayEquals(new double[] {0.5, 1.5, 2.5, 3.5, 4, 3, 2, 1}, yes.features(), 0.0);
    assertArrayEquals(new int[] {0, 1}, yes.labels());
  }

  @Test
  void aTextHeaderGivesTheFeatureNamesUnlessHeaderIsNo() throws IOException {
    Path file = write("iris.csv", "\uFEFFsepal length, \"sepal width\",,species\n5.1,3.5,1.4,0\n6.2,2.9,4.3,1\n");
    Dataset d = LabelledCsv.read(file, Header.AUTO);
    assertEquals(2, d.rows());
    assertEquals("sepal length", d.featureName(0), "a byte-order mark is not part of the name");
    assertEquals("sepal width", d.featureName(1), "quotes and spaces removed");
    assertEquals("column 3", d.featureName(2), "a blank name is the column's number");
    assertEquals(d.featureNames(), LabelledCsv.read(file, Header.YES).featureNames());
    refused(file, Header.NO, "line 1, field 1: 'sepal length' is not a number (the first line is read as data");
  }

  /**
   * Under auto, a first line with some numbers and some other fields is neither a header nor data:
   * a typo in the first example (or an empty field) must not silently drop it and name the
   * features after its numbers.
   */
  @Test
  void autoRefusesAFirstLineOfNumbersAndNonNumbers() throws IOException {
    String rest = "4.9,3.0,1.4,0.2,0\n6.3,3.3,6.0,2.5,1\n";
    refused(write("typo.csv", "5.1,3.5,1.4,0.2x,0\n" + rest), Header.AUTO,
        "line 1 is neither a header (all names) nor data (all numbers): 4 of its 5 fields are numbers but field 4, "
            + "'0.2x', is not; fix it or say --header yes|no");
    refused(write("gap.csv", "\n5.1,,1.4,0.2,0\n" + rest), Header.AUTO,
        "line 2 is neither a header (all names) nor data (all numbers): 4 of its 5 fields are numbers but field 2, "
            + "'', is not");
    refused(write("named.csv", "height,2021,label\n1,2,0\n3,4,1\n"), Header.AUTO, "line 1 is neither a header");
    refused(write("typo2.csv", "5.1,3.5,1.4,0.2x,0\n" + rest), Header.NO,
        "line 1, field 4: '0.2x' is not a number (the first line is read as data: no header)");
    Dataset yes = LabelledCsv.read(write("typo3.csv", "5.1,3.5,1.4,0.2x,0\n" + rest), Header.YES);
    assertEquals(2, yes.rows(), "yes: the user says it is a header");
    assertEquals("0.2x", yes.featureName(3));
  }

  /**
   * A numeric header read as data by auto makes the labels 0, 1, 2, 5 (the header's last field is
   * 5): the refusal says that line 1 was read as data and how to read it as a header.
   */
  @Test
  void autoSaysWhenTheFirstLineWasReadAsData() throws IOException {
    StringBuilder text = new StringBuilder("1,2,3,4,5\n");
    for (int i = 0; i < 12; i++) {
      text.append(i).append(',').append(i % 5).append(",2,3,").append(i % 3).append('\n');
    }
    Path file = write("numeric-header.csv", text.toString());
    refused(file, Header.AUTO, "labels seen are 0, 1, 2, 5", "(line 1 was read as data; if it is a header, use "
        + "--header yes)");
    assertEquals(12, LabelledCsv.read(file, Header.YES).rows());
    DataException ragged = refused(write("ragged-after.csv", "\n\n1,2,3\n1,2\n"), Header.AUTO,
        "line 4 has 2 values, the first had 3 (line 3) (line 3 was read as data; if it is a header, use --header yes)");
    assertTrue(ragged.getMessage().startsWith("LabelledCsv.read: "));
    DataException named = refused(write("named-ragged.csv", "a,b,label\n1,2,0\n1,2\n"), Header.AUTO,
        "line 3 has 2 values");
    assertTrue(!named.detail().contains("was read as data"), "a header was read: " + named.detail());
  }

  @Test
  void badFieldsAreQuotedShortAndPrintable() throws IOException {
    String long60 = "1".repeat(30) + "z".repeat(30);
    refused(write("long.csv", "1,2,0\n" + long60 + ",2,1\n"), Header.AUTO,
        "line 2, field 1: '" + "1".repeat(30) + "zzzzzzz...' is not a number");
    refused(write("control.csv", "1,2,0\n1,x\u001b[2J\u0007y,1\n"), Header.AUTO,
        "line 2, field 2: 'x\\x1b[2J\\x07y' is not a number");
    refused(write("label.csv", "1,2,0\n1,2,1\u00012\n"), Header.AUTO, "line 2, field 3: '1\\x012' is not a number");
  }

  /** A binary file (a NUL byte) is refused as such, not parsed into garbage fields. */
  @Test
  void aBinaryFileIsRefusedAsSuch() throws IOException {
    byte[] bytes = new byte[300];
    new java.util.Random(5).nextBytes(bytes);
    bytes[17] = 0;
    for (int i = 0; i < 17; i++) {
      bytes[i] = (byte) ('a' + i);
    }
    Path file = dir.resolve("image.csv");
    Files.write(file, bytes);
    DataException e = refused(file, Header.AUTO, "not a text file (a NUL byte at offset 17); a CSV file is UTF-8 text");
    assertTrue(e.getMessage().chars().allMatch(c -> c >= 0x20 && c < 0x7f), e.getMessage());
    Path gz = dir.resolve("image.csv.gz");
    Files.write(gz, gzip(bytes));
    refused(gz, Header.AUTO, "not a text file (a NUL byte at offset 17)");
  }

  @Test
  void aHeaderMustNameEveryColumn() throws IOException {
    refused(write("short.csv", "a,b,label\n1,2,3,0\n1,2,3,1\n"), Header.YES,
        "the header (line 1) names 3 columns, the data lines have 4");
  }

  @Test
  void nonFiniteValuesAreRefusedWithLineAndField() throws IOException {
    String good = "1,2,0\n3,4,1\n";
    refused(write("nan.csv", good + "5,NaN,0\n"), Header.AUTO, "line 3, field 2: 'NaN' is not a finite number");
    refused(write("inf.csv", good + "-Infinity,1,0\n"), Header.AUTO, "line 3, field 1: '-Infinity' is not a finite number");
    refused(write("big.csv", "f,g,label\n" + good + "1e400,1,0\n"), Header.AUTO,
        "line 4, field 1: '1e400' is not a finite number");
  }

  @Test
  void labelsMustBeClassesZeroToKWithoutGaps() throws IOException {
    refused(write("gap.csv", "1,1\n2,2\n3,3\n"), Header.AUTO, "labels seen are 1, 2, 3", "no example of class 0");
    refused(write("gap2.csv", "1,0\n2,4\n3,1\n"), Header.AUTO, "labels seen are 0, 1, 4", "no example of classes 2, 3");
    refused(write("half.csv", "1,0\n2,1.5\n"), Header.AUTO, "line 2: label '1.5' is not a class number");
    refused(write("negative.csv", "1,0\n2,-1\n"), Header.AUTO, "line 2: label '-1' is not a class number");
    refused(write("one.csv", "1,1\n2,1\n3,1\n"), Header.AUTO, "has one class only", "every example (3) has label 1");
  }

  @Test
  void theNumberOfClassesIsCappedBeforeAnythingIsAllocated() throws IOException {
    refused(write("huge.csv", "1,0\n2,1\n3,1e9\n"), Header.AUTO, "line 3: label '1e9' is beyond the largest class number",
        "at most " + ClassLabels.MAX_CLASSES + " classes");
    refused(write("cap.csv", "1,0\n2,1000\n"), Header.AUTO, "label '1000' is beyond");
    StringBuilder most = new StringBuilder();
    for (int c = 0; c < ClassLabels.MAX_CLASSES; c++) {
      most.append(c).append(',').append(c).append('\n');
    }
    assertEquals(ClassLabels.MAX_CLASSES, LabelledCsv.read(write("most.csv", most.toString()), Header.NO).classes());
  }

  @Test
  void raggedAndEmptyFilesAreRefused() throws IOException {
    refused(write("ragged.csv", "1,2,0\n\n3,1\n"), Header.AUTO, "line 3 has 2 values, the first had 3 (line 1)");
    refused(write("empty.csv", ""), Header.AUTO, "no data lines");
    refused(write("onlyheader.csv", "a,b,label\n"), Header.AUTO, "no data lines after the header");
    refused(write("labelonly.csv", "0\n1\n"), Header.AUTO, "line 1 has 1 field");
  }

  @Test
  void aTruncatedGzipIsNamedAsSuch() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      text.append(i % 17).append(',').append(i % 5).append(',').append(i % 2).append('\n');
    }
    byte[] gz = gzip(text.toString().getBytes(StandardCharsets.UTF_8));
    Path whole = dir.resolve("whole.csv.gz");
    Files.write(whole, gz);
    assertEquals(5000, LabelledCsv.read(whole, Header.AUTO).rows());
    Path truncated = dir.resolve("truncated.csv.gz");
    Files.write(truncated, Arrays.copyOf(gz, gz.length / 2));
    refused(truncated, Header.AUTO, "the gzip data is truncated or corrupt (Unexpected end of ZLIB input stream)");
    Path notGzip = dir.resolve("plain.csv.gz");
    Files.writeString(notGzip, text);
    refused(notGzip, Header.AUTO, "the gzip data is truncated or corrupt (Not in GZIP format)");
  }

  /**
   * Bytes flipped in the middle of the compressed stream: whatever they decompress to, the file is
   * blamed as corrupt (its checksum is verified before any line is parsed), not a field.
   */
  @Test
  void aGzipCorruptInTheMiddleIsBlamedNotAField() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      text.append(i).append(',').append(i * 7 % 13).append(',').append(i % 3).append('\n');
    }
    byte[] gz = gzip(text.toString().getBytes(StandardCharsets.UTF_8));
    for (int shift = 0; shift < 8; shift++) {
      byte[] corrupt = gz.clone();
      for (int i = gz.length / 2 + shift; i < gz.length / 2 + shift + 8; i++) {
        corrupt[i] ^= 0x55;
      }
      Path file = dir.resolve("corrupt" + shift + ".csv.gz");
      Files.write(file, corrupt);
      DataException e = refused(file, Header.AUTO, "the gzip data is truncated or corrupt (");
      assertTrue(!e.detail().contains("field"), e.detail());
    }
  }

  @Test
  void aMissingFileIsNamed() {
    refused(dir.resolve("absent.csv"), Header.AUTO, "cannot be read (no such file)");
  }
}
