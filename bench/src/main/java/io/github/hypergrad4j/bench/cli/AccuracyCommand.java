package io.github.hypergrad4j.bench.cli;

import java.io.PrintStream;

/** {@code accuracy}: the accuracy-versus-cost study (not built yet). */
final class AccuracyCommand {

  private AccuracyCommand() {}

  static int run(String[] args, PrintStream out) {
    throw new UsageException("accuracy: the study is not built yet");
  }
}
