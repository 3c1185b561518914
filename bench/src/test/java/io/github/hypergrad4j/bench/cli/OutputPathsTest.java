package io.github.hypergrad4j.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks of output paths against what the file system then really does: every path they
 * accept can be written, and every reason they give is the one an actual write fails with.
 */
class OutputPathsTest {

  private static String refusal(Runnable check) {
    UsageException e = assertThrows(UsageException.class, check::run);
    assertTrue(e.getMessage().startsWith("cmd: cannot write "), e.getMessage());
    return e.getMessage();
  }

  /** What an attempt to write {@code file} really fails with, by {@link OutputPaths#reason}. */
  private static String actualReason(Path file) {
    try (Writer w = Files.newBufferedWriter(file)) {
      w.write("x");
      return "written";
    } catch (IOException e) {
      return OutputPaths.reason(e);
    }
  }

  @Test
  void aFileInAMissingFolder(@TempDir Path dir) {
    Path file = dir.resolve("no/such/h.csv");
    String m = refusal(() -> OutputPaths.checkFile("cmd", file));
    assertEquals("cmd: cannot write " + file + ": no such folder " + dir.resolve("no/such"), m);
    assertEquals("no such folder", actualReason(file));
  }

  @Test
  void aFileThatIsADirectory(@TempDir Path dir) {
    String m = refusal(() -> OutputPaths.checkFile("cmd", dir));
    assertTrue(m.endsWith(": is a directory"), m);
    assertEquals("is a directory", actualReason(dir));
  }

  @Test
  void aFileUnderAFile(@TempDir Path dir) throws IOException {
    Path plain = Files.writeString(dir.resolve("plain"), "x");
    String m = refusal(() -> OutputPaths.checkFile("cmd", plain.resolve("h.csv")));
    assertTrue(m.endsWith(plain + " is not a folder"), m);
    assertEquals("not a directory", actualReason(plain.resolve("h.csv")));
    m = refusal(() -> OutputPaths.checkFolder("cmd", plain.resolve("sub/dir")));
    assertTrue(m.endsWith(plain + " is not a folder"), m);
    m = refusal(() -> OutputPaths.checkFolder("cmd", plain));
    assertTrue(m.endsWith(": not a folder"), m);
  }

  @Test
  void writablePathsPassAndAreWritten(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("h.csv");
    OutputPaths.checkFile("cmd", file);
    assertEquals("written", actualReason(file));
    OutputPaths.checkFile("cmd", file); // an existing writable file may be replaced
    Path nested = dir.resolve("a/b/c");
    OutputPaths.checkFolder("cmd", nested);
    assertTrue(Files.notExists(dir.resolve("a")), "a check creates nothing");
    OutputPaths.createFolder("cmd", nested);
    assertTrue(Files.isDirectory(nested));
    OutputPaths.checkFolder("cmd", nested);
  }

