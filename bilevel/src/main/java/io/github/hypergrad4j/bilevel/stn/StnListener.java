package io.github.hypergrad4j.bilevel.stn;

/** Receives one {@link StnEvent} per block of a run, on the training thread. */
@FunctionalInterface
public interface StnListener {

  /** Called after each warm-up block and each cycle. */
  void onEvent(StnEvent event);
}
