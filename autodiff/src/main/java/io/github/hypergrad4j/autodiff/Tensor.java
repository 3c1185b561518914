package io.github.hypergrad4j.autodiff;

import io.github.hypergrad4j.linalg.Kernels;

/**
 * A rank 0–2 array of doubles recorded on a {@link Tape}: its value, its tangent (the
 * directional derivative along the tape's seeded direction, when there is one) and, after {@link
 * Tape#backward}, its adjoint ∂f/∂x and the adjoint's tangent (∇²f·v restricted to this tensor).
 *
 * <p>Operations are methods ({@code x.matmul(w).tanh().sum()}); each records one node and returns
 * a new tensor. Both operands of a binary operation must belong to the same tape. Values are not
 * copied in and must not be modified while the tape is in use; the accessors return copies.
 */
public final class Tensor {

  final Tape tape;
  final Shape shape;
  final double[] value;
  /** dx/dt along the seeded direction; null means zero. */
  final double[] tangent;
  /** Whether the tensor depends on a variable (adjoints flow into it). */
  final boolean differentiable;
  /** ∂f/∂x, allocated when the first contribution arrives. */
  double[] grad;
  /** d/dt of the adjoint along the seeded direction; null means zero. */
  double[] gradTangent;

  Tensor(Tape tape, Shape shape, double[] value, double[] tangent, boolean differentiable) {
    this.tape = tape;
    this.shape = shape;
    this.value = value;
    this.tangent = tangent;
    this.differentiable = differentiable;
  }

  // ------------------------------------------------------------------ accessors

  /** The shape. */
  public Shape shape() {
    return shape;
  }

  /** Number of elements. */
  public int size() {
    return value.length;
  }

  /** The tape this tensor belongs to. */
  public Tape tape() {
    return tape;
  }

  /** A copy of the value, row-major. */
  public double[] value() {
    return value.clone();
  }

  /** The value of a one-element tensor. */
  public double item() {
    if (value.length != 1) {
      throw new IllegalStateException("item(): tensor of shape " + shape + " is not a scalar");
    }
    return value[0];
  }

  /** A copy of the tangent, or zeros when none was propagated here. */
  public double[] tangent() {
    return tangent == null ? new double[value.length] : tangent.clone();
  }

  /** A copy of the adjoint ∂f/∂x after {@link Tape#backward}; zeros if none flowed here. */
  public double[] grad() {
    return grad == null ? new double[value.length] : grad.clone();
  }

  /**
   * A copy of the adjoint's tangent after a backward pass on a tape with a seeded tangent: for
   * the seeded input θ with tangent v this is (∇²f·v) restricted to this tensor. Zeros when none
   * flowed here.
   */
  public double[] gradTangent() {
    return gradTangent == null ? new double[value.length] : gradTangent.clone();
  }

  /** Whether adjoints flow into this tensor (it depends on a variable). */
  public boolean isDifferentiable() {
    return differentiable;
  }

  @Override
  public String toString() {
    return "Tensor" + shape + (differentiable ? " (differentiable)" : " (constant)");
  }

  // ------------------------------------------------------------ arithmetic

  /** this + other, element-wise with broadcasting (see {@link Shape}). */
  public Tensor add(Tensor other) {
    return Add.apply(this, other, false);
  }

  /** this + c for a constant c. */
  public Tensor add(double c) {
    return Add.apply(this, tape.scalar(c), false);
  }

  /** this − other, element-wise with broadcasting. */
  public Tensor sub(Tensor other) {
    return Add.apply(this, other, true);
  }

  /** this ⊙ other (element-wise product) with broadcasting. */
  public Tensor mul(Tensor other) {
    return Multiply.apply(this, other);
  }

  /** this / other, element-wise with broadcasting. */
  public Tensor div(Tensor other) {
    return Divide.apply(this, other);
  }

  /** −this. */
  public Tensor neg() {
    return Scale.apply("neg", this, -1.0);
  }

  /** c·this for a constant c. */
  public Tensor scale(double c) {
    return Scale.apply("scale", this, c);
  }

  /**
   * this ⊙ mask for a constant mask of the same size (dropout: entries 0 or 1/(1−rate)). The
   * mask is used, not copied.
   */
  public Tensor maskMultiply(double[] mask) {
    if (mask == null || mask.length != value.length) {
      throw new IllegalArgumentException("maskMultiply: the mask must have " + value.length
          + " elements (shape " + shape + "), got " + (mask == null ? "null" : mask.length));
    }
    return Multiply.apply(this, tape.constant(mask, shape));
  }

  // -------------------------------------------------------- linear algebra

  /** The matrix product this·other (a vector is a row on the left, a column on the right). */
  public Tensor matmul(Tensor other) {
    return MatMul.apply(this, other, MatMul.Form.AB);
  }

  /** thisᵀ·other for a matrix {@code this}, without forming the transpose. */
  public Tensor transposeMatmul(Tensor other) {
    return MatMul.apply(this, other, MatMul.Form.ATB);
  }

