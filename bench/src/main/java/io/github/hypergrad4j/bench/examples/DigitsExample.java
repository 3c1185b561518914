package io.github.hypergrad4j.bench.examples;

import io.github.hypergrad4j.bench.data.DatasetReader;

/**
 * Per-weight L2 multinomial logistic regression on the digits (64 pixels × 10 classes = 640
 * hyperparameters, 650 parameters; 60/20/20 split with seed 7): a tuning problem no grid can
 * search, compared with a 20-point grid over one global penalty. Run: {@code java -cp
 * bench/target/benchmarks.jar io.github.hypergrad4j.bench.examples.DigitsExample}.
 */
public final class DigitsExample {

  private DigitsExample() {}

  /** Prints both outcomes. */
  public static void main(String[] args) {
    TuningComparison.Settings s = TuningComparison.Settings.defaults(20, 1e-6);
    TuningComparison.Report r = TuningComparison.run(DatasetReader.digits(), s, null);
    System.out.println(r.grid());
    System.out.println(r.hypergradient());
  }
}
