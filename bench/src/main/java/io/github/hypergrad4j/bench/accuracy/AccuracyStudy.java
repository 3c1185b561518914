package io.github.hypergrad4j.bench.accuracy;

import io.github.hypergrad4j.bilevel.HypergradientResult;
import io.github.hypergrad4j.bilevel.ImplicitHypergradient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The accuracy-versus-cost study: for each problem, each {@link StudySolver} and each budget B,
 * the implicit hypergradient h with that solver limited to B products, compared with the exact
 * h* at the same point (θ*, λ).
 *
 * <p><b>Protocol.</b> Each problem is prepared once ({@link ProblemCatalog#prepare()}: tight
 * inner solve, exact reference). Each (solver, B) then computes the hypergradient with an {@link
 * ImplicitHypergradient} without warm start: ∇g, the solve, the mixed term and the subtraction,
 * the whole cost a user pays (the solver's products, the last of which also gives the mixed term,
 * and one gradient of g). A first pass runs every configuration of the problem once, untimed: its results are the
 * ones measured, and it warms the JIT up for all of them. Then {@code repetitions} timed passes
 * run every configuration once each, in turn, timed with {@link System#nanoTime()} (interleaved,
 * so a slow spell of the machine spreads over all configurations rather than spoiling one); the
 * time recorded is the median over the passes. Every solve is seeded, so every pass computes the
 * same h.
 */
public final class AccuracyStudy {

  /** The budgets of the full study. */
  public static final int[] FULL_BUDGETS = {1, 2, 5, 10, 20, 50, 100};

  /** The budgets of a quick run. */
  public static final int[] QUICK_BUDGETS = {1, 5, 20};

  /**
   * What to run.
   *
   * @param problems the problems, in order
   * @param solvers the solvers, in order
   * @param budgets the budgets B, each ≥ 1
   * @param repetitions timed repetitions per configuration, ≥ 1
   */
  public record Settings(List<ProblemCatalog> problems, List<StudySolver> solvers, int[] budgets, int repetitions) {

    /** Validates the settings. */
    public Settings {
      if (problems == null || problems.isEmpty() || solvers == null || solvers.isEmpty()) {
        throw new IllegalArgumentException("AccuracyStudy: at least one problem and one solver are needed");
      }
      if (budgets == null || budgets.length == 0 || Arrays.stream(budgets).anyMatch(b -> b < 1)) {
        throw new IllegalArgumentException("AccuracyStudy: budgets must be >= 1, got " + Arrays.toString(budgets));
      }
      if (repetitions < 1) {
        throw new IllegalArgumentException("AccuracyStudy: repetitions must be >= 1, got " + repetitions);
      }
      problems = List.copyOf(problems);
      solvers = List.copyOf(solvers);
      budgets = budgets.clone();
    }
  }

  /**
   * The outcome: the prepared problems and one measurement per problem × solver × budget.
   *
   * @param problems the prepared problems, in the order run
   * @param measurements the rows, grouped by problem, then solver, then budget
   */
  public record Outcome(List<StudyProblem> problems, List<Measurement> measurements) {}

  private AccuracyStudy() {}

  /**
   * Runs the study.
   *
   * @param settings what to run
   * @param progress receives one line per problem prepared and measured (the library prints
   *     nothing itself)
   * @return the prepared problems and the measurements
   */
  public static Outcome run(Settings settings, Consumer<String> progress) {
    List<StudyProblem> prepared = new ArrayList<>();
    List<Measurement> rows = new ArrayList<>();
    for (ProblemCatalog entry : settings.problems()) {
      long start = System.nanoTime();
      StudyProblem p = entry.prepare();
      prepared.add(p);
      progress.accept(String.format(Locale.ROOT, "%s: prepared in %.1f s: %s", p.name(),
          (System.nanoTime() - start) / 1e9, p.reference()));
      start = System.nanoTime();
      rows.addAll(measure(p, settings));
      progress.accept(String.format(Locale.ROOT, "%s: %d configurations measured in %.1f s", p.name(),
          settings.solvers().size() * settings.budgets().length, (System.nanoTime() - start) / 1e9));
    }
    return new Outcome(List.copyOf(prepared), List.copyOf(rows));
  }

  /** Every (solver, budget) on one problem: one untimed pass, then the timed passes. */
  static List<Measurement> measure(StudyProblem p, Settings settings) {
    List<ImplicitHypergradient> methods = new ArrayList<>();
    List<HypergradientResult> results = new ArrayList<>();
    for (StudySolver solver : settings.solvers()) {
      for (int budget : settings.budgets()) {
        StudySolver.Configured c = solver.configure(budget, p.thetaSize(), p.knownDiagonal());
        ImplicitHypergradient method = ImplicitHypergradient.builder(c.solver()).solverOptions(c.options()).build();
        methods.add(method);
        results.add(method.compute(p.problem(), p.theta(), p.lambda()));
      }
    }
    int repetitions = settings.repetitions();
    double[][] times = new double[methods.size()][repetitions];
    for (int rep = 0; rep < repetitions; rep++) {
      for (int i = 0; i < methods.size(); i++) {
        long start = System.nanoTime();
        methods.get(i).compute(p.problem(), p.theta(), p.lambda());
        times[i][rep] = (System.nanoTime() - start) / 1e6;
      }
    }
    List<Measurement> rows = new ArrayList<>();
    int i = 0;
    for (StudySolver solver : settings.solvers()) {
      for (int budget : settings.budgets()) {
        HypergradientResult r = results.get(i);
        rows.add(new Measurement(p.name(), solver, budget, r.solve().operatorApplications(), r.solve().status(),
            ErrorMetrics.relativeError(r.hypergradient(), p.exact()),
            ErrorMetrics.cosineSimilarity(r.hypergradient(), p.exact()), r.solve().relativeResidual(),
            median(times[i])));
        i++;
      }
    }
    return rows;
  }

  /** The median of a few numbers (sorts them). */
  static double median(double[] values) {
    Arrays.sort(values);
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
  }
}
