package io.github.hypergrad4j.autodiff;

import io.github.hypergrad4j.linalg.Kernels;

/**
 * The matrix product C = op(A)·op(B) in three forms: A·B, Aᵀ·B and A·Bᵀ (the transposes are
 * read in place, never copied). A vector operand acts as a row on the left and as a column on
 * the right, and the corresponding axis is dropped from the result (NumPy's rule): matrix·vector
 * is a vector, vector·vector a scalar.
 *
 * <ul>
 *   <li>JVP: Ċ = op(Ȧ)·op(B) + op(A)·op(Ḃ).
 *   <li>VJP (form A·B): Ā += C̄·Bᵀ, B̄ += Aᵀ·C̄; the other forms transpose accordingly (Aᵀ·B: Ā
 *       += B·C̄ᵀ, B̄ += A·C̄; A·Bᵀ: Ā += C̄·B, B̄ += C̄ᵀ·A). Write Ā += L(C̄, B) and B̄ += R(C̄, A).
 *   <li>Second order, by the product rule on the bilinear maps L and R: Ā̇ += L(C̄̇, B) + L(C̄,
 *       Ḃ) and B̄̇ += R(C̄̇, A) + R(C̄, Ȧ).
 * </ul>
 *
 * Cost: 2mkn flops for the value, as much again per non-zero tangent term; each adjoint term
 * is one more product of the same size. Constants (data) receive no adjoint, which is what makes
 * X·w with a data matrix X cost one product forward and one backward. When only B carries a
 * tangent and has at most two columns (X·w in a Hessian-vector product), value and tangent are
 * computed as one product with the columns of B and Ḃ side by side, and so are B̄ and B̄̇: the
 * memory-bound pass over A is made once instead of twice.
 */
final class MatMul extends Operation {

  /** Which operand is read transposed. */
  enum Form {
    AB("matmul"),
    ATB("transposeMatmul"),
    ABT("matmulTranspose");

    final String opName;

    Form(String opName) {
      this.opName = opName;
    }
  }

  private final Tensor a;
  private final Tensor b;
  private final Form form;
  private final int m;
  private final int k;
  private final int n;

  private MatMul(Tensor a, Tensor b, Form form, int m, int k, int n) {
    super(form.opName, a, b);
    this.a = a;
    this.b = b;
    this.form = form;
    this.m = m;
    this.k = k;
    this.n = n;
  }

  static Tensor apply(Tensor a, Tensor b, Form form) {
    String op = form.opName;
    Tape tape = a.tape;
    tape.checkOwns(op, a);
    tape.checkOwns(op, b);
    if (a.shape.rank() == 0 || b.shape.rank() == 0) {
      throw new IllegalArgumentException(
          op + ": operands must be vectors or matrices, got shapes " + a.shape + " and " + b.shape
              + " (use mul for a scalar factor)");
    }
    if ((form == Form.ATB && a.shape.rank() != 2) || (form == Form.ABT && b.shape.rank() != 2)) {
      throw new IllegalArgumentException(
          op + ": the transposed operand must be a matrix, got shapes " + a.shape + " and " + b.shape);
    }
    // op(A) is m×k; a vector on the left is a 1×k row
    int m = form == Form.ATB ? a.shape.cols() : a.shape.rows();
    int k = form == Form.ATB ? a.shape.rows() : a.shape.cols();
    // op(B) is k2×n; a vector on the right is a k2×1 column
    int k2;
    int n;
    if (form == Form.ABT) {
      n = b.shape.rows();
      k2 = b.shape.cols();
    } else if (b.shape.rank() == 1) {
      k2 = b.shape.cols();
      n = 1;
    } else {
      k2 = b.shape.rows();
      n = b.shape.cols();
    }
    if (k != k2) {
      throw new IllegalArgumentException(
          op + ": inner dimensions differ: shapes " + a.shape + " and " + b.shape + " give "
              + m + "x" + k + " times " + k2 + "x" + n);
    }
    boolean dropRows = a.shape.rank() == 1;
    boolean dropCols = form != Form.ABT && b.shape.rank() == 1;
    Shape shape = dropRows && dropCols ? Shape.scalar()
        : dropRows ? Shape.vector(n) : dropCols ? Shape.vector(m) : Shape.matrix(m, n);
    double[] value = new double[m * n];
    double[] tangent = null;
    if (a.tangent == null && b.tangent != null && fusible(form, n)) {
      // [C, Ċ] = op(A)·[B, Ḃ]: one pass over A for both (a matrix times two vectors)
      double[] both = new double[m * 2 * n];
      product(form, m, 2 * n, k, a.value, Stacking.columns(b.value, b.tangent, k, n), 0.0, both);
      tangent = new double[m * n];
      Stacking.split(both, m, n, value, tangent);
    } else {
      product(form, m, n, k, a.value, b.value, 0.0, value);
      if (a.tangent != null || b.tangent != null) {
        tangent = new double[m * n];
        productRule((x, y, c) -> product(form, m, n, k, x, y, 1.0, c),
            a.value, a.tangent, b.value, b.tangent, tangent);
      }
    }
    return new MatMul(a, b, form, m, k, n).emit(shape, value, tangent);
  }

