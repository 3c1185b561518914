package io.github.hypergrad4j.ihvp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.hypergrad4j.ihvp.IhvpResult.Status;
import io.github.hypergrad4j.linalg.LinearOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract every {@link IhvpSolver} keeps, run once per solver by a subclass that says which
 * problems the solver must solve (and how accurately) and which must end with a given status.
 * Problems are matrices Q·diag(s)·Qᵀ of known spectrum ({@link TestProblem}); every accurate
 * answer is checked against the {@link ExactSolver} and against the closed form
 * Q·diag(1/(s + ρ))·Qᵀ·b, every reported residual against plain loops (the status following it:
 * CONVERGED exactly when it meets the tolerance), every product count against a counting wrapper,
 * and the iteration limit and fixed budget against the iterations they allow.
 */
abstract class IhvpSolverContract {

  /** The sizes of the Krylov and exact cases: n from 1 to 500. */
  static final int[] SIZES = {1, 2, 7, 50, 200, 500};

  /** One problem the solver must solve to {@code maxError} (relative, against the references). */
  record Case(TestProblem problem, double rho, boolean rangeRhs, SolverOptions options,
      double maxError) {
    double[] rhs() {
      return rangeRhs ? problem.rangeB : problem.b;
    }

    @Override
    public String toString() {
      return problem + " rho=" + rho + (rangeRhs ? " b in range" : "") + " tol="
          + options.tolerance();
    }
  }

  /** One problem the solver must end with {@code expected}. */
  record StatusCase(TestProblem problem, double rho, SolverOptions options, Status expected) {
    @Override
    public String toString() {
      return problem + " rho=" + rho + " -> " + expected;
    }
  }

  /** The solver for a problem (step sizes may use the known spectrum). */
  abstract IhvpSolver solverFor(TestProblem problem);

  /** Whether the solver must refuse an operator that does not claim symmetry. */
  abstract boolean needsSymmetry();

  /** The problems the solver must solve, CONVERGED and within each case's error. */
  abstract List<Case> accurateCases();

  /** The problems with a known ending other than CONVERGED. */
  List<StatusCase> statusCases() {
    return List.of();
  }

  /** Whether the solver makes one approximate solve (Nyström, exact), ignoring K. */
  boolean oneShot() {
    return false;
  }

  static Case accurate(TestProblem problem, double rho, double tolerance, int maxIterations,
      double maxError) {
    return new Case(problem, rho, false, options(rho, tolerance, maxIterations), maxError);
  }

  static Case accurateInRange(TestProblem problem, double tolerance, int maxIterations,
      double maxError) {
    return new Case(problem, 0, true, options(0, tolerance, maxIterations), maxError);
  }

  static StatusCase ending(TestProblem problem, double rho, int maxIterations, Status expected) {
    return new StatusCase(problem, rho, options(rho, 1e-10, maxIterations), expected);
  }

  static SolverOptions options(double rho, double tolerance, int maxIterations) {
    return SolverOptions.defaults().withDamping(rho).withTolerance(tolerance)
        .withMaxIterations(maxIterations);
  }

  private static final Map<String, double[]> EXACT = new ConcurrentHashMap<>();

  /**
   * The reference solution: the exact solver's when A + ρI is nonsingular (checked here against
   * the closed form), else the closed-form minimum-norm solution.
   */
  static double[] reference(Case c) {
    TestProblem p = c.problem();
    double[] closed = p.closedForm(c.rhs(), c.rho());
    boolean singular = false;
    for (double s : p.s) {
      singular |= s + c.rho() == 0;
    }
    if (singular) {
      return closed;
    }
    return EXACT.computeIfAbsent(c.toString(), key -> {
      IhvpResult exact = new ExactSolver().solve(p.operator(), c.rhs(),
          SolverOptions.defaults().withDamping(c.rho()));
      assertEquals(Status.CONVERGED, exact.status(), exact.detail());
      double kappa = 1;
      for (double s : p.s) {
        kappa = Math.max(kappa, Math.abs((p.largestEigenvalue() + c.rho()) / (s + c.rho())));
      }
      double error = TestProblem.relativeError(exact.x(), closed);
      assertTrue(error <= 1e-13 * kappa * Math.max(10, p.n),
          "exact solver against the closed form on " + key + ": " + error);
      return exact.x();
    });
  }

