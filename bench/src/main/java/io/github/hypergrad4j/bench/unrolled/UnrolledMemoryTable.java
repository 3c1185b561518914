package io.github.hypergrad4j.bench.unrolled;

import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.unrolled.UnrolledCost;
import io.github.hypergrad4j.bilevel.unrolled.UnrolledResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The memory side of {@link UnrolledHypergradientBenchmark} without the timings: one
 * hypergradient per {@link UnrolledMode} and T = 10, 100, 1000 on a smaller problem (d = 1000
 * features, n = 100 examples: a few seconds in all), printing what each held for the backward
 * pass — the trajectory store's peak doubles and the reversal buffer's peak bits — beside the
 * growth law it should follow (m = 2 state vectors, θ and v):
 *
 * <ul>
 *   <li>stored: T·m·d doubles;
 *   <li>checkpointed every k = ⌈√T⌉: (⌈T/k⌉ + k)·m·d, about 2√T·m·d;
 *   <li>reversible: m·d doubles whatever T, plus a buffer growing as T·d bits (about 2(1 − γ)
 *       = 0.2 bits per parameter and step at γ = 0.9);
 *   <li>forward mode: nothing stored (its 2 directions carry 2·m·d doubles of tangents).
 * </ul>
 *
 * It ends with one line per law saying whether every T met it.
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar io.github.hypergrad4j.bench.unrolled.UnrolledMemoryTable
 * </pre>
 */
public final class UnrolledMemoryTable {

  static final int[] STEPS = {10, 100, 1000};
  static final int D = 1000;
  static final int N = 100;
  static final int STATE_VECTORS = 2;

  /** One cell: a mode's cost at T, and the doubles its growth law predicts. */
  record Row(int steps, int d, UnrolledMode mode, UnrolledCost cost, long law) {

    boolean meetsLaw() {
      return cost.peakStoredDoubles() == law;
    }

    /** Buffer bits per parameter and step. */
    double bitsPerParameterStep() {
      return cost.informationBufferBits() / ((double) d * steps);
    }
  }

  private UnrolledMemoryTable() {}

  /** The doubles {@code mode} should hold at T for m·d = {@code stateDoubles}. */
  static long law(UnrolledMode mode, int steps, long stateDoubles) {
    switch (mode) {
      case STORED:
        return steps * stateDoubles;
      case CHECKPOINTED:
        int k = (int) Math.ceil(Math.sqrt(steps));
        return ((steps + k - 1) / k + k) * stateDoubles;
      case REVERSIBLE:
        return stateDoubles;
      default:
        return 0;
    }
  }

  /** Runs every mode at every T of {@code steps} on the problem with d features and n examples. */
  static List<Row> rows(int d, int n, int[] steps) {
    BilevelProblem problem = SyntheticLogistic.problem(d, n, UnrolledHypergradientBenchmark.SEED);
    List<Row> rows = new ArrayList<>();
    for (int t : steps) {
      for (UnrolledMode mode : UnrolledMode.values()) {
        UnrolledResult result = mode.run(problem, t);
        if (!result.isOk()) {
          throw new IllegalStateException("UnrolledMemoryTable: " + result);
        }
        rows.add(new Row(t, d, mode, result.cost(), law(mode, t, (long) STATE_VECTORS * d)));
      }
    }
    return rows;
  }

  /**
   * Prints the table and the verdicts to standard output.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    print(D, N, rows(D, N, STEPS), System.out);
  }

  /** The table of {@code rows} (from {@link #rows}) and one verdict line per law. */
  static void print(int d, int n, List<Row> rows, PrintStream out) {
    out.printf(Locale.ROOT, "memory of one hypergradient: logistic regression, d = %d, n = %d, momentum (m = %d"
        + " state vectors of d doubles)%n", d, n, STATE_VECTORS);
    out.printf(Locale.ROOT, "%5s  %-22s %14s %10s %14s %12s %10s %10s %10s%n", "T", "mode", "stored doubles", "/ (m*d)",
        "law", "buffer bits", "bits/(d*T)", "gradients", "HVPs");
    for (Row r : rows) {
      out.printf(Locale.ROOT, "%5d  %-22s %14d %10.2f %14d %12d %10.3f %10d %10d%n", r.steps(), r.mode().label(),
          r.cost().peakStoredDoubles(), r.cost().peakStoredDoubles() / (double) (STATE_VECTORS * r.d()), r.law(),
          r.cost().informationBufferBits(), r.bitsPerParameterStep(), r.cost().gradients(),
          r.cost().hessianVectorProducts());
    }
    out.println();
    verdict(rows, UnrolledMode.STORED, "stored holds T*m*d doubles", out);
    verdict(rows, UnrolledMode.CHECKPOINTED, "checkpointed holds (ceil(T/k) + k)*m*d doubles, k = ceil(sqrt T)", out);
    verdict(rows, UnrolledMode.REVERSIBLE, "reversible holds m*d doubles whatever T", out);
    verdict(rows, UnrolledMode.FORWARD, "forward mode stores no trajectory", out);
    StringBuilder bits = new StringBuilder();
    for (Row r : rows) {
      if (r.mode() == UnrolledMode.REVERSIBLE) {
        bits.append(bits.length() == 0 ? "" : ", ")
            .append(String.format(Locale.ROOT, "%.3f at T = %d", r.bitsPerParameterStep(), r.steps()));
      }
    }
    out.println("reversible's buffer, bits per parameter and step (about constant: it grows as T*d): " + bits);
  }

  private static void verdict(List<Row> rows, UnrolledMode mode, String law, PrintStream out) {
    boolean met = rows.stream().filter(r -> r.mode() == mode).allMatch(Row::meetsLaw);
    out.println("law: " + law + ": " + (met ? "met at every T" : "MISSED"));
  }
}
