package io.github.hypergrad4j.bilevel;

/** Receives one {@link ProgressEvent} per outer step (on the optimising thread). */
@FunctionalInterface
public interface ProgressListener {

  /** Called after each outer step's hypergradient, before λ is updated. */
  void onStep(ProgressEvent event);
}
