package io.github.hypergrad4j.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Parsing and range checks of the options, each mistake a {@link UsageException} naming it. */
class CommandLineTest {

  private static CommandLine parse(String... args) {
    return new CommandLine("cmd", args, Set.of("n", "x"), Set.of("flag", "help"));
  }

  private static void assertRejected(String fragment, Runnable r) {
    UsageException e = assertThrows(UsageException.class, r::run);
    assertTrue(e.getMessage().startsWith("cmd: ") && e.getMessage().contains(fragment), e.getMessage());
  }

  @Test
  void shortHIsHelp() {
    assertTrue(parse("-h").has("help"));
    assertTrue(parse("--x", "1", "-h").has("help"));
    // without a declared help flag, -h is an ordinary positional argument
    CommandLine cl = new CommandLine("cmd", new String[] {"-h"}, Set.of(), Set.of());
    assertEquals(java.util.List.of("-h"), cl.positional());
  }

  @Test
  void aFlagGivenAValueIsRefused() {
    assertRejected("--flag takes no value", () -> parse("--flag=yes"));
    assertRejected("--help takes no value", () -> parse("--help="));
    assertTrue(parse("--flag").has("flag"));
  }

  @Test
  void valuesInlineOrSeparate() {
    assertEquals(3, parse("--n=3").integer("n", 0, 1));
    assertEquals(4, parse("--n", "4").integer("n", 0, 1));
    assertEquals(7, parse().integer("n", 7, 1), "the default when absent");
  }

  @Test
  void wholeNumbersOutOfRange() {
    assertRejected("--n must be at least 1, got 0", () -> parse("--n", "0").integer("n", 5, 1));
    assertRejected("--n must be at most 9, got 10", () -> parse("--n", "10").integer("n", 5, 1, 9));
    assertRejected("--n must be at most " + Integer.MAX_VALUE, () -> parse("--n", "99999999999").integer("n", 5, 1));
    assertRejected("--n needs a whole number, got '2.5'", () -> parse("--n", "2.5").integer("n", 5, 1));
  }

  @Test
  void positiveRefusesZeroNegativeAndNonFinite() {
    assertEquals(1e-3, parse("--x", "1e-3").positive("x", 1));
    assertRejected("--x must be greater than 0, got 0", () -> parse("--x", "0").positive("x", 1));
    assertRejected("--x must be greater than 0, got -2", () -> parse("--x", "-2").positive("x", 1));
    for (String bad : new String[] {"NaN", "Infinity", "-Infinity", "1e999"}) {
      assertRejected("--x needs a finite number, got '" + bad + "'", () -> parse("--x", bad).positive("x", 1));
    }
    assertRejected("--x needs a finite number, got '2d'", () -> parse("--x", "2d").positive("x", 1));
    assertRejected("--x needs a number, got 'two'", () -> parse("--x", "two").positive("x", 1));
  }

  @Test
  void anEmptyOrBlankValueIsRefused() {
    assertRejected("--x needs a value, got ''", () -> parse("--x", ""));
    assertRejected("--x needs a value, got ''", () -> parse("--x="));
    assertRejected("--n needs a value, got '  '", () -> parse("--n", "  "));
    assertRejected("--x needs a value, got '\\x09'", () -> parse("--x", "\t"));
  }

  @Test
  void anOptionWithAValueGivenTwiceIsRefused() {
    assertRejected("--n given twice ('1' and '2'): give it once", () -> parse("--n", "1", "--n", "2"));
    assertRejected("--n given twice ('3' and '3')", () -> parse("--n=3", "--n", "3"));
    assertTrue(parse("--flag", "--flag").has("flag"), "a flag given twice means what it means once");
  }

  @Test
  void aValueOfAnOptionIsShownPrintableAndShort() {
    assertRejected("--n needs a whole number, got 'a\\x00b'", () -> parse("--n", "a\0b").integer("n", 0, 1));
    String long60 = "9".repeat(30) + "x".repeat(30);
    assertRejected("--x needs a number, got '" + "9".repeat(30) + "xxxxxxx...'", () -> parse("--x", long60).number("x", 0));
  }

  @Test
  void nonNegativeWithAMaximumGivesItsReason() {
    assertEquals(1e4, parse("--x", "1e4").nonNegative("x", 0, 1e4, "why"));
    assertEquals(0.0, parse("--x", "0").nonNegative("x", 0, 1e4, "why"));
    assertRejected("--x must be at most 10000, got 10000.5: why", () -> parse("--x", "10000.5").nonNegative("x", 0, 1e4, "why"));
    assertRejected("--x must be at most 0.01, got 1: why", () -> parse("--x", "1").nonNegative("x", 0, 0.01, "why"));
    assertRejected("--x must be at least 0", () -> parse("--x", "-1").nonNegative("x", 0, 1e4, "why"));
  }

  @Test
  void nonNegativeAcceptsZero() {
    assertEquals(0.0, parse("--x", "0").nonNegative("x", 1));
    assertRejected("--x must be at least 0, got -1e-9", () -> parse("--x", "-1e-9").nonNegative("x", 1));
  }
}
