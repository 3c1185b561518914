package io.github.hypergrad4j.autodiff;

import io.github.hypergrad4j.linalg.Kernels;
import io.github.hypergrad4j.linalg.PairedProducts;

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
 * X·w with a data matrix X cost one product forward and one backward. Two products that share
 * a factor run as one pair ({@link PairedProducts#gemmPair}, one packing of the shared factor, results
 * bit-identical to the two products): C and Ċ share op(A) forward, and backward each adjoint
 * shares a factor with one of its tangent's terms (C̄ with Ḃ, or B with C̄̇, and so on). When only
 * B carries a tangent and has one or two columns (X·w in a Hessian-vector product), value and
 * tangent are computed as one product with the columns of B and Ḃ side by side, and so are B̄
 * and B̄̇ (with one column, the pair kernels do the same without stacking): the memory-bound pass
 * over A is made once instead of twice.
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
    MatMul node = new MatMul(a, b, form, m, k, n);
    double[] value = new double[m * n];
    double[] tangent = null;
    if (a.tangent == null && b.tangent != null && fusible(form, n)) {
      // [C, Ċ] = op(A)·[B, Ḃ]: one pass over A for both (a matrix times two vectors)
      double[] both = new double[m * 2 * n];
      product(form, m, 2 * n, k, a.value, Stacking.columns(b.value, b.tangent, k, n), 0.0, both);
      tangent = new double[m * n];
      Stacking.split(both, m, n, value, tangent);
    } else if (b.tangent != null) {
      // C = op(A)·op(B) and Ċ = op(A)·op(Ḃ) [+ op(Ȧ)·op(B)]: the first two share op(A)
      tangent = new double[m * n];
      Call forward = new Call(form, m, n, k, false);
      forward.pair(a.value, b.value, b.tangent, 0.0, value, tangent);
      if (a.tangent != null) {
        forward.add(a.tangent, b.value, tangent);
      }
    } else {
      product(form, m, n, k, a.value, b.value, 0.0, value);
      tangent = node.tangent(null);
    }
    return node.emit(shape, value, tangent);
  }

  /**
   * Ċ = op(A)·op(Ḃ) + op(Ȧ)·op(B) on its own: what a replay computes (the values, and with them
   * the pairs and stacks that {@code apply} shares with the tangent, are fixed), and what {@code
   * apply} computes when only A carries a tangent.
   */
  @Override
  double[] tangent(double[] into) {
    if (a.tangent == null && b.tangent == null) {
      return null;
    }
    double[] t = buffer(into, m * n);
    if (b.tangent != null) {
      product(form, m, n, k, a.value, b.tangent, 0.0, t);
    }
    if (a.tangent != null) {
      product(form, m, n, k, a.tangent, b.value, b.tangent != null ? 1.0 : 0.0, t);
    }
    return t;
  }

  /**
   * Whether value and tangent can share one pass over A by stacking: B is read untransposed (so
   * its columns can be stacked) and has two columns (so the stacked product has four and runs as
   * a matrix-vector product with several vectors, bound by reading A). A single column (X·w) needs
   * no stacking: the pair of products ({@link PairedProducts#gemmPair} and its transposed form) already
   * reads A once for both matrix-vector products, straight into the value and tangent (and
   * backward into the adjoint accumulators), with no temporaries of B's size — which at d = 10⁵
   * would be large enough to set off a concurrent collection cycle of the JVM per call.
   */
  private static boolean fusible(Form form, int n) {
    return form != Form.ABT && n == 2;
  }

  /** c ← op(x)·op(y) + β·c. */
  private static void product(Form form, int m, int n, int k, double[] x, double[] y, double beta, double[] c) {
    switch (form) {
      case AB -> Kernels.gemm(m, n, k, 1.0, x, y, beta, c);
      case ATB -> Kernels.gemmTransposedA(m, n, k, 1.0, x, y, beta, c);
      case ABT -> Kernels.gemmTransposedB(m, n, k, 1.0, x, y, beta, c);
    }
  }

  /**
   * One kernel product P(x, y) = op(x)·op(y) of fixed form and sizes, in which one factor is an
   * adjoint (C̄ or C̄̇) when {@code adjointFirst} says it is x, and an operand (A, B or their
   * tangents) otherwise. {@link #pair} computes two products that share their first factor in
   * one pass ({@link PairedProducts#gemmPair}).
   */
  private record Call(Form form, int m, int n, int k, boolean adjointFirst) {

    /** c += P(x, y). */
    void add(double[] x, double[] y, double[] c) {
      product(form, m, n, k, x, y, 1.0, c);
    }

    /** c₁ ← P(x, y₁) + β·c₁ and c₂ ← P(x, y₂) + β·c₂, sharing x. */
    void pair(double[] x, double[] y1, double[] y2, double beta, double[] c1, double[] c2) {
      switch (form) {
        case AB -> PairedProducts.gemmPair(m, n, k, 1.0, x, y1, y2, beta, c1, c2);
        case ATB -> PairedProducts.gemmPairTransposedA(m, n, k, 1.0, x, y1, y2, beta, c1, c2);
        case ABT -> PairedProducts.gemmPairTransposedB(m, n, k, 1.0, x, y1, y2, beta, c1, c2);
      }
    }

    /** T(g, o) = P(g, o) when the adjoint is the first factor, else P(o, g). */
    void addTerm(double[] g, double[] o, double[] c) {
      if (adjointFirst) {
        add(g, o, c);
      } else {
        add(o, g, c);
      }
    }

    /**
     * One operand's backward step for the adjoint map T(C̄, O) of the other operand O: x̄ +=
     * T(C̄, O) and x̄̇ += T(C̄̇, O) + T(C̄, Ȯ) (the product rule; a null C̄̇ or Ȯ is zero). The two
     * terms sharing their first factor — T(C̄, O) and T(C̄, Ȯ) when C̄ comes first, T(C̄, O) and
     * T(C̄̇, O) when O does — are computed as one pair.
     */
    void backward(boolean gradient, double[] g, double[] gt, double[] o, double[] oDot, Tensor x) {
      if (!gradient) {
        tangentBackward(g, gt, o, oDot, x);
        return;
      }
      double[] xg = x.gradAccumulator();
      if (gt == null && oDot == null) {
        addTerm(g, o, xg);
        return;
      }
      double[] xgt = x.gradTangentAccumulator();
      if (adjointFirst) {
        if (oDot != null) {
          pair(g, o, oDot, 1.0, xg, xgt);
        } else {
          add(g, o, xg);
        }
        if (gt != null) {
          add(gt, o, xgt);
        }
      } else {
        if (gt != null) {
          pair(o, g, gt, 1.0, xg, xgt);
        } else {
          add(o, g, xg);
        }
        if (oDot != null) {
          add(oDot, g, xgt);
        }
      }
    }

    /**
     * x̄̇ += T(C̄̇, O) + T(C̄, Ȯ) alone (a replay: x̄ is kept), the terms added in the order {@link
     * #backward} adds them.
     */
    private void tangentBackward(double[] g, double[] gt, double[] o, double[] oDot, Tensor x) {
      if (gt == null && oDot == null) {
        return;
      }
      double[] xgt = x.gradTangentAccumulator();
      if (adjointFirst) {
        if (oDot != null) {
          add(g, oDot, xgt);
        }
        if (gt != null) {
          add(gt, o, xgt);
        }
      } else {
        if (gt != null) {
          add(o, gt, xgt);
        }
        if (oDot != null) {
          add(oDot, g, xgt);
        }
      }
    }
  }

  /** The adjoint map of A: Ā += L(C̄, B) (AB: C̄·Bᵀ; AᵀB: B·C̄ᵀ; ABᵀ: C̄·B). */
  private Call leftAdjoint() {
    return switch (form) {
      case AB -> new Call(Form.ABT, m, k, n, true);
      case ATB -> new Call(Form.ABT, k, m, n, false);
      case ABT -> new Call(Form.AB, m, k, n, true);
    };
  }

  /** The adjoint map of B for C̄ of {@code cols} columns: B̄ += R(C̄, A) (AB: Aᵀ·C̄; AᵀB: A·C̄; ABᵀ: C̄ᵀ·A). */
  private Call rightAdjoint(int cols) {
    return switch (form) {
      case AB -> new Call(Form.ATB, k, cols, m, false);
      case ATB -> new Call(Form.AB, k, cols, m, false);
      case ABT -> new Call(Form.ATB, cols, k, m, true);
    };
  }

  @Override
  void backward(boolean gradient) {
    double[] g = out.grad;
    double[] gt = out.gradTangent;
    if (a.differentiable) {
      leftAdjoint().backward(gradient, g, gt, b.value, b.tangent, a);
    }
    if (gradient && b.differentiable && gt != null && a.tangent == null && fusible(form, n)) {
      // [B̄, B̄̇] += R([C̄, C̄̇], A): one pass over A for both
      int rowsB = form == Form.ABT ? n : k;
      double[] both = new double[rowsB * 2 * n];
      rightAdjoint(2 * n).addTerm(Stacking.columns(g, gt, m, n), a.value, both);
      Stacking.splitAdd(both, rowsB, n, b.gradAccumulator(), b.gradTangentAccumulator());
    } else if (b.differentiable) {
      rightAdjoint(n).backward(gradient, g, gt, a.value, a.tangent, b);
    }
  }
}
