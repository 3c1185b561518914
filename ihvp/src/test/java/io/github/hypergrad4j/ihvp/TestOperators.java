package io.github.hypergrad4j.ihvp;

import io.github.hypergrad4j.linalg.LinearOperator;

/** Operator wrappers of the tests, written independently of the library's CountingOperator. */
final class TestOperators {

  private TestOperators() {}

  /** Counts the products that reach the wrapped operator. */
  static final class Counted implements LinearOperator {
    final LinearOperator inner;
    long count;

    Counted(LinearOperator inner) {
      this.inner = inner;
    }

    @Override
    public int dim() {
      return inner.dim();
    }

    @Override
    public void apply(double[] x, double[] out) {
      count++;
      inner.apply(x, out);
    }

    @Override
    public boolean isSymmetric() {
      return inner.isSymmetric();
    }
  }

  /** The same products, but the operator does not claim symmetry. */
  static LinearOperator unsymmetric(LinearOperator inner) {
    return new LinearOperator() {
      @Override
      public int dim() {
        return inner.dim();
      }

      @Override
      public void apply(double[] x, double[] out) {
        inner.apply(x, out);
      }
    };
  }

  /** An operator that returns NaN in every product after the first {@code good} ones. */
  static LinearOperator poisoned(LinearOperator inner, int good) {
    return new LinearOperator() {
      private int calls;

      @Override
      public int dim() {
        return inner.dim();
      }

      @Override
      public void apply(double[] x, double[] out) {
        inner.apply(x, out);
        if (++calls > good) {
          out[0] = Double.NaN;
        }
      }

      @Override
      public boolean isSymmetric() {
        return inner.isSymmetric();
      }
    };
  }
}