  /** A bilinear map that adds its value into a target: c += B(x, y). */
  private interface Bilinear {
    void addTo(double[] x, double[] y, double[] c);
  }

  /**
   * The product rule of a bilinear map: c += B(u̇, v) + B(u, v̇), in that order, leaving out a term
   * whose tangent (u̇ or v̇) is null (zero).
   */
  private static void productRule(Bilinear map, double[] u, double[] uDot, double[] v, double[] vDot, double[] c) {
    if (uDot != null) {
      map.addTo(uDot, v, c);
    }
    if (vDot != null) {
      map.addTo(u, vDot, c);
    }
  }

  /**
   * Whether value and tangent can share one pass over A: B is read untransposed (so its columns
   * can be stacked) and narrow (n ≤ 2, so the stacked product has at most four columns and runs
   * as a matrix-vector product with several vectors, bound by reading A).
   */
  private static boolean fusible(Form form, int n) {
    return form != Form.ABT && n <= 2;
  }

  /** c ← op(x)·op(y) + β·c. */
  private static void product(Form form, int m, int n, int k, double[] x, double[] y, double beta, double[] c) {
    switch (form) {
      case AB -> Kernels.gemm(m, n, k, 1.0, x, y, beta, c);
      case ATB -> Kernels.gemmTransposedA(m, n, k, 1.0, x, y, beta, c);
      case ABT -> Kernels.gemmTransposedB(m, n, k, 1.0, x, y, beta, c);
    }
  }

  /** target += L(cbar, bv): the adjoint of A for the given adjoint of C and B. */
  private void leftAdjoint(double[] cbar, double[] bv, double[] target) {
    switch (form) {
      case AB -> Kernels.gemmTransposedB(m, k, n, 1.0, cbar, bv, 1.0, target); // C̄·Bᵀ
      case ATB -> Kernels.gemmTransposedB(k, m, n, 1.0, bv, cbar, 1.0, target); // B·C̄ᵀ
      case ABT -> Kernels.gemm(m, k, n, 1.0, cbar, bv, 1.0, target); // C̄·B
    }
  }

  /** target += R(cbar, av): the adjoint of B for the given adjoint of C and A. */
  private void rightAdjoint(double[] cbar, double[] av, double[] target) {
    rightAdjoint(cbar, av, target, n);
  }

  /** The same with C̄ of {@code cols} columns (the fused pass stacks C̄ and C̄̇: cols = 2n). */
  private void rightAdjoint(double[] cbar, double[] av, double[] target, int cols) {
    switch (form) {
      case AB -> Kernels.gemmTransposedA(k, cols, m, 1.0, av, cbar, 1.0, target); // Aᵀ·C̄
      case ATB -> Kernels.gemm(k, cols, m, 1.0, av, cbar, 1.0, target); // A·C̄
      case ABT -> Kernels.gemmTransposedA(cols, k, m, 1.0, cbar, av, 1.0, target); // C̄ᵀ·A
    }
  }

  @Override
  public void backward() {
    double[] g = out.grad;
    double[] gt = out.gradTangent;
    if (a.differentiable) {
      leftAdjoint(g, b.value, a.gradAccumulator());
      if (gt != null || b.tangent != null) {
        productRule(this::leftAdjoint, g, gt, b.value, b.tangent, a.gradTangentAccumulator());
      }
    }
    if (b.differentiable && gt != null && a.tangent == null && fusible(form, n)) {
      // [B̄, B̄̇] += R([C̄, C̄̇], A): one pass over A for both
      int rowsB = form == Form.ABT ? n : k;
      double[] both = new double[rowsB * 2 * n];
      rightAdjoint(Stacking.columns(g, gt, m, n), a.value, both, 2 * n);
      Stacking.splitAdd(both, rowsB, n, b.gradAccumulator(), b.gradTangentAccumulator());
    } else if (b.differentiable) {
      rightAdjoint(g, a.value, b.gradAccumulator());
      if (gt != null || a.tangent != null) {
        productRule(this::rightAdjoint, g, gt, a.value, a.tangent, b.gradTangentAccumulator());
      }
    }
  }
}
