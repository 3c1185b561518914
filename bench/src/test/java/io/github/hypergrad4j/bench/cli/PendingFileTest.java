package io.github.hypergrad4j.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output written under a temporary name and renamed when complete: a finished file appears under
 * its final name, an unfinished one nowhere — also when the JVM is ended by SIGTERM in the middle
 * of a {@code bench} run.
 */
class PendingFileTest {

  @TempDir
  Path dir;

  private List<Path> files() throws IOException {
    try (var listing = Files.list(dir)) {
      return listing.sorted().toList();
    }
  }

  @Test
  void aCommittedFileAppearsUnderItsFinalName() throws IOException {
    Path target = dir.resolve("jmh-1.json");
    try (PendingFile f = PendingFile.beside(target)) {
      assertEquals(dir, f.temporary().getParent(), "beside the target, so the rename stays on one file system");
      assertTrue(f.temporary().getFileName().toString().startsWith(".jmh-1.json-"), f.temporary().toString());
      assertTrue(Files.notExists(target) && Files.notExists(f.temporary()), "nothing created yet");
      Files.writeString(f.temporary(), "{}");
      f.commit();
    }
    assertEquals(List.of(target), files());
    assertEquals("{}", Files.readString(target));
    Path plain = Files.writeString(dir.resolve("plain.json"), "{}");
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(target),
        "the permissions of any new file, not a temporary file's private ones");
  }

  @Test
  void anUncommittedFileLeavesNothing() throws IOException {
    Path target = dir.resolve("jmh-2.txt");
    try (PendingFile f = PendingFile.beside(target)) {
      Files.writeString(f.temporary(), "half a tab");
    }
    assertEquals(List.of(), files());
    try {
      try (PendingFile f = PendingFile.beside(target)) {
        Files.writeString(f.temporary(), "half");
        throw new IllegalStateException("the run failed");
      }
    } catch (IllegalStateException expected) {
      assertEquals(List.of(), files(), "nothing after a failure either");
    }
  }

  @Test
  void aCommitReplacesAnOlderFile() throws IOException {
    Path target = Files.writeString(dir.resolve("t.txt"), "old");
    try (PendingFile f = PendingFile.beside(target)) {
      Files.writeString(f.temporary(), "new");
      f.commit();
    }
    assertEquals("new", Files.readString(target));
    assertEquals(List.of(target), files());
  }

  /**
   * A real {@code bench} run in a JVM of its own, ended by SIGTERM once JMH has forked its
   * benchmark JVM: the output folder must hold nothing (JMH creates its result file at the start,
   * which used to leave an empty JSON).
   */
  @Test
  void aBenchRunEndedBySigtermLeavesNoFile(@TempDir Path logs) throws Exception {
    assumeLinux();
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    // jmh.ignoreLock: another JMH run on the machine holds JMH's lock file, which is no concern here
    Process p = new ProcessBuilder(java.toString(), "-Djmh.ignoreLock=true", "-cp", classPath, Main.class.getName(),
        "bench", "--quick",
        "--out", dir.toString(), "bench.linalg.DotBenchmark.dot$")
        .redirectErrorStream(true).redirectOutput(logs.resolve("bench.log").toFile()).start();
    List<ProcessHandle> forks = List.of();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      // the fork is a JVM: a short-lived helper process of the launcher does not count
      while (p.isAlive() && (files().isEmpty() || (forks = javaDescendants(p)).isEmpty())
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(p.isAlive(), "the run was still going");
      assertTrue(!files().isEmpty(), "the temporary JSON exists while it runs: " + files());
      assertTrue(!forks.isEmpty(), "JMH forked its benchmark JVM");
      p.destroy(); // SIGTERM
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the JVM ended");
    } finally {
      p.destroyForcibly();
      for (ProcessHandle fork : forks) {
        fork.destroyForcibly();
      }
    }
    assertEquals(List.of(), files(), "neither a JSON, nor a table, nor a temporary file");
  }

  private static List<ProcessHandle> javaDescendants(Process p) {
    return p.descendants()
        .filter(h -> h.isAlive() && h.info().command().map(c -> c.endsWith("java")).orElse(false))
        .toList();
  }

  private static void assumeLinux() {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT)
        .contains("linux"), "SIGTERM through Process.destroy");
  }
}