  @Test
  void permissionDenied(@TempDir Path dir) throws IOException {
    Path locked = Files.createDirectory(dir.resolve("locked"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
    Path readOnly = Files.writeString(dir.resolve("read-only.csv"), "x");
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--r--r--"));
    try {
      assumeTrue(!"written".equals(actualReason(locked.resolve("h.csv"))),
          "this user writes into read-only folders (root): nothing to refuse");
      assertEquals("permission denied", actualReason(locked.resolve("h.csv")));
      assertTrue(refusal(() -> OutputPaths.checkFile("cmd", locked.resolve("h.csv"))).contains("permission denied"));
      assertTrue(refusal(() -> OutputPaths.checkFile("cmd", readOnly)).endsWith(": permission denied"));
      assertTrue(refusal(() -> OutputPaths.checkFolder("cmd", locked)).endsWith(": permission denied"));
      assertTrue(refusal(() -> OutputPaths.checkFolder("cmd", locked.resolve("sub"))).contains("permission denied"));
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.deleteIfExists(locked.resolve("h.csv"));
    }
  }

  @Test
  void anInvalidPathIsAUsageError() {
    UsageException e = assertThrows(UsageException.class, () -> OutputPaths.parse("cmd", "out", "a\0b"));
    assertTrue(e.getMessage().startsWith("cmd: --out 'a"), e.getMessage());
  }

  /** The checks probe for real and leave nothing behind: no probe file, no folder, no change. */
  @Test
  void aCheckLeavesNothingBehind(@TempDir Path dir) throws IOException {
    Path existing = Files.writeString(dir.resolve("kept.csv"), "old content");
    java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(existing);
    OutputPaths.checkFile("cmd", existing);
    OutputPaths.checkFile("cmd", dir.resolve("new.csv"));
    OutputPaths.checkFolder("cmd", dir);
    OutputPaths.checkFolder("cmd", dir.resolve("a/b"));
    try (var listing = Files.list(dir)) {
      assertEquals(java.util.List.of(existing), listing.toList(), "only the file that was there");
    }
    assertEquals("old content", Files.readString(existing));
    assertEquals(before, Files.getLastModifiedTime(existing));
  }

  /**
   * /proc and /sys are folders whose permissions let root write, but which take no new file: the
   * probe finds it, and the reason is the system's, not "no such folder".
   */
  @Test
  void foldersThatTakeNoNewFileAreRefusedWithTheRealReason() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self")) && Files.isDirectory(Path.of("/sys/kernel")),
        "Linux's /proc and /sys");
    String proc = refusal(() -> OutputPaths.checkFile("cmd", Path.of("/proc/h.csv")));
    assertEquals("cmd: cannot write /proc/h.csv: the folder /proc takes no new files (creating one fails with: no "
        + "such file or directory)", proc);
    assertTrue(!actualReason(Path.of("/proc/h.csv")).equals("written"), "a write there really fails");
    String sys = refusal(() -> OutputPaths.checkFile("cmd", Path.of("/sys/h.csv")));
    assertTrue(sys.startsWith("cmd: cannot write /sys/h.csv: ") && sys.endsWith(" in the folder /sys"), sys);
    assertTrue(!actualReason(Path.of("/sys/h.csv")).equals("written"));
    String folder = refusal(() -> OutputPaths.checkFolder("cmd", Path.of("/proc/acc/sub")));
    assertEquals("cmd: cannot write /proc/acc/sub: the folder /proc takes no new files (creating one fails with: "
        + "no such file or directory)", folder);
    assertTrue(refusal(() -> OutputPaths.checkFolder("cmd", Path.of("/proc"))).startsWith(
        "cmd: cannot write /proc: it takes no new files"));
  }

  @Test
  void anOutputThatIsAnInputIsRefused(@TempDir Path dir) throws IOException {
    Path data = Files.writeString(dir.resolve("data.csv"), "1,0\n");
    String m = assertThrows(UsageException.class, () -> OutputPaths.checkNotInput("cmd", "history", data,
        java.util.List.of(data))).getMessage();
    assertEquals("cmd: --history " + data + " is the data file the run reads (" + data + "): writing it would "
        + "overwrite the data; choose another file", m);
    Path other = dir.resolve("sub/../data.csv");
    assertThrows(UsageException.class, () -> OutputPaths.checkNotInput("cmd", "history", other,
        java.util.List.of(data)), "the same file by another name");
    Path link = Files.createSymbolicLink(dir.resolve("link.csv"), data);
    assertThrows(UsageException.class, () -> OutputPaths.checkNotInput("cmd", "history", link,
        java.util.List.of(data)), "a link to it");
    Path missing = dir.resolve("missing.csv");
    assertThrows(UsageException.class, () -> OutputPaths.checkNotInput("cmd", "history", missing,
        java.util.List.of(dir.resolve("./missing.csv"))), "neither exists: the normalised names");
    OutputPaths.checkNotInput("cmd", "history", dir.resolve("history.csv"), java.util.List.of(data, missing));
  }
}
