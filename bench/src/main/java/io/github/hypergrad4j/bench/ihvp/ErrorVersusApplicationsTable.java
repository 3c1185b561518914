package io.github.hypergrad4j.bench.ihvp;

import io.github.hypergrad4j.ihvp.IhvpResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The error-against-products table of {@link ErrorVersusApplicationsBenchmark} without the
 * timings (every solve is deterministic, so one solve per cell suffices; about a second in all),
 * as CSV, followed by the check of the target: CG within relative error 10⁻² after 10 products
 * at κ = 12 and after 20 at κ = 58.
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar io.github.hypergrad4j.bench.ihvp.ErrorVersusApplicationsTable [out.csv]
 * </pre>
 *
 * Without an argument the CSV goes to standard output.
 */
public final class ErrorVersusApplicationsTable {

  static final String HEADER = "kappa,budget,solver,applications,relative_error,status";
  static final double[] KAPPAS = {12, 58, 311};
  static final int[] BUDGETS = {1, 2, 5, 10, 20, 50, 100};

  private ErrorVersusApplicationsTable() {}

  static String line(double kappa, int budget, BudgetedSolver solver, IhvpResult result,
      double error) {
    return (int) kappa + "," + budget + "," + solver + "," + result.operatorApplications() + ","
        + ErrorVersusApplicationsBenchmark.format(error) + "," + result.status();
  }

  /**
   * @param args optionally the path of the CSV file to write
   * @throws IOException if the file cannot be written
   */
  public static void main(String[] args) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    double cg12 = Double.NaN;
    double cg58 = Double.NaN;
    for (double kappa : KAPPAS) {
      KnownSpectrumProblem problem =
          new KnownSpectrumProblem(ErrorVersusApplicationsBenchmark.N, kappa, 1);
      for (int budget : BUDGETS) {
        for (BudgetedSolver solver : BudgetedSolver.values()) {
          IhvpResult result = solver.solve(problem, budget);
          double error = problem.relativeError(result.x());
          lines.add(line(kappa, budget, solver, result, error));
          if (solver == BudgetedSolver.CG && kappa == 12 && budget == 10) {
            cg12 = error;
          }
          if (solver == BudgetedSolver.CG && kappa == 58 && budget == 20) {
            cg58 = error;
          }
        }
      }
    }
    if (args.length > 0) {
      Files.write(Path.of(args[0]), lines, StandardCharsets.UTF_8);
    } else {
      lines.forEach(System.out::println);
    }
    PrintStream out = args.length > 0 ? System.out : System.err;
    out.println("target: CG relative error after 10 products at kappa = 12: "
        + ErrorVersusApplicationsBenchmark.format(cg12) + (cg12 <= 1e-2 ? " <= 1e-2 (met)" : " > 1e-2 (MISSED)"));
    out.println("target: CG relative error after 20 products at kappa = 58: "
        + ErrorVersusApplicationsBenchmark.format(cg58) + (cg58 <= 1e-2 ? " <= 1e-2 (met)" : " > 1e-2 (MISSED)"));
  }
}
