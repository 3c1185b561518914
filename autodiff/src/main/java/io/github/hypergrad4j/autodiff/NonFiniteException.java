package io.github.hypergrad4j.autodiff;

/**
 * Thrown by a tape made with {@link Tape#withFiniteChecks()} at the first operation whose value,
 * tangent, adjoint or adjoint-tangent holds NaN or ±∞. The message names the operation, its
 * position on the tape, which quantity went bad and at which element.
 */
public final class NonFiniteException extends ArithmeticException {

  private static final long serialVersionUID = 1L;

  private final String operation;
  private final int nodeIndex;

  private NonFiniteException(String operation, int nodeIndex, String message) {
    super(message);
    this.operation = operation;
    this.nodeIndex = nodeIndex;
  }

  /** The name of the operation that produced the non-finite number (e.g. {@code "log"}). */
  public String operation() {
    return operation;
  }

  /** Its position in record order (0 = first operation on the tape). */
  public int nodeIndex() {
    return nodeIndex;
  }

  static void check(String op, int index, String what, double[] data) {
    if (data == null) {
      return;
    }
    for (int i = 0; i < data.length; i++) {
      if (!Double.isFinite(data[i])) {
        throw new NonFiniteException(op, index,
            "operation '" + op + "' (node " + index + ") produced " + data[i] + " in its " + what
                + " at element " + i);
      }
    }
  }

  static void checkBackward(Node node, int index) {
    Tensor[] inputs = node.inputs();
    for (int k = 0; k < inputs.length; k++) {
      check(node.name(), index, "backward pass: adjoint of operand " + k, inputs[k].grad);
      check(node.name(), index, "backward pass: adjoint-tangent of operand " + k, inputs[k].gradTangent);
    }
  }
}
