package io.github.hypergrad4j.bench.accuracy;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The study's short answer: for each problem, which (solver, budget) reaches a relative error of
 * at most {@value #TARGET} with the fewest products (ties: the faster), and which with the least
 * time (ties: the fewer products). O(rows) work.
 */
public final class StudySummary {

  /** The relative error the summary asks for. */
  public static final double TARGET = 1e-2;

  private StudySummary() {}

  /** The cheapest measurement of {@code problem} in products that meets {@link #TARGET}. */
  public static Optional<Measurement> fewestProducts(List<Measurement> rows, String problem) {
    return meeting(rows, problem).min(Comparator.comparingLong(Measurement::products)
        .thenComparingDouble(Measurement::millis));
  }

  /** The cheapest measurement of {@code problem} in time that meets {@link #TARGET}. */
  public static Optional<Measurement> leastTime(List<Measurement> rows, String problem) {
    return meeting(rows, problem).min(Comparator.comparingDouble(Measurement::millis)
        .thenComparingLong(Measurement::products));
  }

  private static java.util.stream.Stream<Measurement> meeting(List<Measurement> rows, String problem) {
    return rows.stream().filter(m -> m.problem().equals(problem) && m.relativeError() <= TARGET);
  }

  /** The line under the table that says what its columns mean. */
  public static final String LEGEND = "budget: Hessian-vector products allowed; products: those spent; "
      + "time: median per hypergradient";

  /**
   * A plain-text table, three lines per problem: the fewest-products and the least-time winners
   * (solver, budget, products, error, median time; "none" when nothing reaches the target) and the
   * exact reference's cost for comparison, then the {@link #LEGEND}.
   */
  public static String table(List<StudyProblem> problems, List<Measurement> rows) {
    StringBuilder b = new StringBuilder();
    String format = "%-14s %-24s %-19s %6s %8s %10s %10s%n";
    b.append(String.format(Locale.ROOT, format, "problem", "to rel. error <= 1e-2", "solver", "budget", "products",
        "rel. error", "time (ms)"));
    for (StudyProblem p : problems) {
      b.append(line(format, p.name(), "fewest products", fewestProducts(rows, p.name())));
      b.append(line(format, "", "least time", leastTime(rows, p.name())));
      b.append(String.format(Locale.ROOT, format, "", "exact reference",
          p.referenceProducts() == 0 ? "closed form" : "ExactSolver", "-", p.referenceProducts(), "-",
          String.format(Locale.ROOT, "%.2f", p.referenceMillis())));
    }
    b.append(LEGEND).append(System.lineSeparator());
    return b.toString();
  }

  private static String line(String format, String problem, String criterion, Optional<Measurement> m) {
    if (m.isEmpty()) {
      return String.format(Locale.ROOT, format, problem, criterion, "none", "-", "-", "-", "-");
    }
    Measurement x = m.get();
    return String.format(Locale.ROOT, format, problem, criterion, x.solver().label, x.budget(), x.products(),
        String.format(Locale.ROOT, "%.1e", x.relativeError()), String.format(Locale.ROOT, "%.2f", x.millis()));
  }
}
