package io.github.hypergrad4j.bench.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.ihvp.IhvpResult.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class StudySummaryTest {

  private static Measurement row(String problem, StudySolver solver, int budget, long products, double error,
      double millis) {
    return new Measurement(problem, solver, budget, products, Status.MAX_ITERATIONS, error, 1, error, millis);
  }

  private static final List<Measurement> ROWS = List.of(
      row("p", StudySolver.CG, 10, 11, 2e-2, 1.0), // misses the target
      row("p", StudySolver.CG, 20, 21, 1e-3, 3.0),
      row("p", StudySolver.MINRES, 20, 21, 5e-3, 2.0), // same products as CG 20, faster
      row("p", StudySolver.NYSTROM_PCG, 50, 51, 1e-2, 1.5), // exactly at the target, fastest
      row("q", StudySolver.NEUMANN, 100, 101, 0.5, 9.0));

  @Test
  void fewestProductsBreaksTiesByTime() {
    Measurement m = StudySummary.fewestProducts(ROWS, "p").orElseThrow();
    assertEquals(StudySolver.MINRES, m.solver());
  }

  @Test
  void leastTimeCountsRowsExactlyAtTheTarget() {
    Measurement m = StudySummary.leastTime(ROWS, "p").orElseThrow();
    assertEquals(StudySolver.NYSTROM_PCG, m.solver());
  }

  @Test
  void noSolverReachingTheTargetIsSaid() {
    assertTrue(StudySummary.fewestProducts(ROWS, "q").isEmpty());
    assertTrue(StudySummary.leastTime(ROWS, "q").isEmpty());
  }

  @Test
  void csvLineHasOneFieldPerHeaderColumn() {
    String line = AccuracyCsv.line(ROWS.get(1));
    assertEquals(AccuracyCsv.HEADER.split(",").length, line.split(",").length, line);
    assertTrue(line.startsWith("p,CG,20,21,MAX_ITERATIONS,1.000000e-03,"), line);
  }

  @Test
  void tableNamesItsBudgetColumnAndExplainsIt() {
    StudyProblem p = new StudyProblem("p", "a problem", null, new double[2], new double[1], new double[1], null, 0,
        "closed form", 0, 1.0, 1, 2);
    String table = StudySummary.table(List.of(p), ROWS);
    List<String> lines = table.lines().toList();
    assertTrue(lines.get(0).contains(" budget "), lines.get(0));
    assertTrue(!List.of(lines.get(0).split(" +")).contains("B"), "no unexplained one-letter column: " + lines.get(0));
    assertTrue(lines.get(lines.size() - 1).startsWith("budget: "), "a legend ends the table: " + table);
    // the winner's budget (MINRES 20) is under the budget column
    String row = lines.get(1);
    int column = lines.get(0).indexOf("budget") + "budget".length();
    assertEquals("20", row.substring(column - 6, column).trim(), row);
  }
}
