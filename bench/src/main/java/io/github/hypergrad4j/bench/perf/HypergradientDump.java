package io.github.hypergrad4j.bench.perf;

import io.github.hypergrad4j.bilevel.HypergradientResult;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Prints the hypergradient that {@link HypergradientBenchmark} times, for {@code bench/perf/}'s
 * check that both sides compute the same numbers: {@code java -cp benchmarks.jar
 * io.github.hypergrad4j.bench.perf.HypergradientDump D} writes a header line (d, the products
 * spent, the CG true relative residual), then dg/dλ_j one per line in {@code %.17g}, which reads
 * back as the same double.
 */
public final class HypergradientDump {

  private HypergradientDump() {}

  /**
   * @param args one argument, d (at least 1)
   */
  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: HypergradientDump D");
      System.exit(2);
    }
    int d;
    try {
      d = Integer.parseInt(args[0]);
    } catch (NumberFormatException e) {
      d = -1;
    }
    if (d < 1) {
      System.err.println("HypergradientDump: D must be a whole number >= 1, got '" + args[0] + "'");
      System.exit(2);
    }
    LogisticWorkload w = new LogisticWorkload(HypergradientBenchmark.N, d);
    HypergradientResult r = HypergradientBenchmark.method().compute(w.problem, w.theta, w.lambda);
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    out.printf(Locale.ROOT, "d %d products %d relative_residual %.3e%n", d, r.hessianVectorProducts(),
        r.solve().relativeResidual());
    for (double v : r.hypergradient()) {
      out.printf(Locale.ROOT, "%.17g%n", v);
    }
    out.flush();
  }
}
