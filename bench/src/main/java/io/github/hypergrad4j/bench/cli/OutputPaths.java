package io.github.hypergrad4j.bench.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Checks, before a long run starts, that its output can be written, so that a typo in a path
 * costs nothing: every problem is a {@link UsageException} "command: cannot write PATH: reason",
 * the reason being the real cause ("no such folder", "permission denied", "is a directory", …).
 * The checks ask the file system (existence, type, write permission); they cannot foresee a disk
 * that fills up during the run, so the writers still report their own errors, with {@link
 * #reason(IOException)}.
 */
final class OutputPaths {

  private OutputPaths() {}

  /** The path an option names, or a usage error when the text is no path on this system. */
  static Path parse(String command, String option, String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new UsageException(command + ": --" + option + " '" + text + "' is not a valid path: " + e.getReason());
    }
  }

  /**
   * Checks that {@code file} can be created or replaced: it is a writable regular file, or it does
   * not exist and its folder does and is writable.
   */
  static void checkFile(String command, Path file) {
    if (Files.isDirectory(file)) {
      throw cannotWrite(command, file, "is a directory");
    }
    if (Files.exists(file)) {
      if (!Files.isRegularFile(file)) {
        throw cannotWrite(command, file, "not a regular file");
      }
      if (!Files.isWritable(file)) {
        throw cannotWrite(command, file, "permission denied");
      }
      return;
    }
    Path folder = file.toAbsolutePath().getParent();
    if (folder == null || !Files.exists(folder)) {
      throw cannotWrite(command, file, "no such folder " + shown(file.getParent()));
    }
    if (!Files.isDirectory(folder)) {
      throw cannotWrite(command, file, shown(file.getParent()) + " is not a folder");
    }
    if (!Files.isWritable(folder)) {
      throw cannotWrite(command, file, "permission denied in the folder " + shown(file.getParent()));
    }
  }

  /**
   * Checks that {@code folder} is a writable folder, or can be created: its nearest existing
   * ancestor is a writable folder. Nothing is created.
   */
  static void checkFolder(String command, Path folder) {
    if (Files.exists(folder)) {
      if (!Files.isDirectory(folder)) {
        throw cannotWrite(command, folder, "not a folder");
      }
      if (!Files.isWritable(folder)) {
        throw cannotWrite(command, folder, "permission denied");
      }
      return;
    }
    Path ancestor = folder.toAbsolutePath().getParent();
    while (ancestor != null && !Files.exists(ancestor)) {
      ancestor = ancestor.getParent();
    }
    if (ancestor == null) {
      throw cannotWrite(command, folder, "no existing folder to create it in");
    }
    if (!Files.isDirectory(ancestor)) {
      throw cannotWrite(command, folder, ancestor + " is not a folder");
    }
    if (!Files.isWritable(ancestor)) {
      throw cannotWrite(command, folder, "permission denied in " + ancestor);
    }
  }

  /** Creates {@code folder} (and its parents), reporting a failure as a usage error. */
  static void createFolder(String command, Path folder) {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw cannotWrite(command, folder, reason(e));
    }
  }

  /** "command: cannot write PATH: reason". */
  static UsageException cannotWrite(String command, Path path, String reason) {
    return new UsageException(command + ": cannot write " + path + ": " + reason);
  }

  /**
   * The cause of an I/O error in a few words: {@link NoSuchFileException} and {@link
   * AccessDeniedException} carry only the file's name as their message, so they are named here;
   * other file-system errors carry the system's reason ("Is a directory", "No space left on
   * device").
   */
  static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such folder";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason().toLowerCase(java.util.Locale.ROOT);
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static String shown(Path p) {
    return p == null ? "." : p.toString();
  }
}
