package io.github.hypergrad4j.bench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How a user's text appears in a message: quoted, at most 40 characters, printable. */
class QuotedTest {

  @Test
  void plainTextIsQuotedAsItIs() {
    assertEquals("'0.2x'", Quoted.of("0.2x"));
    assertEquals("''", Quoted.of(""));
    assertEquals("'sepal width (cm), é ü 字'", Quoted.of("sepal width (cm), é ü 字"));
    assertEquals("'a\\b'", Quoted.of("a\\b"), "a backslash is itself");
  }

  @Test
  void textOfFortyCharactersIsWholeAndLongerTextIsCut() {
    String forty = "abcdefghij".repeat(4);
    assertEquals("'" + forty + "'", Quoted.of(forty));
    assertEquals("'" + forty.substring(0, 37) + "...'", Quoted.of(forty + "k"));
    String shown = Quoted.of("x".repeat(100_000));
    assertEquals(Quoted.MAX_CHARS + 2, shown.length(), shown);
  }

  @Test
  void controlAndInvisibleCharactersAreEscaped() {
    assertEquals("'a\\x00b\\x1b[31m\\x7f'", Quoted.of("a\0b\u001b[31m\u007f"));
    assertEquals("'\\x0d\\x0a\\x09\\x85'", Quoted.of("\r\n\t\u0085"));
    assertEquals("'\\ufffd\\u2028\\u200b\\ue000'", Quoted.of("\ufffd\u2028\u200b\ue000"),
        "an undecodable byte, a line separator, a zero-width space, private use");
    assertEquals("'\\ud800'", Quoted.of("\ud800"), "a lone surrogate");
    assertEquals("'\\U000f0000'", Quoted.of(new String(Character.toChars(0xf0000))), "private use beyond the BMP");
    assertEquals("'\uD83D\uDE00'", Quoted.of("\uD83D\uDE00"), "an emoji draws something");
  }

  @Test
  void escapesAreNeverCutInHalfAndCountTowardsTheLimit() {
    String nuls = "\0".repeat(20);
    String shown = Quoted.of(nuls);
    assertEquals("'" + "\\x00".repeat(9) + "...'", shown, "9 escapes of 4 characters and the cut mark: 39");
    assertTrue(shown.length() - 2 <= Quoted.MAX_CHARS);
    assertEquals("'" + "\\x00".repeat(10) + "'", Quoted.of("\0".repeat(10)), "exactly 40: whole");
  }
}
