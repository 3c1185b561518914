package io.github.hypergrad4j.bench.ihvp;

import io.github.hypergrad4j.ihvp.ConjugateGradient;
import io.github.hypergrad4j.ihvp.FixedPointIteration;
import io.github.hypergrad4j.ihvp.IhvpResult;
import io.github.hypergrad4j.ihvp.IhvpSolver;
import io.github.hypergrad4j.ihvp.Minres;
import io.github.hypergrad4j.ihvp.NeumannSeries;
import io.github.hypergrad4j.ihvp.NystromPreconditionedCg;
import io.github.hypergrad4j.ihvp.NystromSolver;
import io.github.hypergrad4j.ihvp.PowerIteration;
import io.github.hypergrad4j.ihvp.SolverOptions;
import io.github.hypergrad4j.linalg.DenseMatrixOperator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per solve of A·x = b to relative residual 10⁻⁸ against n (100, 1000, 4000) for a dense
 * SPD operator: A = W + 3I with W symmetric, W_ij ~ N(0, 1/n) (a Wigner matrix: its eigenvalues
 * fill [−2, 2] as n grows, so A's fill about [1, 5], κ ≈ 5 at every n), built in O(n²) from a
 * seed. Each product is one dense matrix-vector product (2n² flops, 8n² bytes of A: 128 MB at n
 * = 4000), so the times are about (products) × (one gemv); {@link SolveCounters#applications}
 * reports the products. The exact solver, which needs n products and an n³ factorisation, is in
 * {@link ExactSolveBenchmark}. Fixed-point iteration uses η = 1/λ̂ from a power iteration made
 * once at set-up (not timed); the Nyström solver is a sketch-and-solve approximation (k = 50),
 * timed for its cost, not its accuracy.
 *
 * <p>18 configurations (6 solvers × 3 sizes), each one fork with 2 warm-up and 3 measurement
 * iterations of 1 s: about 2–3 minutes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SolveTimeBenchmark {

  @Param({"100", "1000", "4000"})
  public int n;

  private DenseMatrixOperator operator;
  private double[] b;
  private SolverOptions options;
  private IhvpSolver fixedPoint;

  /** W + 3I with W Wigner (see the class comment), exactly symmetric; and a Gaussian b. */
  static DenseMatrixOperator shiftedWigner(int n, Random random) {
    double[] a = new double[n * n];
    double scale = 1 / Math.sqrt(n);
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double v = random.nextGaussian() * scale;
        a[i * n + j] = v;
        a[j * n + i] = v;
      }
      a[i * n + i] += 3;
    }
    return new DenseMatrixOperator(a, n);
  }

  @Setup
  public void setUp() {
    Random random = new Random(11);
    operator = shiftedWigner(n, random);
    b = new double[n];
    for (int i = 0; i < n; i++) {
      b[i] = random.nextGaussian();
    }
    options = SolverOptions.defaults().withTolerance(1e-8).withSeed(3);
    double lambda = PowerIteration.largestEigenvalue(operator, 50, 1e-3, 5).largest();
    fixedPoint = new FixedPointIteration(1 / lambda);
  }


  @Benchmark
  public IhvpResult conjugateGradient(SolveCounters counters) {
    return counters.record(new ConjugateGradient().solve(operator, b, options));
  }

  @Benchmark
  public IhvpResult minres(SolveCounters counters) {
    return counters.record(new Minres().solve(operator, b, options));
  }

  @Benchmark
  public IhvpResult neumannAutomatic(SolveCounters counters) {
    return counters.record(NeumannSeries.automatic().solve(operator, b, options));
  }

  @Benchmark
  public IhvpResult fixedPoint(SolveCounters counters) {
    return counters.record(fixedPoint.solve(operator, b, options));
  }

  @Benchmark
  public IhvpResult nystromPcg(SolveCounters counters) {
    return counters.record(new NystromPreconditionedCg(20).solve(operator, b, options));
  }

  @Benchmark
  public IhvpResult nystromGaussian(SolveCounters counters) {
    return counters.record(NystromSolver.gaussian(50).solve(operator, b, options));
  }
}
