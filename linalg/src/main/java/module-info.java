/**
 * Dense linear algebra for hypergrad4j: kernels on {@code double[]}, the {@link
 * io.github.hypergrad4j.linalg.LinearOperator} abstraction every solver works with, and dense
 * factorisations.
 *
 * <p>The kernels run on the Vector API ({@code jdk.incubator.vector}) when the JVM resolves that
 * module ({@code --add-modules jdk.incubator.vector}) and on plain Java otherwise; see {@link
 * io.github.hypergrad4j.linalg.Kernels}. The factorisations in {@code
 * io.github.hypergrad4j.linalg.factor} wrap EJML, an optional dependency: a module that uses them
 * must require {@code ejml.ddense} itself, so that modules needing only the kernels (autodiff)
 * carry no third-party code at run time.
 */
module io.github.hypergrad4j.linalg {
  requires static jdk.incubator.vector;
  requires static ejml.core;
  requires static ejml.ddense;

  exports io.github.hypergrad4j.linalg;
  exports io.github.hypergrad4j.linalg.factor;
}
