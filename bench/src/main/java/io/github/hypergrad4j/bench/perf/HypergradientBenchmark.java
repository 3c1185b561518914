package io.github.hypergrad4j.bench.perf;

import io.github.hypergrad4j.bilevel.HypergradientResult;
import io.github.hypergrad4j.bilevel.ImplicitHypergradient;
import io.github.hypergrad4j.ihvp.ConjugateGradient;
import io.github.hypergrad4j.ihvp.SolverOptions;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * One implicit (IFT) hypergradient end to end, as the last row measures it: ∇g, CG with a
 * fixed budget of K = 20 from p = 0, the mixed term, on {@link LogisticWorkload} with n = 2000
 * training rows and d = 500, 2000, 10⁴ features (X is 8, 32, 160 MB). Each call spends 1
 * gradient of g and 21 Hessian-vector products of f (20 CG products, 1 for p's true residual
 * that also gives the mixed term): 2 full forward-over-reverse sweeps (the first CG product,
 * which records f, and the true residual's) and 19 replays of the recorded tangent halves. One
 * thread (the harness {@code bench/perf/compare.sh} reruns
 * it with two). The PyTorch side is the same algorithm in {@code bench/perf/torch_side.py}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dhypergrad4j.linalg.threads=1", "-Xmx4g"})
public class HypergradientBenchmark {

  /** The CG budget. */
  static final int K = 20;

  /** Training rows. */
  static final int N = 2000;

  @Param({"500", "2000", "10000"})
  public int d;

  private LogisticWorkload workload;
  private ImplicitHypergradient method;

  @Setup
  public void setUp() {
    workload = new LogisticWorkload(N, d);
    method = method();
  }

  /** The method measured: CG, budget {@link #K}, no damping, exact Hessian. */
  static ImplicitHypergradient method() {
    return ImplicitHypergradient.builder(new ConjugateGradient())
        .solverOptions(SolverOptions.defaults().withBudget(K)).build();
  }

  @Benchmark
  public void hypergradient(Blackhole bh) {
    HypergradientResult r = method.compute(workload.problem, workload.theta, workload.lambda);
    bh.consume(r.hypergradient());
  }
}
