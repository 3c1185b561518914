package io.github.hypergrad4j.bench.cli;

/**
 * A mistake of the user's (an unknown option, a missing file, malformed data): reported as one
 * line on standard error with exit code 2, never as a stack trace.
 */
public final class UsageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** With the one line to print. */
  public UsageException(String message) {
    super(message);
  }
}