  private Stream<DynamicTest> each(List<?> cases, java.util.function.Consumer<Object> check) {
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check.accept(c)));
  }

  @TestFactory
  Stream<DynamicTest> solvesAccuratelyAgainstTheExactSolverAndTheClosedForm() {
    return each(accurateCases(), o -> {
      Case c = (Case) o;
      IhvpResult result = solverFor(c.problem()).solve(c.problem().operator(), c.rhs(), c.options());
      assertEquals(Status.CONVERGED, result.status(), result.detail());
      double[] reference = reference(c);
      double error = TestProblem.relativeError(result.x(), reference);
      assertTrue(error <= c.maxError(), "relative error " + error + " > " + c.maxError()
          + " (" + result.detail() + ")");
      double closed = TestProblem.relativeError(result.x(), c.problem().closedForm(c.rhs(), c.rho()));
      assertTrue(closed <= 2 * c.maxError() + 1e-12, "against the closed form: " + closed);
    });
  }

  @TestFactory
  Stream<DynamicTest> reportsTheTrueResidualAndEveryProduct() {
    List<Object> all = new ArrayList<>(accurateCases());
    all.addAll(statusCases());
    return each(all, o -> {
      TestProblem p = o instanceof Case c ? c.problem() : ((StatusCase) o).problem();
      double rho = o instanceof Case c ? c.rho() : ((StatusCase) o).rho();
      double[] b = o instanceof Case c ? c.rhs() : p.b;
      SolverOptions options = o instanceof Case c ? c.options() : ((StatusCase) o).options();
      TestOperators.Counted counted = new TestOperators.Counted(p.operator());
      IhvpResult result = solverFor(p).solve(counted, b, options);

      assertEquals(counted.count, result.operatorApplications(),
          "reported products against a counting wrapper (" + result.detail() + ")");
      assertEquals(p.n, result.x().length);
      if (result.status() != Status.DIVERGED) {
        for (double e : result.x()) {
          assertTrue(Double.isFinite(e), "x must be finite unless DIVERGED");
        }
        double truth = p.residualNorm(b, rho, result.x());
        double scale = Math.abs(p.largestEigenvalue()) + Math.abs(p.smallestEigenvalue()) + rho;
        double slack = 1e-13 * p.n * (scale * TestProblem.norm(result.x()) + TestProblem.norm(b));
        assertEquals(truth, result.residualNorm(), slack, "reported residual against plain loops");
        assertEquals(TestProblem.norm(b), result.rhsNorm(), 1e-12 * TestProblem.norm(b));
        double tolerance = options.tolerance() * TestProblem.norm(b);
        if (result.status() == Status.CONVERGED) {
          assertTrue(truth <= tolerance + slack, "CONVERGED but the true residual is " + truth);
        }
        if (result.status() == Status.MAX_ITERATIONS || result.status() == Status.BREAKDOWN) {
          assertTrue(truth >= tolerance - slack, result.status() + " but the true residual "
              + truth + " meets the tolerance " + tolerance + " (" + result.detail() + ")");
        }
      }
      options.maxIterations().ifPresent(limit -> assertTrue(result.iterations() <= limit + 1,
          "iterations " + result.iterations() + " above the limit " + limit));
    });
  }

  @TestFactory
  Stream<DynamicTest> endsWithTheExpectedStatus() {
    return each(statusCases(), o -> {
      StatusCase c = (StatusCase) o;
      IhvpResult result = solverFor(c.problem()).solve(c.problem().operator(), c.problem().b,
          c.options());
      assertEquals(c.expected(), result.status(), result.detail());
    });
  }

  @Test
  void sameSeedGivesBitIdenticalResults() {
    List<Object> cases = new ArrayList<>(accurateCases().subList(0, Math.min(3, accurateCases().size())));
    cases.addAll(statusCases().subList(0, Math.min(1, statusCases().size())));
    for (Object o : cases) {
      TestProblem p = o instanceof Case c ? c.problem() : ((StatusCase) o).problem();
      SolverOptions options = (o instanceof Case c ? c.options() : ((StatusCase) o).options())
          .withSeed(12345);
      IhvpResult first = solverFor(p).solve(p.operator(), p.b, options);
      IhvpResult second = solverFor(p).solve(p.operator(), p.b, options);
      assertArrayEquals(bits(first.x()), bits(second.x()), "x differs on " + o);
      assertEquals(first.status(), second.status());
      assertEquals(first.iterations(), second.iterations());
      assertEquals(first.operatorApplications(), second.operatorApplications());
      assertEquals(Double.doubleToRawLongBits(first.residualNorm()),
          Double.doubleToRawLongBits(second.residualNorm()));
    }
  }

  static long[] bits(double[] x) {
    long[] bits = new long[x.length];
    for (int i = 0; i < x.length; i++) {
      bits[i] = Double.doubleToRawLongBits(x[i]);
    }
    return bits;
  }

  /** A case of at least 7 unknowns, for the tests that need one. */
  Case typicalCase() {
    return caseOfAtLeast(7);
  }

  /** The first accurate case of at least n unknowns. */
  Case caseOfAtLeast(int n) {
    return accurateCases().stream().filter(c -> c.problem().n >= n).findFirst()
        .orElseThrow(() -> new AssertionError("no accurate case with n >= " + n));
  }

  /**
   * A fixed budget K is spent, not cut short by the tolerance, and the tolerance still decides
   * the status: K a few iterations beyond what the solve needs ends CONVERGED after exactly K
   * iterations (one-shot solvers: their one solve), and every product is counted.
   */
  @Test
  void aFixedBudgetIsSpentAndJudgedByTheTolerance() {
    Case c = caseOfAtLeast(50);
    IhvpResult needed = solverFor(c.problem()).solve(c.problem().operator(), c.rhs(), c.options());
    assertEquals(Status.CONVERGED, needed.status(), needed.detail());
    int budget = needed.iterations() + 5;
    TestOperators.Counted counted = new TestOperators.Counted(c.problem().operator());
    SolverOptions options = c.options().withBudget(budget);
    IhvpResult spent = solverFor(c.problem()).solve(counted, c.rhs(), options);
    assertEquals(Status.CONVERGED, spent.status(), spent.detail());
    assertEquals(oneShot() ? 1 : budget, spent.iterations(), spent.detail());
    assertEquals(counted.count, spent.operatorApplications());
    if (!oneShot()) {
      assertTrue(spent.operatorApplications() > needed.operatorApplications(),
          spent.operatorApplications() + " products for a budget of " + budget + " against "
              + needed.operatorApplications() + " to meet the tolerance");
    }
    double truth = c.problem().residualNorm(c.rhs(), c.rho(), spent.x());
    assertTrue(truth <= c.options().tolerance() * TestProblem.norm(c.rhs()) * (1 + 1e-6),
        "true residual " + truth);
  }

  /**
   * A solve whose true residual meets the tolerance is CONVERGED also when that happened on its
   * last iteration: with the limit, or the budget, set to exactly the iterations it needs.
   */
  @Test
  void meetingTheToleranceOnTheLastIterationIsConverged() {
    Case c = caseOfAtLeast(50);
    IhvpResult needed = solverFor(c.problem()).solve(c.problem().operator(), c.rhs(), c.options());
    assertEquals(Status.CONVERGED, needed.status(), needed.detail());
    for (SolverOptions options : List.of(c.options().withMaxIterations(needed.iterations()),
        c.options().withBudget(needed.iterations()))) {
      IhvpResult last = solverFor(c.problem()).solve(c.problem().operator(), c.rhs(), options);
      assertEquals(Status.CONVERGED, last.status(), options + ": " + last.detail());
      assertEquals(needed.iterations(), last.iterations(), options.toString());
      assertArrayEquals(needed.x(), last.x(), 1e-12 * TestProblem.norm(needed.x()),
          options.toString());
    }
  }

  @Test
  void zeroRightHandSideReturnsZeroWithoutProducts() {
    Case c = typicalCase();
    TestOperators.Counted counted = new TestOperators.Counted(c.problem().operator());
    List<Integer> observed = new ArrayList<>();
    SolverOptions options = c.options().withWarmStart(c.problem().b)
        .withObserver((k, r) -> observed.add(k));
    IhvpResult result = solverFor(c.problem()).solve(counted, new double[c.problem().n], options);
    assertEquals(Status.CONVERGED, result.status());
    assertArrayEquals(new double[c.problem().n], result.x());
    assertEquals(0, result.iterations());
    assertEquals(0, result.operatorApplications());
    assertEquals(0, counted.count);
    assertEquals(0.0, result.residualNorm());
    assertTrue(observed.isEmpty());
  }

  @Test
  void badInputIsRefusedWithAMessageNamingTheValue() {
    TestProblem p = TestProblem.spd(5, 10, 3);
    IhvpSolver solver = solverFor(p);
    SolverOptions options = SolverOptions.defaults();
    LinearOperator a = p.operator();
    expectMessage(() -> solver.solve(null, p.b, options), "operator is null");
    expectMessage(() -> solver.solve(a, null, options), "b is null");
    expectMessage(() -> solver.solve(a, p.b, null), "options is null");
    expectMessage(() -> solver.solve(a, new double[4], options), "b has length 4", "5x5");
    expectMessage(() -> solver.solve(a, new double[] {1, 2, Double.NaN, 4, 5}, options),
        "b[2] = NaN");
    expectMessage(() -> solver.solve(a, new double[] {1, 2, 3, Double.NEGATIVE_INFINITY, 5},
        options), "b[3] = -Infinity");
    expectMessage(() -> solver.solve(a, p.b, options.withWarmStart(new double[3])),
        "x0 has length 3", "5x5");
    expectMessage(() -> options.withDamping(-0.5), "rho", "-0.5");
    expectMessage(() -> options.withDamping(Double.NaN), "rho", "NaN");
    expectMessage(() -> options.withMaxIterations(-1), "maxIterations (K)", "-1");
    expectMessage(() -> options.withBudget(-2), "SolverOptions: budget (K)", "-2");
    expectMessage(() -> options.withTolerance(-1e-3), "tolerance", "-0.001");
    if (needsSymmetry()) {
      expectMessage(() -> solver.solve(TestOperators.unsymmetric(a), p.b, options),
          "not symmetric");
    } else {
      IhvpResult result = solver.solve(TestOperators.unsymmetric(a), p.b, options.withTolerance(1e-6));
      assertTrue(result.status() != Status.BREAKDOWN, result.detail());
    }
  }

  static void expectMessage(Executable call, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    for (String fragment : fragments) {
      if (!e.getMessage().contains(fragment)) {
        fail("message \"" + e.getMessage() + "\" does not name \"" + fragment + "\"");
      }
    }
  }

  /** A runnable that may throw, for {@link #expectMessage}. */
  @FunctionalInterface
  interface Executable {
    void run() throws Throwable;
  }

  @Test
  void leavesItsInputsAloneAndReturnsANewArray() {
    Case c = typicalCase();
    double[] b = c.rhs().clone();
    double[] x0 = new double[c.problem().n];
    x0[0] = 0.25;
    double[] x0Copy = x0.clone();
    IhvpResult result = solverFor(c.problem()).solve(c.problem().operator(), b,
        c.options().withWarmStart(x0));
    assertArrayEquals(c.rhs(), b);
    assertArrayEquals(x0Copy, x0);
    assertNotSame(b, result.x());
    assertNotSame(x0, result.x());
  }

  @Test
  void observerSeesIncreasingIterationsAndFiniteResiduals() {
    Case c = typicalCase();
    List<Integer> iterations = new ArrayList<>();
    IhvpResult result = solverFor(c.problem()).solve(c.problem().operator(), c.rhs(),
        c.options().withObserver((k, r) -> {
          assertTrue(Double.isFinite(r) && r >= 0, "residual " + r);
          iterations.add(k);
        }));
    for (int i = 0; i < iterations.size(); i++) {
      assertTrue(iterations.get(i) >= 1 && (i == 0 || iterations.get(i) > iterations.get(i - 1)),
          "iterations " + iterations);
    }
    assertTrue(iterations.size() <= result.iterations() + 1, "observed " + iterations.size()
        + " iterations of " + result.iterations());
  }

  @Test
  void warmStartAtTheSolutionStaysThere() {
    Case c = typicalCase();
    double[] reference = reference(c);
    IhvpResult result = solverFor(c.problem()).solve(c.problem().operator(), c.rhs(),
        c.options().withWarmStart(reference));
    assertEquals(Status.CONVERGED, result.status(), result.detail());
    assertTrue(TestProblem.relativeError(result.x(), reference) <= c.maxError());
  }

  @Test
  void nanFromTheOperatorEndsTheSolveAsDiverged() {
    Case c = typicalCase();
    for (int good : new int[] {0, 3}) {
      IhvpResult result = solverFor(c.problem()).solve(
          TestOperators.poisoned(c.problem().operator(), good), c.rhs(), c.options());
      assertEquals(Status.DIVERGED, result.status(), "after " + good + " good products: "
          + result.detail());
    }
  }
}
