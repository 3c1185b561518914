package io.github.hypergrad4j.bench.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of one subcommand: {@code --name value} pairs, {@code --flag}s and positional
 * arguments, checked against the options the subcommand declares. Anything undeclared, a missing
 * value or a malformed number is a {@link UsageException} naming it.
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
      if (a.startsWith("--")) {
        String name = a.substring(2);
        String inline = null;
        int eq = name.indexOf('=');
        if (eq >= 0) {
          inline = name.substring(eq + 1);
          name = name.substring(0, eq);
        }
        if (flags.contains(name) && inline == null) {
          values.put(name, "true");
        } else if (valued.contains(name)) {
          if (inline == null) {
            if (i + 1 >= args.length) {
              throw new UsageException(command + ": option --" + name + " needs a value");
            }
            inline = args[++i];
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

  int integer(String name, int fallback, int min) {
    if (!has(name)) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(values.get(name));
      if (v < min) {
        throw new UsageException(command + ": --" + name + " must be at least " + min + ", got " + v);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new UsageException(command + ": --" + name + " needs a whole number, got '" + values.get(name) + "'");
    }
  }

  long longValue(String name, long fallback) {
    if (!has(name)) {
      return fallback;
    }
    try {
      return Long.parseLong(values.get(name));
    } catch (NumberFormatException e) {
      throw new UsageException(command + ": --" + name + " needs a whole number, got '" + values.get(name) + "'");
    }
  }

  double number(String name, double fallback, double min) {
    if (!has(name)) {
      return fallback;
    }
    try {
      double v = Double.parseDouble(values.get(name));
      if (!(v >= min) || Double.isInfinite(v)) {
        throw new UsageException(command + ": --" + name + " must be a finite number >= " + min + ", got " + v);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new UsageException(command + ": --" + name + " needs a number, got '" + values.get(name) + "'");
    }
  }

  List<String> positional() {
    return List.copyOf(positional);
  }
}
