package io.github.hypergrad4j.bench.stn;

/** The five ways a {@link StnTuning} experiment trains a network, in the order they run. */
public enum TuningMethod {
  /** One Self-Tuning Network run: λ tuned while φ trains (Algorithm 1 of MacKay et al. 2019). */
  STN("Self-Tuning Network"),
  /** The plain network at every point of a grid of fixed values; the best on validation is kept. */
  GRID("grid search"),
  /** The plain network at as many random fixed values as the grid has points; the best is kept. */
  RANDOM("random search"),
  /** The plain network with the STN's final values fixed from the first step. */
  FIXED_FINAL("STN final values, fixed"),
  /** The plain network following the STN's schedule step by step. */
  REPLAY("STN schedule, replayed");

  private final String label;

  TuningMethod(String label) {
    this.label = label;
  }

  /** A short name for tables. */
  public String label() {
    return label;
  }
}
