package io.github.hypergrad4j.linalg;

/** The argument checks shared by the {@link LinearOperator} implementations of this package. */
final class OperatorArguments {

  private OperatorArguments() {}

  /** Checks the contract of {@link LinearOperator#apply} for an operator of dimension n. */
  static void checkApply(String operator, int n, double[] x, double[] out) {
    if (x == null || out == null) {
      throw new IllegalArgumentException(operator + ".apply: " + (x == null ? "x" : "out") + " is null");
    }
    if (x.length != n || out.length != n) {
      throw new IllegalArgumentException(
          operator + ".apply: the operator is " + n + "x" + n + " but x.length = " + x.length
              + " and out.length = " + out.length);
    }
    if (x == out) {
      throw new IllegalArgumentException(operator + ".apply: x and out must be different arrays");
    }
  }

  /** Requires an n×n matrix to fit one array. */
  static void denseDimension(String routine, int n) {
    if (n > LinearOperator.MAX_DENSE_DIMENSION) {
      throw new IllegalArgumentException(routine + ": n = " + n + " needs " + (long) n * n
          + " elements, more than one array holds (n <= " + LinearOperator.MAX_DENSE_DIMENSION
          + ")");
    }
  }

  static double finite(String operator, String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(operator + ": " + name + " must be finite, got " + value);
    }
    return value;
  }
}
