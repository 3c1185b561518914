package io.github.hypergrad4j.bench.data;

import java.util.Locale;

/**
 * A piece of a user's input (a field of a data file, an option's value) as an error message shows
 * it: in single quotes, at most {@value #MAX_CHARS} characters between them, and printable, so that
 * a binary file or a stray control character cannot garble the one line of the message nor make a
 * terminal or a filter (grep) treat it as binary.
 *
 * <p>Control characters (U+0000 to U+001F, U+007F to U+009F) are shown as {@code \xHH}; other
 * characters that draw nothing — format characters, unassigned code points, private use,
 * surrogates, line and paragraph separators, and U+FFFD, what undecodable bytes become — as
 * {@code \}{@code uHHHH}; a backslash as itself. Text longer than the limit is cut after whole
 * characters and ends with "...".
 */
public final class Quoted {

  /** The most characters shown between the quotes, the "..." of a cut text included. */
  public static final int MAX_CHARS = 40;

  private static final String CUT = "...";

  private Quoted() {}

  /** {@code text} in single quotes, shortened and with non-printable characters escaped. */
  public static String of(String text) {
    StringBuilder all = new StringBuilder();
    int fits = -1; // the length of the longest prefix of whole pieces that leaves room for the cut mark
    for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
      String piece = printable(text.codePointAt(i));
      if (all.length() + piece.length() <= MAX_CHARS - CUT.length()) {
        fits = all.length() + piece.length();
      }
      all.append(piece);
      if (all.length() > MAX_CHARS) {
        return "'" + all.substring(0, Math.max(fits, 0)) + CUT + "'";
      }
    }
    return "'" + all + "'";
  }

  /** The code point itself, or its escape when it draws nothing. */
  private static String printable(int c) {
    if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
      return String.format(Locale.ROOT, "\\x%02x", c);
    }
    int type = Character.getType(c);
    if (c == 0xfffd || type == Character.FORMAT || type == Character.UNASSIGNED || type == Character.PRIVATE_USE
        || type == Character.SURROGATE || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
      return c <= 0xffff ? String.format(Locale.ROOT, "\\u%04x", c) : String.format(Locale.ROOT, "\\U%08x", c);
    }
    return new String(Character.toChars(c));
  }
}
