package io.github.hypergrad4j.autodiff;

/**
 * The point (x₁, …, x_k) at which {@link HessianVectorProduct} and {@link GaussNewtonProduct}
 * take their matrix, with the index {@code wrt} of θ among the inputs: the argument checks the two
 * operators share, in one place, and the copy of the point they keep.
 */
final class OperatorPoint {

  private final String owner;
  private final double[][] inputs;
  private final int wrt;

  /**
   * Checks {@code point} and {@code wrt} and copies the point.
   *
   * @param owner the operator's class name, which starts every error message
   * @throws IllegalArgumentException when {@code point} or one of its inputs is null, or {@code
   *     wrt} is not an index into it
   */
  OperatorPoint(String owner, double[][] point, int wrt) {
    Inputs.checkIndex(owner, "point", point, wrt);
    this.owner = owner;
    this.inputs = new double[point.length][];
    for (int i = 0; i < point.length; i++) {
      this.inputs[i] = point[i].clone();
    }
    this.wrt = wrt;
  }

  /** The inputs (the operator's own copy; not to be modified). */
  double[][] inputs() {
    return inputs;
  }

  /** The index of θ among the inputs. */
  int wrt() {
    return wrt;
  }

  /** n, the length of θ: the operator is n×n. */
  int dim() {
    return inputs[wrt].length;
  }

  /**
   * Checks the contract of {@link io.github.hypergrad4j.linalg.LinearOperator#apply}: x and out
   * are distinct arrays of length {@link #dim()}.
   */
  void checkApply(double[] x, double[] out) {
    int n = dim();
    if (x == null || out == null || x.length != n || out.length != n || x == out) {
      throw new IllegalArgumentException(owner + ".apply: the operator is " + n + "x" + n
          + " and needs x and out of length " + n + " (distinct arrays), got "
          + (x == null ? "null" : x.length) + " and " + (out == null ? "null" : out.length));
    }
  }
}
