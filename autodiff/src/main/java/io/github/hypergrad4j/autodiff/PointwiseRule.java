package io.github.hypergrad4j.autodiff;

/**
 * A scalar function f applied element by element, given by f, f′ and f″ over whole arrays (one
 * call per operation, so each loop is monomorphic and the JIT can compile it tightly). f″ is what
 * forward-over-reverse needs: see {@link UnaryMap}. Implementations are in {@link PointwiseRules}.
 */
interface PointwiseRule {

  /** The operation's name, e.g. {@code "tanh"}. */
  String name();

  /** y_i = f(x_i). */
  void value(double[] x, double[] y);

  /** d_i = f′(x_i), given y_i = f(x_i). */
  void firstDerivative(double[] x, double[] y, double[] d);

  /** d_i = f″(x_i), given y_i = f(x_i). */
  void secondDerivative(double[] x, double[] y, double[] d);
}
