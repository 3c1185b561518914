package io.github.hypergrad4j.linalg;

/**
 * The dimension checks of {@link Kernels}: each failure is an {@link IllegalArgumentException}
 * that names the kernel, the argument and the sizes it saw.
 */
final class ArgumentChecks {

  private ArgumentChecks() {}

  static void nonNegative(String kernel, String name, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(kernel + ": " + name + " must be >= 0, got " + value);
    }
  }

  static void notNull(String kernel, String name, double[] array) {
    if (array == null) {
      throw new IllegalArgumentException(kernel + ": " + name + " is null");
    }
  }

  /** Requires array[off .. off+n) to exist. */
  static void range(String kernel, String name, double[] array, int off, int n) {
    notNull(kernel, name, array);
    if (off < 0 || (long) off + n > array.length) {
      throw new IllegalArgumentException(
          kernel + ": " + name + "[" + off + " .. " + ((long) off + n) + ") is outside an array of length "
              + array.length);
    }
  }

  /** Requires two whole arrays of equal length. */
  static void sameLength(String kernel, String xName, double[] x, String yName, double[] y) {
    notNull(kernel, xName, x);
    notNull(kernel, yName, y);
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          kernel + ": " + xName + ".length = " + x.length + " but " + yName + ".length = " + y.length);
    }
  }

  /** Requires {@code array} to hold a rows×cols row-major matrix (length at least rows·cols). */
  static void matrix(String kernel, String name, double[] array, int rows, int cols) {
    notNull(kernel, name, array);
    nonNegative(kernel, name + " rows", rows);
    nonNegative(kernel, name + " columns", cols);
    long need = (long) rows * cols;
    if (array.length < need) {
      throw new IllegalArgumentException(
          kernel + ": " + name + " is " + rows + "x" + cols + " and needs " + need
              + " elements, but its array has length " + array.length);
    }
  }

  /** Requires a vector of at least {@code n} elements. */
  static void vector(String kernel, String name, double[] array, int n) {
    notNull(kernel, name, array);
    if (array.length < n) {
      throw new IllegalArgumentException(
          kernel + ": " + name + " needs length >= " + n + ", got length " + array.length);
    }
  }

  static void distinct(String kernel, String outName, double[] out, String inName, double[] in) {
    if (out == in) {
      throw new IllegalArgumentException(
          kernel + ": " + outName + " must not be the same array as " + inName);
    }
  }
}
