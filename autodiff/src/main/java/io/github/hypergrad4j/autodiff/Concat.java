package io.github.hypergrad4j.autodiff;

/**
 * Concatenation: vectors end to end, or matrices with equal column counts stacked by rows.
 * Linear: ẏ = concat(ẋ_k) (zero blocks where an operand has no tangent); each x̄_k += its block of
 * ȳ, and x̄̇_k += its block of ȳ̇. Cost: one copy each way.
 */
final class Concat extends Operation {

  private final Tensor[] parts;

  private Concat(Tensor[] parts) {
    super("concat", parts);
    this.parts = parts;
  }

  static Tensor apply(Tensor... parts) {
    String op = "concat";
    if (parts == null || parts.length == 0) {
      throw new IllegalArgumentException(op + ": needs at least one tensor");
    }
    Tape tape = parts[0] == null ? null : parts[0].tape;
    int rank = parts[0] == null ? -1 : parts[0].shape.rank();
    int cols = parts[0] == null ? -1 : parts[0].shape.cols();
    int total = 0;
    int rows = 0;
    boolean anyTangent = false;
    for (int k = 0; k < parts.length; k++) {
      if (tape == null) {
        throw new IllegalArgumentException(op + ": tensor 0 is null");
      }
      tape.checkOwns(op, parts[k]);
      Shape s = parts[k].shape;
      if (s.rank() == 0 || s.rank() != rank || (rank == 2 && s.cols() != cols)) {
        throw new IllegalArgumentException(op + ": tensor " + k + " has shape " + s
            + " but tensor 0 has " + parts[0].shape + " (concatenate vectors, or matrices with equal columns)");
      }
      total += parts[k].size();
      rows += s.rows();
      anyTangent |= parts[k].tangent != null;
    }
    double[] value = new double[total];
    int at = 0;
    for (Tensor p : parts) {
      System.arraycopy(p.value, 0, value, at, p.size());
      at += p.size();
    }
    Shape shape = rank == 2 ? Shape.matrix(rows, cols) : Shape.vector(total);
    Concat node = new Concat(parts.clone());
    return node.emit(shape, value, anyTangent ? node.tangent(null, total) : null);
  }

  @Override
  double[] tangent(double[] into) {
    return tangent(into, out.size());
  }

  /** ẏ = concat(ẋ_k), zero blocks where an operand has no tangent. */
  private double[] tangent(double[] into, int total) {
    double[] t = buffer(into, total);
    int at = 0;
    for (Tensor p : parts) {
      if (p.tangent != null) {
        System.arraycopy(p.tangent, 0, t, at, p.size());
      } else {
        java.util.Arrays.fill(t, at, at + p.size(), 0.0);
      }
      at += p.size();
    }
    return t;
  }

  @Override
  void backward(boolean gradient) {
    int at = 0;
    for (Tensor p : parts) {
      int from = at;
      linearBackwardInPlace(gradient, p, (g, target) -> addBlock(g, from, target));
      at += p.size();
    }
  }

  private static void addBlock(double[] g, int at, double[] target) {
    for (int i = 0; i < target.length; i++) {
      target[i] += g[at + i];
    }
  }
}
