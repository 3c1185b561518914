package io.github.hypergrad4j.autodiff;

/**
 * The checks of the flat-vector inputs (x₁, …, x_k) that {@link Derivatives}, {@link GradCheck},
 * {@link HessianVectorProduct} and {@link GaussNewtonProduct} take, in one place. Each failure is
 * an {@link IllegalArgumentException} whose message starts with the caller's name and a colon and
 * names the argument.
 */
final class Inputs {

  private Inputs() {}

  /**
   * Throws unless {@code inputs} and each of its entries are non-null.
   *
   * @param owner the class name that starts the message
   * @param name the argument's name, e.g. {@code "inputs"}
   */
  static void check(String owner, String name, double[][] inputs) {
    if (inputs == null) {
      throw new IllegalArgumentException(owner + ": " + name + " is null");
    }
    for (int i = 0; i < inputs.length; i++) {
      if (inputs[i] == null) {
        throw new IllegalArgumentException(owner + ": " + name + "[" + i + "] is null");
      }
    }
  }

  /** {@link #check}, and that {@code wrt} is an index into {@code inputs}. */
  static void checkIndex(String owner, String name, double[][] inputs, int wrt) {
    check(owner, name, inputs);
    if (wrt < 0 || wrt >= inputs.length) {
      throw new IllegalArgumentException(owner + ": wrt = " + wrt + " is not an index into " + name
          + " (there are " + inputs.length + " inputs)");
    }
  }
}
