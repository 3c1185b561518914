package io.github.hypergrad4j.bilevel.stn;

/**
 * The argument checks shared by this package. Every message starts with the routine's name and a
 * colon, names the argument and says what was seen.
 */
final class Check {

  private Check() {}

  /** Throws if {@code value} is null. */
  static <T> T notNull(String routine, String name, T value) {
    if (value == null) {
      throw new IllegalArgumentException(routine + ": " + name + " is null");
    }
    return value;
  }

  /** Throws unless {@code value} ≥ {@code min}. */
  static int atLeast(String routine, String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(routine + ": " + name + " must be >= " + min + ", got " + value);
    }
    return value;
  }

  /** Throws unless {@code value} is finite and &gt; 0. */
  static double positive(String routine, String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(routine + ": " + name + " must be > 0 and finite, got " + value);
    }
    return value;
  }

  /** Throws unless {@code value} is finite and ≥ 0. */
  static double nonNegative(String routine, String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(routine + ": " + name + " must be >= 0 and finite, got " + value);
    }
    return value;
  }

  /** Throws unless {@code v} has length {@code n} and only finite entries. */
  static double[] finite(String routine, String name, double[] v, int n) {
    notNull(routine, name, v);
    if (v.length != n) {
      throw new IllegalArgumentException(routine + ": " + name + " must have " + n + " entries, got " + v.length);
    }
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new IllegalArgumentException(routine + ": " + name + "[" + i + "] = " + v[i] + " is not finite");
      }
    }
    return v;
  }

  /**
   * Null when a step's loss and gradient are finite, else the failure line "{@code where}: the
   * loss is … [but the gradient is not finite]".
   */
  static String nonFinite(String where, double loss, double[] gradient) {
    if (!Double.isFinite(loss)) {
      return where + ": the loss is " + loss;
    }
    for (double v : gradient) {
      if (!Double.isFinite(v)) {
        return where + ": the loss is " + loss + " but the gradient is not finite";
      }
    }
    return null;
  }
}
