package io.github.hypergrad4j.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bench.cli.MainTest.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tune}'s data options on the command line: what is read, what is refused, and how. */
class TuneDataCliTest {

  @TempDir
  Path dir;

  private static String firstLine(Outcome o) {
    return o.out().lines().findFirst().orElse("");
  }

  /** A short tuning run on {@code data} with further options (not quiet: the first line names the data). */
  static Outcome tune(String data, String... more) {
    String[] args = {"tune", "--no-warmup", "--steps", "2", "--grid-points", "3", "--data", data};
    String[] all = Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return MainTest.run(all);
  }

  static void assertUserError(Outcome o, String... fragments) {
    assertEquals(2, o.status(), o.err());
    assertEquals(1, o.err().lines().count(), "exactly one line on stderr: " + o.err());
    assertTrue(o.err().startsWith("hypergrad4j: tune: "), o.err());
    for (String f : fragments) {
      assertTrue(o.err().contains(f), "'" + f + "' in: " + o.err());
    }
    assertTrue(!o.err().contains("Exception") && !o.err().contains("internal error"), "a user error: " + o.err());
  }

  /**
   * {@code perClass} examples of each of {@code classes} classes, sorted by class, two features
   * around the class's centre (learnable), optionally with a header line.
   */
  private static String csv(String header, int classes, int perClass) {
    StringBuilder b = new StringBuilder(header == null ? "" : header + "\n");
    Random random = new Random(1);
    for (int c = 0; c < classes; c++) {
      for (int i = 0; i < perClass; i++) {
        b.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%d%n", 2 * c + random.nextGaussian(),
            -c + random.nextGaussian(), c));
      }
    }
    return b.toString();
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  /**
   * --limit draws with the seed: on a file sorted by class, the first 50 rows are one class, yet
   * the limited data hold all three (the split check would refuse a part without one).
   */
  @Test
  void limitDrawsWithTheSeedFromAFileSortedByClass() throws IOException {
    Path file = write("sorted.csv", csv("a,b,species", 3, 50));
    Outcome o = tune(file.toString(), "--limit", "50");
    assertEquals(0, o.status(), o.err());
    assertTrue(firstLine(o).contains(file + ", header read, 50 of 150 drawn with seed 7 (50 examples, 2 features, "
        + "3 classes)"), firstLine(o));
  }

  @Test
  void aSplitLeavingAPartWithoutAClassIsRefusedWithTheCounts() throws IOException {
    Path file = write("rare.csv", csv(null, 1, 10) + "5,5,1\n");
    Outcome o = tune(file.toString());
    assertUserError(o, "part lacks class 1", "when " + file + ", no header is split 60/20/20 with seed 7",
        "class counts: train [", "validation [", "test [");
    assertUserError(tune(file.toString(), "--limit", "10"), "lacks class", "raise --limit or try another --seed");
  }

  @Test
  void tooFewRowsAreAUserErrorNotAnInternalOne() throws IOException {
    assertUserError(tune(write("three.csv", "1,2,0\n3,4,1\n5,6,0\n").toString()), "the test part is empty");
  }

  @Test
  void theHeaderRuleIsChosenAndReported() throws IOException {
    Path numeric = write("numeric.csv", "1,2,1\n" + csv(null, 2, 10));
    Outcome auto = tune(numeric.toString());
    assertEquals(0, auto.status(), auto.err());
    assertTrue(firstLine(auto).contains(numeric + ", no header (21 examples"), firstLine(auto));
    Outcome yes = tune(numeric.toString(), "--header", "yes");
    assertEquals(0, yes.status(), yes.err());
    assertTrue(firstLine(yes).contains(numeric + ", header read (20 examples"), firstLine(yes));
    Path named = write("named.csv", "alpha,beta,label\n" + csv(null, 2, 10));
    assertUserError(tune(named.toString(), "--header", "no"), "line 1, field 1: 'alpha' is not a number");
    assertUserError(tune(named.toString(), "--header", "maybe"), "--header must be yes, no or auto, got 'maybe'");
    assertUserError(MainTest.run("tune", "--header", "yes"), "--header applies to CSV files");
    Outcome help = MainTest.run("tune", "--help");
    assertTrue(help.out().contains("--header WHEN") && help.out().matches("(?s).*not\\s+stratified.*")
        && help.out().contains("(try another --seed or more data)"), help.out());
  }

  @Test
  void theSummaryNamesFeaturesFromTheHeader() throws IOException {
    Outcome o = tune(write("named.csv", "alpha,beta,label\n" + csv(null, 2, 15)).toString());
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("  alpha") && o.out().contains("  beta") && !o.out().contains("feature 0"), o.out());
  }

  @Test
  void badValuesAndLabelsAreRefusedByLineAndField() throws IOException {
    String good = csv(null, 2, 10);
    assertUserError(tune(write("nan.csv", good + "1,NaN,0\n").toString()),
        "line 21, field 2: 'NaN' is not a finite number");
    assertUserError(tune(write("big.csv", good + "1e400,1,0\n").toString()),
        "line 21, field 1: '1e400' is not a finite number");
    assertUserError(tune(write("huge.csv", good + "1,1,1e9\n").toString()), "line 21: label '1e9'",
        "at most 1000 classes");
    assertUserError(tune(write("gap.csv", "1,2,1\n2,3,2\n3,4,3\n").toString()), "labels seen are 1, 2, 3",
        "no example of class 0");
    assertUserError(tune(write("one.csv", csv(null, 1, 10)).toString()), "has one class only",
        "every example (10) has label 0");
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (OutputStream g = new GZIPOutputStream(b)) {
      g.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return b.toByteArray();
  }

  @Test
  void aBrokenGzipIsBlamedInOneLine() throws IOException {
    byte[] gz = gzip(csv(null, 3, 2000));
    Path truncated = dir.resolve("truncated.csv.gz");
    Files.write(truncated, Arrays.copyOf(gz, gz.length / 2));
    assertUserError(tune(truncated.toString()),
        truncated + ": the gzip data is truncated or corrupt (Unexpected end of ZLIB input stream)");
    byte[] corrupt = gz.clone();
    for (int i = gz.length / 2; i < gz.length / 2 + 8; i++) {
      corrupt[i] ^= 0x55;
    }
    Path middle = dir.resolve("middle.csv.gz");
    Files.write(middle, corrupt);
    assertUserError(tune(middle.toString()), middle + ": the gzip data is truncated or corrupt (");
  }

  @Test
  void anEmptyDataNameIsOneLine() {
    assertUserError(MainTest.run("tune", "--data", ""), "tune: --data needs a value, got ''");
    assertUserError(MainTest.run("tune", "--data", " "), "tune: --data needs a value, got ' '");
    assertUserError(MainTest.run("tune", "--data", "nul\0name"), "--data 'nul\\x00name' is not a valid file name");
  }

  private static void writeIdx(Path file, int[] sizes, byte[] data) throws IOException {
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
      out.writeInt(0x0800 | sizes.length);
      for (int s : sizes) {
        out.writeInt(s);
      }
      out.write(data);
    }
  }

  /** Uncompressed IDX files in a folder: 60 2×2 images of two classes told apart by brightness. */
  @Test
  void uncompressedIdxFilesAreReadAndBadHeadersRefused() throws IOException {
    int n = 60;
    byte[] pixels = new byte[4 * n];
    byte[] labels = new byte[n];
    Random random = new Random(2);
    for (int i = 0; i < n; i++) {
      labels[i] = (byte) (i % 2);
      for (int c = 0; c < 4; c++) {
        pixels[4 * i + c] = (byte) (random.nextInt(100) + 100 * labels[i]);
      }
    }
    writeIdx(dir.resolve("train-images-idx3-ubyte"), new int[] {n, 2, 2}, pixels);
    writeIdx(dir.resolve("train-labels-idx1-ubyte"), new int[] {n}, labels);
    Outcome o = tune(dir.toString(), "--limit", "40");
    assertEquals(0, o.status(), o.err());
    assertTrue(firstLine(o).contains("fashion-mnist train, 40 of 60 drawn with seed 7 (40 examples, 4 features"),
        firstLine(o));
    assertTrue(o.out().contains("pixel ("), o.out());
    writeIdx(dir.resolve("train-labels-idx1-ubyte"), new int[] {n - 1}, Arrays.copyOf(labels, n - 1));
    assertUserError(tune(dir.toString()), "holds 60 images but", "holds 59 labels");
    writeIdx(dir.resolve("train-images-idx3-ubyte"), new int[] {0, 2, 2}, new byte[0]);
    assertUserError(tune(dir.toString()), "the header announces 0x2x2 bytes");
    writeIdx(dir.resolve("train-images-idx3-ubyte"), new int[] {2_000_000_000, 28, 28}, pixels);
    assertUserError(tune(dir.toString()), "the header announces 2000000000x28x28 bytes, more than");
    writeIdx(dir.resolve("train-images-idx3-ubyte"), new int[] {1_000_000, 2, 2}, pixels);
    assertUserError(tune(dir.toString()), "the header announces 1000000x2x2 bytes (4000000 in all) but the file "
        + "holds 240 after its header");
  }

  /**
   * A first line with numbers and a typo is neither header nor data under auto: refused with the
   * field, rather than dropped as a header with features named after its numbers.
   */
  @Test
  void aFirstLineWithATypoIsRefusedUnderAuto() throws IOException {
    Path typo = write("typo.csv", "5.1,3.5,1.4,0.2x,0\n" + csv(null, 2, 10).replaceAll("(?m),(\\d+)$", ",1,1,$1"));
    assertUserError(tune(typo.toString()), typo + ": line 1 is neither a header (all names) nor data (all numbers): "
        + "4 of its 5 fields are numbers but field 4, '0.2x', is not; fix it or say --header yes|no");
    Outcome yes = tune(typo.toString(), "--header", "yes");
    assertEquals(0, yes.status(), yes.err());
    assertTrue(firstLine(yes).contains(typo + ", header read (20 examples, 4 features"), firstLine(yes));
  }

  /** A binary file's refusal is printable ASCII: nothing for a terminal or grep to choke on. */
  @Test
  void aBinaryFileIsRefusedInPrintableText() throws IOException {
    byte[] bytes = new byte[4096];
    new Random(4).nextBytes(bytes);
    Path file = dir.resolve("photo.csv");
    Files.write(file, bytes);
    Outcome o = tune(file.toString());
    assertUserError(o, file + ": not a text file (a NUL byte at offset ");
    assertTrue(o.err().chars().allMatch(c -> c == '\n' || c >= 0x20 && c < 0x7f), o.err());
  }

  private static byte[] idx(int[] sizes, byte[] data) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(b)) {
      out.writeInt(0x0800 | sizes.length);
      for (int s : sizes) {
        out.writeInt(s);
      }
      out.write(data);
    }
    return b.toByteArray();
  }

  /** An IDX file given as --data FILE: by its magic number (also gzip'd) or its name, never parsed as CSV. */
  @Test
  void anIdxFileGivenAsAFileNamesItsFolder() throws IOException {
    Path labels = dir.resolve("train-labels-idx1-ubyte");
    Files.write(labels, idx(new int[] {4}, new byte[] {0, 1, 0, 1}));
    String hint = " is an IDX file: give its folder (--data " + dir + "), which must hold "
        + "train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz]";
    assertUserError(tune(labels.toString()), labels + hint);
    Path renamed = dir.resolve("images.bin");
    Files.write(renamed, idx(new int[] {1, 2, 2}, new byte[4]));
    assertUserError(tune(renamed.toString()), renamed + hint);
    Path gz = dir.resolve("labels.gz");
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (OutputStream g = new GZIPOutputStream(compressed)) {
      g.write(idx(new int[] {2}, new byte[] {0, 1}));
    }
    Files.write(gz, compressed.toByteArray());
    assertUserError(tune(gz.toString()), gz + hint);
    Path named = dir.resolve("t10k-images-idx3-ubyte.gz");
    Files.writeString(named, "not even gzip");
    assertUserError(tune(named.toString()), named + hint);
    Path csvFile = write("train-labels-idx1-ubyte-as.csv", csv(null, 2, 10));
    Outcome read = tune(csvFile.toString());
    assertEquals(0, read.status(), "a CSV whose name only contains the marker is a CSV: " + read.err());
  }

  /**
   * The exact solver materialises the Hessian of at most 5000 parameters: 5000 features of two
   * classes make 5001 (a weight each and a bias), refused before anything runs.
   */
  @Test
  void theExactSolversSizeLimitIsCheckedBeforeTheRun() throws IOException {
    StringBuilder b = new StringBuilder();
    Random random = new Random(6);
    for (int i = 0; i < 40; i++) {
      for (int j = 0; j < 5000; j++) {
        b.append(random.nextInt(10)).append(',');
      }
      b.append(i % 2).append('\n');
    }
    Path wide = write("wide.csv", b.toString());
    Outcome o = tune(wide.toString(), "--solver", "exact");
    assertUserError(o, "tune: --solver exact materialises the Hessian, which it does for at most 5000 parameters, "
        + "but this problem has 5001: use --solver cg");
    assertEquals("", o.out(), "refused before the run");
  }

  /** The count the check uses is the model's own: a weight per feature and a bias, per output. */
  @Test
  void theParametersCountedAreTheModels() {
    for (int classes : new int[] {2, 3, 10}) {
      int rows = 20 * classes;
      double[] x = new double[rows * 7];
      int[] y = new int[rows];
      for (int i = 0; i < rows; i++) {
        y[i] = i % classes;
        x[7 * i] = i;
      }
      io.github.hypergrad4j.bench.data.Dataset d = new io.github.hypergrad4j.bench.data.Dataset("d", x, rows, 7, y,
          null, classes);
      var parts = io.github.hypergrad4j.bench.data.Splits.split(d, 0.6, 0.2, 7);
      int model = new io.github.hypergrad4j.bench.examples.L2LogisticRegression(parts.train(), parts.validation())
          .parameters();
      assertEquals(model, DataChoice.logisticParameters(d), classes + " classes");
    }
    SolverChoice.EXACT.checkSize("tune", SolverChoice.EXACT_LIMIT);
    SolverChoice.CG.checkSize("tune", 10 * SolverChoice.EXACT_LIMIT);
  }

  /** --quiet's summary starts with the data's line, as the header line names it. */
  @Test
  void quietNamesTheDataAndTheHeaderRuleFirst() throws IOException {
    Path named = write("named.csv", "alpha,beta,label\n" + csv(null, 2, 15));
    Outcome o = tune(named.toString(), "--quiet");
    assertEquals(0, o.status(), o.err());
    List<String> lines = o.out().lines().toList();
    assertEquals("data: " + named + ", header read (30 examples, 2 features, 2 classes)", lines.get(0));
    assertTrue(lines.get(1).startsWith("grid, one global L2"), o.out());
    Outcome loud = tune(named.toString());
    assertTrue(firstLine(loud).endsWith(" on " + named + ", header read (30 examples, 2 features, 2 classes), solver cg"),
        firstLine(loud));
  }
}
