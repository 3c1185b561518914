package io.github.hypergrad4j.linalg;

import java.util.List;

/**
 * A₁ + A₂ + … + A_m: one product with each term and (m−1)·n additions. Each {@code apply}
 * allocates one scratch vector of length n, so an instance may be used from several threads if
 * its terms can. Symmetric when every term is. Reached through {@link LinearOperator#plus}.
 */
final class SumOperator implements LinearOperator {

  private static final String NAME = "LinearOperator.plus";

  private final List<LinearOperator> terms;
  private final int n;

  /** @throws IllegalArgumentException if there is no term, a term is null or dimensions differ */
  SumOperator(LinearOperator... terms) {
    if (terms == null || terms.length == 0) {
      throw new IllegalArgumentException(NAME + ": at least one term is needed");
    }
    for (int i = 0; i < terms.length; i++) {
      if (terms[i] == null) {
        throw new IllegalArgumentException(NAME + ": term " + i + " is null");
      }
      if (terms[i].dim() != terms[0].dim()) {
        throw new IllegalArgumentException(NAME + ": term 0 has dimension " + terms[0].dim()
            + " but term " + i + " has " + terms[i].dim());
      }
    }
    this.terms = List.of(terms);
    this.n = terms[0].dim();
  }

  @Override
  public int dim() {
    return n;
  }

  @Override
  public void apply(double[] x, double[] out) {
    OperatorArguments.checkApply(NAME, n, x, out);
    terms.get(0).apply(x, out);
    if (terms.size() == 1) {
      return;
    }
    double[] scratch = new double[n];
    for (int i = 1; i < terms.size(); i++) {
      terms.get(i).apply(x, scratch);
      Kernels.add(out, scratch, out);
    }
  }

  @Override
  public boolean isSymmetric() {
    return terms.stream().allMatch(LinearOperator::isSymmetric);
  }
}
