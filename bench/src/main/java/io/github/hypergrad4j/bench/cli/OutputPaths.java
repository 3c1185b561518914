package io.github.hypergrad4j.bench.cli;

import io.github.hypergrad4j.bench.data.Quoted;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Checks, before a long run starts, that its output can be written, so that a typo in a path
 * costs nothing: every problem is a {@link UsageException} "command: cannot write PATH: reason",
 * the reason being the real cause ("no such folder", "permission denied", "is a directory", …).
 * The checks ask the file system for real — an existing file is opened for writing (and left as
 * it was), a new file's folder gets a uniquely named probe file created and deleted at once — so
 * that folders whose permissions promise more than they take ({@code /proc}, {@code /sys}, a
 * read-only mount, for root as for anyone) are refused too. They leave nothing behind, and cannot
 * foresee a disk that fills up during the run, so the writers still report their own errors, with
 * {@link #reason(IOException)}.
 */
final class OutputPaths {

  /** The start of a probe file's name. */
  static final String PROBE_PREFIX = ".hypergrad4j-probe-";

  private OutputPaths() {}

  /** The path an option names, or a usage error when the text is no path on this system. */
  static Path parse(String command, String option, String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new UsageException(command + ": --" + option + " " + Quoted.of(text) + " is not a valid path: "
          + e.getReason());
    }
  }

  /**
   * Checks that {@code file} can be created or replaced: it is a regular file that opens for
   * writing, or it does not exist and its folder does and takes a new file.
   */
  static void checkFile(String command, Path file) {
    if (Files.isDirectory(file)) {
      throw cannotWrite(command, file, "is a directory");
    }
    if (Files.exists(file)) {
      if (!Files.isRegularFile(file)) {
        throw cannotWrite(command, file, "not a regular file");
      }
      try {
        FileChannel.open(file, StandardOpenOption.WRITE).close(); // not truncated: the file is unchanged
        return;
      } catch (IOException e) {
        throw cannotWrite(command, file, reason(e));
      }
    }
    Path folder = file.toAbsolutePath().getParent();
    if (folder == null || !Files.exists(folder)) {
      throw cannotWrite(command, file, "no such folder " + shown(file.getParent()));
    }
    if (!Files.isDirectory(folder)) {
      throw cannotWrite(command, file, shown(file.getParent()) + " is not a folder");
    }
    String refused = probe(folder, shown(file.getParent()));
    if (refused != null) {
      throw cannotWrite(command, file, refused);
    }
  }

  /**
   * Checks that {@code folder} is a folder that takes new files, or can be created: its nearest
   * existing ancestor is a folder that takes new files. Nothing is created (or left behind).
   */
  static void checkFolder(String command, Path folder) {
    if (Files.exists(folder)) {
      if (!Files.isDirectory(folder)) {
        throw cannotWrite(command, folder, "not a folder");
      }
      String refused = probe(folder, null);
      if (refused != null) {
        throw cannotWrite(command, folder, refused);
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
    String refused = probe(ancestor, ancestor.toString());
    if (refused != null) {
      throw cannotWrite(command, folder, refused);
    }
  }

  /**
   * Checks that {@code output} (the value of {@code --option}) is none of the files the run reads:
   * the same file by {@link Files#isSameFile} when both exist (links included), else the same
   * normalised absolute path.
   */
  static void checkNotInput(String command, String option, Path output, List<Path> inputs) {
    for (Path input : inputs) {
      if (same(output, input)) {
        throw new UsageException(command + ": --" + option + " " + output + " is the data file the run reads ("
            + input + "): writing it would overwrite the data; choose another file");
      }
    }
  }

  private static boolean same(Path a, Path b) {
    if (Files.exists(a) && Files.exists(b)) {
      try {
        return Files.isSameFile(a, b);
      } catch (IOException e) {
        // unreadable attributes: fall back to the names
      }
    }
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  /**
   * Creates a uniquely named probe file in the existing {@code folder} and deletes it: null when
   * both worked, else why the folder takes no new file ("permission denied in the folder F", "read-only
   * file system in the folder F"). {@code /proc} answers "no such file" for a folder that exists,
   * so that answer is reported as the refusal it is.
   *
   * @param shown the folder as the message names it, or null when the message is about the folder
   *     itself
   */
  private static String probe(Path folder, String shown) {
    Path probe;
    try {
      probe = Files.createTempFile(folder, PROBE_PREFIX, ".tmp");
    } catch (NoSuchFileException e) {
      return (shown == null ? "it" : "the folder " + shown) + " takes no new files (creating one fails with: "
          + "no such file or directory)";
    } catch (IOException e) {
      return reason(e) + (shown == null ? "" : " in the folder " + shown);
    }
    try {
      Files.delete(probe);
      return null;
    } catch (IOException e) {
      return "a probe file could be created but not deleted (" + probe + ": " + reason(e) + ")";
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
