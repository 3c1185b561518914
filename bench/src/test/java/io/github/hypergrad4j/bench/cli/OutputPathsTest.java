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
}
