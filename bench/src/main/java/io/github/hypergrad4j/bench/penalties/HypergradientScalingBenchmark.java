package io.github.hypergrad4j.bench.penalties;

import io.github.hypergrad4j.autodiff.HessianVectorProduct;
import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import io.github.hypergrad4j.bilevel.HypergradientResult;
import io.github.hypergrad4j.bilevel.ImplicitHypergradient;
import io.github.hypergrad4j.ihvp.ConjugateGradient;
import io.github.hypergrad4j.ihvp.SolverOptions;
import java.util.SplittableRandom;
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
 * Time of one implicit hypergradient against the number of hyperparameters, at a fixed CG budget:
 * a {@link PenaltyMlp} w–w–10 (tanh, one penalty per weight: w² + 10w penalties) for w = 27, 95,
 * 311, 995, i.e. 999, 9,975, 99,831 and 999,975 hyperparameters, on a fixed batch of n = 100
 * synthetic examples (Gaussian features, labels from a seeded random linear rule; seed 3) at θ₀
 * and λ = 10⁻³ on every weight.
 *
 * <p>{@link #hypergradient}: IFT with {@link ConjugateGradient} on (H + ρI)p = ∇_θ g, ρ = 1 (θ₀ is
 * no minimum: H is indefinite there, and with less damping CG would stop at negative curvature
 * before it spent its budget; the benchmark measures cost, not accuracy), a
 * fixed budget of 10 iterations (no early stop), from p = 0: 10 products with H, one more sweep
 * for the true residual that also gives the mixed term ∇²_λθ f·p, one gradient of g. {@link #hvp}:
 * one Hessian-vector product H·v, the unit of cost. The ratio hypergradient / hvp stays near 11
 * whatever the number of hyperparameters: the hypergradient grows with the cost of the products,
 * and never forms anything of size (parameters × hyperparameters).
 *
 * <p>One fork per size, one thread, 2 warm-up and 3 measured iterations of 1 s (average time).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dhypergrad4j.linalg.threads=1", "-Xmx2g"})
public class HypergradientScalingBenchmark {

  /** The CG budget. */
  static final int CG_BUDGET = 10;

  /** The damping ρ. */
  static final double DAMPING = 1;

  /** Input and hidden width w: w² + 10w penalties. */
  @Param({"27", "95", "311", "995"})
  public int width;

  /** Examples in the fixed batch. */
  @Param({"100"})
  public int n;

  private BilevelProblem problem;
  private double[] theta;
  private double[] lambda;
  private double[] v;
  private double[] out;
  private ImplicitHypergradient method;
  private HessianVectorProduct hessian;

  @Setup
  public void setUp() {
    PenaltyMlp model = model(width, n, 3);
    theta = model.initialTheta(3);
    lambda = model.uniformPenalty(1e-3);
    problem = model.problem(theta, lambda);
    method = ImplicitHypergradient.builder(new ConjugateGradient())
        .solverOptions(SolverOptions.budget(CG_BUDGET).withDamping(DAMPING)).build();
    hessian = new HessianVectorProduct(in -> problem.inner().apply(in[0], in[1], null),
        new double[][] {theta, lambda}, 0);
    SplittableRandom r = new SplittableRandom(4);
    v = new double[theta.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextDouble(-1, 1);
    }
    out = new double[theta.length];
  }

  /** The w–w–10 network on n synthetic examples (the same set trains and validates). */
  static PenaltyMlp model(int width, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int classes = 10;
    double[] x = new double[n * width];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextDouble(-1, 1);
    }
    double[] rule = new double[width * classes];
    for (int i = 0; i < rule.length; i++) {
      rule[i] = r.nextDouble(-1, 1);
    }
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      int best = 0;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        double s = 0;
        for (int j = 0; j < width; j++) {
          s += x[i * width + j] * rule[j * classes + c];
        }
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      y[i] = best;
    }
    Dataset data = new Dataset("synthetic " + n + "x" + width, x, n, width, y, null, classes);
    return new PenaltyMlp(data, data, width);
  }

  /** One hypergradient: 10 CG products, one sweep for the residual and the mixed term, ∇g. */
  @Benchmark
  public HypergradientResult hypergradient() {
    return method.compute(problem, theta, lambda);
  }

  /** One Hessian-vector product. */
  @Benchmark
  public double[] hvp() {
    hessian.apply(v, out);
    return out;
  }
}
