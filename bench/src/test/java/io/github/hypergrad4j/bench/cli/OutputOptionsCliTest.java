package io.github.hypergrad4j.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.hypergrad4j.bench.cli.MainTest.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's option values and output paths: empty values, options given twice, outputs
 * that would overwrite the input data, and folders that take no new file — each refused with one
 * line and exit status 2 before anything runs or is written.
 */
class OutputOptionsCliTest {

  @TempDir
  Path dir;

  private static void assertRefusedBeforeTheRun(Outcome o, String fragment) {
    assertEquals(2, o.status(), o.err());
    assertEquals(1, o.err().lines().count(), "exactly one line on stderr: " + o.err());
    assertTrue(o.err().startsWith("hypergrad4j: ") && o.err().contains(fragment), o.err());
    assertEquals("", o.out(), "nothing ran");
  }

  @Test
  void emptyValuesAreRefused() throws IOException {
    assertRefusedBeforeTheRun(MainTest.run("tune", "--history", ""), "tune: --history needs a value, got ''");
    assertRefusedBeforeTheRun(MainTest.run("accuracy", "--quick", "--out", ""), "accuracy: --out needs a value, got ''");
    assertRefusedBeforeTheRun(MainTest.run("accuracy", "--out="), "accuracy: --out needs a value, got ''");
    assertRefusedBeforeTheRun(MainTest.run("bench", "--out", "", "bench.linalg.Dot"),
        "bench: --out needs a value, got ''");
    assertRefusedBeforeTheRun(MainTest.run("tune", "--seed", ""), "tune: --seed needs a value, got ''");
    for (String pattern : List.of("", "  ")) {
      assertRefusedBeforeTheRun(MainTest.run("bench", "--out", dir.resolve("b").toString(), pattern),
          "bench: an empty pattern would match every benchmark: give none to run them all, or a part of a "
              + "benchmark's name (see 'bench --list')");
      assertRefusedBeforeTheRun(MainTest.run("bench", "--list", "bench.linalg.Dot", pattern), "an empty pattern");
    }
    try (var listing = Files.list(dir)) {
      assertEquals(List.of(), listing.toList(), "nothing written");
    }
  }

  @Test
  void anOptionGivenTwiceIsRefused() {
    assertRefusedBeforeTheRun(MainTest.run("tune", "--steps", "1", "--steps", "2"),
        "tune: --steps given twice ('1' and '2'): give it once");
    assertRefusedBeforeTheRun(MainTest.run("accuracy", "--repetitions=1", "--repetitions", "1"),
        "accuracy: --repetitions given twice ('1' and '1')");
    assertRefusedBeforeTheRun(MainTest.run("bench", "--out", "a", "--out", "b", "--list"),
        "bench: --out given twice ('a' and 'b')");
  }

  /** --history naming the --data file (by the same name, another name, or a link) would overwrite it. */
  @Test
  void theHistoryCannotOverwriteTheData() throws IOException {
    StringBuilder csv = new StringBuilder("a,b,label\n");
    for (int i = 0; i < 40; i++) {
      csv.append(i % 7).append(',').append(i % 5).append(',').append(i % 2).append('\n');
    }
    Path data = Files.writeString(dir.resolve("X.csv"), csv);
    Files.createDirectory(dir.resolve("sub"));
    for (String history : List.of(data.toString(), dir.resolve("sub/../X.csv").toString(),
        Files.createSymbolicLink(dir.resolve("link.csv"), data).toString())) {
      assertRefusedBeforeTheRun(MainTest.run("tune", "--data", data.toString(), "--history", history),
          "tune: --history " + history + " is the data file the run reads (" + data + "): writing it would "
              + "overwrite the data; choose another file");
    }
    Path gz = dir.resolve("Y.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    assertRefusedBeforeTheRun(MainTest.run("tune", "--data", gz.toString(), "--history", gz.toString()),
        "is the data file the run reads");
    assertEquals(csv.toString(), Files.readString(data), "the data are untouched");

    Path labels = Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), new byte[] {1});
    assertRefusedBeforeTheRun(MainTest.run("tune", "--data", dir.toString(), "--history", labels.toString()),
        "tune: --history " + labels + " is the data file the run reads (" + labels + ")");
  }

  /**
   * Folders that refuse new files although their permissions let this user (root) write: found
   * before the run, with the system's reason, not "no such folder" after it.
   */
  @Test
  void foldersThatTakeNoNewFileAreFoundBeforeTheRun() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self")) && Files.isDirectory(Path.of("/sys/kernel")),
        "Linux's /proc and /sys");
    assertRefusedBeforeTheRun(MainTest.run("tune", "--history", "/proc/h.csv"),
        "tune: cannot write /proc/h.csv: the folder /proc takes no new files");
    assertRefusedBeforeTheRun(MainTest.run("tune", "--history", "/sys/h.csv"), "tune: cannot write /sys/h.csv: ");
    assertRefusedBeforeTheRun(MainTest.run("accuracy", "--quick", "--out", "/proc/acc"),
        "accuracy: cannot write /proc/acc: the folder /proc takes no new files");
    assertRefusedBeforeTheRun(MainTest.run("bench", "--out", "/proc/bench", "bench.linalg.Dot"),
        "bench: cannot write /proc/bench: the folder /proc takes no new files");
  }
}
