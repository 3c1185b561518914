package io.github.hypergrad4j.bench.stn;

import io.github.hypergrad4j.bilevel.stn.StnEvent;

/**
 * Receives the progress of a {@link StnTuning} experiment on the thread that runs it, for a
 * progress line. Every method defaults to nothing.
 */
public interface StnTuningListener {

  /** The untimed warm-up of the JVM starts. */
  default void jitWarmupStarted() {}

  /** It ended after {@code seconds}. */
  default void jitWarmupFinished(double seconds) {}

  /** A method starts; it will do {@code runs} training runs. */
  default void methodStarted(TuningMethod method, int runs) {}

  /** An event of the Self-Tuning Network run (one per warm-up block and per cycle). */
  default void stnEvent(StnEvent event) {}

  /** A grid or random-search run ended. */
  default void searchRun(SearchRun run) {}

  /** A method ended with this outcome. */
  default void methodFinished(Outcome outcome) {}
}
