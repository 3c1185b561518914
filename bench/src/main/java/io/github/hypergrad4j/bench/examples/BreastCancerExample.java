package io.github.hypergrad4j.bench.examples;

import io.github.hypergrad4j.bench.data.DatasetReader;

/**
 * Per-feature L2 logistic regression on breast cancer (30 hyperparameters, 10 outer steps, standardised
 * features, 60/20/20 split with seed 7): hypergradient tuning against a 20-point grid over one
 * global L2 penalty. Run: {@code java -cp bench/target/benchmarks.jar
 * io.github.hypergrad4j.bench.examples.BreastCancerExample}.
 */
public final class BreastCancerExample {

  private BreastCancerExample() {}

  /** Prints both outcomes. */
  public static void main(String[] args) {
    TuningComparison.Settings s = TuningComparison.Settings.defaults(10, 1e-8);
    TuningComparison.Report r = TuningComparison.run(DatasetReader.breastCancer(), s, null);
    System.out.println(r.grid());
    System.out.println(r.hypergradient());
  }
}