  /** this·otherᵀ for a matrix {@code other}, without forming the transpose. */
  public Tensor matmulTranspose(Tensor other) {
    return MatMul.apply(this, other, MatMul.Form.ABT);
  }

  /** The inner product of two vectors of equal length (a scalar). */
  public Tensor dot(Tensor other) {
    tape.checkOwns("dot", other);
    if (shape.rank() != 1 || other.shape.rank() != 1 || size() != other.size()) {
      throw new IllegalArgumentException(
          "dot: needs two vectors of equal length, got shapes " + shape + " and " + other.shape);
    }
    return MatMul.apply(this, other, MatMul.Form.AB);
  }

  /** ‖this‖² = Σ x², a scalar. */
  public Tensor squaredNorm() {
    return SquaredNorm.apply(this);
  }

  /** The transpose of a matrix. */
  public Tensor transpose() {
    return Transpose.apply(this);
  }

  /** The same values viewed with another shape of the same size (no copy). */
  public Tensor reshape(Shape newShape) {
    return Reshape.apply(this, newShape);
  }

  /** The same values as a rows × cols matrix. */
  public Tensor reshape(int rows, int cols) {
    return Reshape.apply(this, Shape.matrix(rows, cols));
  }

  /** The same values as a vector. */
  public Tensor flatten() {
    return Reshape.apply(this, Shape.vector(size()));
  }

  // ------------------------------------------------------------ reductions

  /** Σ of all elements (a scalar). */
  public Tensor sum() {
    return Sum.apply(this, Sum.Axis.ALL, false);
  }

  /** Mean of all elements (a scalar). */
  public Tensor mean() {
    return Sum.apply(this, Sum.Axis.ALL, true);
  }

  /** For a matrix: the sum of each row (a vector with one entry per row). */
  public Tensor sumRows() {
    return Sum.apply(this, Sum.Axis.ROWS, false);
  }

  /** For a matrix: the mean of each row. */
  public Tensor meanRows() {
    return Sum.apply(this, Sum.Axis.ROWS, true);
  }

  /** For a matrix: the sum of each column (a vector with one entry per column). */
  public Tensor sumCols() {
    return Sum.apply(this, Sum.Axis.COLUMNS, false);
  }

  /** For a matrix: the mean of each column. */
  public Tensor meanCols() {
    return Sum.apply(this, Sum.Axis.COLUMNS, true);
  }

  // ------------------------------------------------- element-wise functions

  /** eˣ element-wise. */
  public Tensor exp() {
    return UnaryMap.apply(this, PointwiseRules.EXP);
  }

  /** log x element-wise. */
  public Tensor log() {
    return UnaryMap.apply(this, PointwiseRules.LOG);
  }

  /** log(1 + x) element-wise, accurate near 0. */
  public Tensor log1p() {
    return UnaryMap.apply(this, PointwiseRules.LOG1P);
  }

  /** √x element-wise. */
  public Tensor sqrt() {
    return UnaryMap.apply(this, PointwiseRules.SQRT);
  }

  /** x² element-wise. */
  public Tensor square() {
    return UnaryMap.apply(this, PointwiseRules.SQUARE);
  }

  /** xᶜ element-wise for a constant exponent c. */
  public Tensor pow(double c) {
    return UnaryMap.apply(this, PointwiseRules.pow(c));
  }

  /** |x| element-wise (derivative 0 at 0). */
  public Tensor abs() {
    return UnaryMap.apply(this, PointwiseRules.ABS);
  }

  /** tanh x element-wise. */
  public Tensor tanh() {
    return UnaryMap.apply(this, PointwiseRules.TANH);
  }

  /** σ(x) = 1/(1 + e⁻ˣ) element-wise, computed without overflow. */
  public Tensor sigmoid() {
    return UnaryMap.apply(this, PointwiseRules.SIGMOID);
  }

  /** max(x, 0) element-wise (derivative 0 at 0). */
  public Tensor relu() {
    return UnaryMap.apply(this, PointwiseRules.RELU);
  }

  /** log(1 + eˣ) element-wise, computed without overflow. */
  public Tensor softplus() {
    return UnaryMap.apply(this, PointwiseRules.SOFTPLUS);
  }

  /** min(hi, max(lo, x)) element-wise (derivative 1 on [lo, hi], else 0). */
  public Tensor clamp(double lo, double hi) {
    return UnaryMap.apply(this, PointwiseRules.clamp(lo, hi));
  }

  // ------------------------------------------------------ row-wise functions

  /** log Σ_j exp(x_ij) for each row (a vector is one row), computed stably. */
  public Tensor logSumExpRows() {
    return LogSumExp.apply(this);
  }

  /** softmax of each row (a vector is one row), computed stably. */
  public Tensor softmaxRows() {
    return Softmax.apply(this);
  }

  // ------------------------------------------------------------------ losses

  /**
   * Softmax cross-entropy of these logits (one row per example) against integer labels, one
   * loss per row: −log softmax(x_i)_{label_i}. Stable for any logits.
   */
  public Tensor softmaxCrossEntropyPerRow(int[] labels) {
    return SoftmaxCrossEntropy.apply(this, labels);
  }

