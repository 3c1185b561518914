package io.github.hypergrad4j.bilevel.meta;

import java.util.SplittableRandom;

/** Draws tasks from a task distribution (for example sinusoids of random amplitude and phase). */
@FunctionalInterface
public interface TaskSampler {

  /** A fresh task, all of its randomness drawn from {@code random}. */
  MetaTask sample(SplittableRandom random);
}
