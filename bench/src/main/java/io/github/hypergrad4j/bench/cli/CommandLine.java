package io.github.hypergrad4j.bench.cli;

import io.github.hypergrad4j.bench.data.Quoted;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of one subcommand: {@code --name value} (or {@code --name=value}) pairs, {@code
 * --flag}s and positional arguments, checked against the options the subcommand declares; {@code
 * -h} is {@code --help}. Anything undeclared, a missing or empty (blank) value, an option with a
 * value given twice, a value given to a flag, a malformed number or one out of its range is a
 * {@link UsageException} naming it. (A flag given twice means what it means once.)
 */
final class CommandLine {

  private final String command;
  private final Map<String, String> values = new LinkedHashMap<>();
  private final List<String> positional = new ArrayList<>();

  /**
   * @param command the subcommand, for messages
   * @param args its arguments
   * @param valued the options that take a value (without "--")
   * @param flags the options that take none
   */
  CommandLine(String command, String[] args, Set<String> valued, Set<String> flags) {
    this.command = command;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") && flags.contains("help")) {
        values.put("help", "true");
      } else if (a.startsWith("--")) {
        String name = a.substring(2);
        String inline = null;
        int eq = name.indexOf('=');
        if (eq >= 0) {
          inline = name.substring(eq + 1);
          name = name.substring(0, eq);
        }
        if (flags.contains(name)) {
          if (inline != null) {
            throw new UsageException(command + ": --" + name + " takes no value (got " + Quoted.of(a) + ")");
          }
          values.put(name, "true");
        } else if (valued.contains(name)) {
          if (inline == null) {
            if (i + 1 >= args.length) {
              throw new UsageException(command + ": option --" + name + " needs a value");
            }
            inline = args[++i];
          }
          if (inline.isBlank()) {
            throw new UsageException(command + ": --" + name + " needs a value, got " + Quoted.of(inline));
          }
          if (values.containsKey(name)) {
            throw new UsageException(command + ": --" + name + " given twice (" + Quoted.of(values.get(name))
                + " and " + Quoted.of(inline) + "): give it once");
          }
          values.put(name, inline);
        } else {
          throw new UsageException(command + ": unknown option --" + name + " (see '" + command + " --help')");
        }
      } else {
        positional.add(a);
      }
    }
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  String string(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  /** A whole number of at least {@code min}. */
  int integer(String name, int fallback, int min) {
    return integer(name, fallback, min, Integer.MAX_VALUE);
  }

  /** A whole number in [{@code min}, {@code max}]. */
  int integer(String name, int fallback, int min, int max) {
    if (!has(name)) {
      return fallback;
    }
    long v = wholeNumber(name);
    if (v < min || v > max) {
      throw new UsageException(command + ": --" + name + " must be " + (v < min ? "at least " + min : "at most " + max)
          + ", got " + v);
    }
    return (int) v;
  }

  long longValue(String name, long fallback) {
    return has(name) ? wholeNumber(name) : fallback;
  }

  private long wholeNumber(String name) {
    try {
      return Long.parseLong(values.get(name).trim());
    } catch (NumberFormatException e) {
      throw new UsageException(command + ": --" + name + " needs a whole number, got " + Quoted.of(values.get(name)));
    }
  }

  /** A finite number greater than 0. */
  double positive(String name, double fallback) {
    double v = number(name, fallback);
    if (!(v > 0)) {
      throw new UsageException(command + ": --" + name + " must be greater than 0, got " + values.get(name));
    }
    return v;
  }

  /** A finite number of at least 0. */
  double nonNegative(String name, double fallback) {
    double v = number(name, fallback);
    if (!(v >= 0)) {
      throw new UsageException(command + ": --" + name + " must be at least 0, got " + values.get(name));
    }
    return v;
  }

  /**
   * A finite number in [0, {@code max}]; a larger one is refused with {@code why}, the reason for
   * the limit.
   */
  double nonNegative(String name, double fallback, double max, String why) {
    double v = nonNegative(name, fallback);
    if (v > max) {
      throw new UsageException(command + ": --" + name + " must be at most "
          + java.math.BigDecimal.valueOf(max).stripTrailingZeros().toPlainString() + ", got " + values.get(name)
          + ": " + why);
    }
    return v;
  }

  /** A finite number (NaN and infinities are refused). */
  double number(String name, double fallback) {
    if (!has(name)) {
      return fallback;
    }
    String text = values.get(name).trim();
    double v;
    try {
      v = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new UsageException(command + ": --" + name + " needs a number, got " + Quoted.of(values.get(name)));
    }
    // parseDouble also reads "NaN", "Infinity" and Java's suffixes "1d", "1f": none is meant here
    char last = text.isEmpty() ? ' ' : Character.toLowerCase(text.charAt(text.length() - 1));
    if (!Double.isFinite(v) || last == 'd' || last == 'f') {
      throw new UsageException(command + ": --" + name + " needs a finite number, got " + Quoted.of(values.get(name)));
    }
    return v;
  }

  List<String> positional() {
    return List.copyOf(positional);
  }
}
