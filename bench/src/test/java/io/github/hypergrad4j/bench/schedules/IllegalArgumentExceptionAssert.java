package io.github.hypergrad4j.bench.schedules;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Asserts an {@link IllegalArgumentException} whose message starts with the given text. */
final class IllegalArgumentExceptionAssert {

  private IllegalArgumentExceptionAssert() {}

  static void assertMessage(Executable call, String start) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().startsWith(start), "'" + e.getMessage() + "' should start with '" + start + "'");
  }
}
