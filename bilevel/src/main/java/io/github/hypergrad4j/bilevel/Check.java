package io.github.hypergrad4j.bilevel;

/**
 * The argument checks shared by this package. Every message starts with the routine's name and a
 * colon, names the argument and says what was seen.
 */
final class Check {

  private Check() {}

  /** Throws unless {@code value} is finite and &gt; 0. */
  static double positiveFinite(String routine, String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(routine + ": " + name + " must be > 0 and finite, got " + value);
    }
    return value;
  }

  /** Throws unless {@code value} is finite and ≥ 0. */
  static double nonNegativeFinite(String routine, String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(routine + ": " + name + " must be >= 0 and finite, got " + value);
    }
    return value;
  }

  /** Throws unless 0 ≤ {@code momentum} &lt; 1. */
  static double momentum(String routine, double momentum) {
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException(routine + ": momentum must be in [0, 1), got " + momentum);
    }
    return momentum;
  }

  /** Throws if {@code value} is null. */
  static <T> T notNull(String routine, String name, T value) {
    if (value == null) {
      throw new IllegalArgumentException(routine + ": " + name + " is null");
    }
    return value;
  }

  /** Throws unless {@code v} has length {@code n} (any n ≥ 1 when {@code n} is -1) and finite entries. */
  static double[] finiteVector(String routine, String name, double[] v, int n) {
    notNull(routine, name, v);
    if (n >= 0 && v.length != n) {
      throw new IllegalArgumentException(
          routine + ": " + name + " has length " + v.length + " but the problem has " + n);
    }
    if (v.length == 0) {
      throw new IllegalArgumentException(routine + ": " + name + " is empty");
    }
    int bad = firstNonFinite(v);
    if (bad >= 0) {
      throw new IllegalArgumentException(routine + ": " + name + "[" + bad + "] = " + v[bad] + " is not finite");
    }
    return v;
  }

  /** Throws unless {@code v} has length {@code n} and entries that are finite and &gt; 0. */
  static double[] positiveDiagonal(String routine, String name, double[] v, int n) {
    notNull(routine, name, v);
    if (v.length != n) {
      throw new IllegalArgumentException(routine + ": " + name + " has length " + v.length + " but theta has " + n);
    }
    for (int i = 0; i < n; i++) {
      if (!(v[i] > 0) || Double.isInfinite(v[i])) {
        throw new IllegalArgumentException(routine + ": " + name + "[" + i + "] = " + v[i]
            + " must be > 0 and finite");
      }
    }
    return v;
  }

  /** The checks of {@link InnerOptimizer#minimize}. */
  static void minimizeArguments(DifferentiableFunction f, double[] theta0, InnerStopping stopping) {
    notNull("InnerOptimizer.minimize", "f", f);
    finiteVector("InnerOptimizer.minimize", "theta0", theta0, -1);
    notNull("InnerOptimizer.minimize", "stopping", stopping);
  }

  /** The index of the first NaN or ±∞ in {@code v}, or -1 if there is none. */
  static int firstNonFinite(double[] v) {
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        return i;
      }
    }
    return -1;
  }
}
