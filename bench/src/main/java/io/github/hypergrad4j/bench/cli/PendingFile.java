package io.github.hypergrad4j.bench.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An output file written under a temporary name beside its final one and renamed to it only when
 * complete ({@link #commit()}), so that a run that fails, is interrupted or is killed leaves no
 * empty or half-written file under the final name. The temporary file is deleted by {@link
 * #close()} when it was not committed, and by a shutdown hook when the JVM ends first (Ctrl-C,
 * SIGTERM); a SIGKILL can still leave it, under its hidden temporary name.
 *
 * <pre>{@code
 * try (PendingFile json = PendingFile.beside(finalPath)) {
 *   write(json.temporary());
 *   json.commit();
 * }
 * }</pre>
 */
final class PendingFile implements AutoCloseable {

  private final Path target;
  private final Path temporary;
  private final Thread cleanup;
  private boolean committed;

  private PendingFile(Path target, Path temporary) {
    this.target = target;
    this.temporary = temporary;
    this.cleanup = new Thread(this::deleteTemporary, "hypergrad4j-delete-" + temporary.getFileName());
    Runtime.getRuntime().addShutdownHook(cleanup);
  }

  /**
   * A pending file for {@code target}: its temporary name, in the same folder (so that the rename
   * stays on one file system), is ".NAME-RANDOM.tmp", one that no file has yet. Nothing is created
   * here: the writer creates the file, with the permissions any new file of its gets.
   */
  static PendingFile beside(Path target) {
    Path folder = target.toAbsolutePath().getParent();
    Path temporary;
    do {
      temporary = folder.resolve("." + target.getFileName() + "-"
          + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
    } while (Files.exists(temporary, LinkOption.NOFOLLOW_LINKS));
    return new PendingFile(target, temporary);
  }

  /** Where the content is to be written. */
  Path temporary() {
    return temporary;
  }

  /** The final name. */
  Path target() {
    return target;
  }

  /**
   * Renames the temporary file to the final name (atomically where the file system can),
   * replacing a file of that name.
   */
  void commit() throws IOException {
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
    committed = true;
  }

  /** Deletes the temporary file unless it was committed, and drops the shutdown hook. */
  @Override
  public void close() {
    if (!committed) {
      deleteTemporary();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs (or ran) anyway
    }
  }

  /** The shutdown hook's work, and {@link #close()}'s: delete the temporary file if it is there. */
  void deleteTemporary() {
    try {
      Files.deleteIfExists(temporary);
    } catch (IOException e) {
      // nothing to report it to at shutdown; the hidden name marks it as a leftover
    }
  }
}
