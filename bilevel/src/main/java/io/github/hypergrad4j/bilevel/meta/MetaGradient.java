package io.github.hypergrad4j.bilevel.meta;

/**
 * A way to compute one task's meta-gradient at the meta-parameters φ. Implementations are
 * immutable and thread-safe, so {@link TaskBatch} may call them from several threads at once.
 */
public interface MetaGradient {

  /**
   * The task's meta-gradient at φ.
   *
   * @throws IllegalArgumentException if the task is null, φ is null, empty or not finite, or a
   *     loss does not fit φ
   */
  TaskGradient compute(MetaTask task, double[] phi);

  /** A short name for reports, e.g. {@code "imaml(lambda=2, cg 5)"}. */
  String name();
}