  /** The mean over rows of {@link #softmaxCrossEntropyPerRow}. */
  public Tensor softmaxCrossEntropy(int[] labels) {
    return SoftmaxCrossEntropy.apply(this, labels).mean();
  }

  /**
   * Binary cross-entropy of these logits against targets t in [0, 1], per element:
   * softplus(x) − t·x (= −t log σ(x) − (1 − t) log(1 − σ(x))), stable for any logits.
   */
  public Tensor binaryCrossEntropyWithLogitsPerElement(double[] targets) {
    return UnaryMap.apply(this, PointwiseLosses.binaryCrossEntropyWithLogits(checkedTargets("binaryCrossEntropyWithLogits", targets)));
  }

  /** The mean of {@link #binaryCrossEntropyWithLogitsPerElement}. */
  public Tensor binaryCrossEntropyWithLogits(double[] targets) {
    return binaryCrossEntropyWithLogitsPerElement(targets).mean();
  }

  /** The mean squared error mean((x − t)²) against constant targets. */
  public Tensor meanSquaredError(double[] targets) {
    return UnaryMap.apply(this, PointwiseLosses.squaredError(checkedTargets("meanSquaredError", targets))).mean();
  }

  private double[] checkedTargets(String op, double[] targets) {
    if (targets == null || targets.length != value.length) {
      throw new IllegalArgumentException(op + ": needs " + value.length + " targets (shape " + shape
          + "), got " + (targets == null ? "null" : targets.length));
    }
    return targets.clone();
  }

  // ------------------------------------------------------ selection, joining

  /** The rows of a matrix (or elements of a vector) at the given indices, which may repeat. */
  public Tensor gatherRows(int... index) {
    return Gather.rows(this, index);
  }

  /** Rows [from, to) of a matrix. */
  public Tensor sliceRows(int from, int to) {
    if (shape.rank() != 2) {
      throw new IllegalArgumentException("sliceRows: needs a matrix, got shape " + shape);
    }
    return Gather.range("sliceRows", this, from, to);
  }

  /** Elements [from, to) of a vector (e.g. one layer's weights inside a flat parameter vector). */
  public Tensor slice(int from, int to) {
    if (shape.rank() != 1) {
      throw new IllegalArgumentException("slice: needs a vector, got shape " + shape);
    }
    return Gather.range("slice", this, from, to);
  }

  /** Vectors end to end, or matrices with equal column counts stacked by rows. */
  public static Tensor concat(Tensor... parts) {
    return Concat.apply(parts);
  }

  // ------------------------------------------------- adjoint accumulation (ops)

  /** True while {@link #grad} is an array lent by another tensor (copied before any write). */
  private boolean gradBorrowed;

  /** The same for {@link #gradTangent}. */
  private boolean gradTangentBorrowed;

  /** The adjoint array, allocated on first use, ready to be added to. */
  double[] gradAccumulator() {
    if (grad == null) {
      grad = new double[value.length];
    } else if (gradBorrowed) {
      grad = grad.clone();
    }
    gradBorrowed = false;
    return grad;
  }

  /** The adjoint-tangent array, allocated on first use, ready to be added to. */
  double[] gradTangentAccumulator() {
    if (gradTangent == null) {
      gradTangent = new double[value.length];
    } else if (gradTangentBorrowed) {
      gradTangent = gradTangent.clone();
    }
    gradTangentBorrowed = false;
    return gradTangent;
  }

  /**
   * x̄ += c for a contribution c of shape {@code from}: summed over the broadcast axes when
   * {@code from} is larger than this tensor's shape. When the adjoint is still empty and the
   * shapes agree, c itself becomes the adjoint, with no copy: {@code owned} says the caller gives
   * c up; otherwise c is only lent and is copied before the first write (copy-on-write), so the
   * lender's adjoint stays intact.
   */
  void addGrad(double[] c, Shape from, boolean owned) {
    if (!Broadcast.sameExtent(from, shape)) {
      Broadcast.accumulate(c, from, gradAccumulator(), shape);
    } else if (grad == null) {
      grad = c;
      gradBorrowed = !owned;
    } else {
      Kernels.add(gradAccumulator(), c, grad);
    }
  }

  /** x̄̇ += c, with the same rules as {@link #addGrad}. */
  void addGradTangent(double[] c, Shape from, boolean owned) {
    if (!Broadcast.sameExtent(from, shape)) {
      Broadcast.accumulate(c, from, gradTangentAccumulator(), shape);
    } else if (gradTangent == null) {
      gradTangent = c;
      gradTangentBorrowed = !owned;
    } else {
      Kernels.add(gradTangentAccumulator(), c, gradTangent);
    }
  }

  /** Forgets the adjoint-tangent (zero again), before a replay of the tape's tangent sweep. */
  void clearGradTangent() {
    gradTangent = null;
    gradTangentBorrowed = false;
  }
}
