package io.github.hypergrad4j.bench.autodiff;

import io.github.hypergrad4j.autodiff.Derivatives;
import io.github.hypergrad4j.autodiff.RecordedHessian;
import io.github.hypergrad4j.autodiff.Shape;
import io.github.hypergrad4j.autodiff.Tape;
import io.github.hypergrad4j.autodiff.Tensor;
import io.github.hypergrad4j.autodiff.TensorFunction;
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
 * A one-hidden-layer tanh MLP with softmax cross-entropy over 10 classes, n = 1000 examples,
 * input width = hidden width = w, and one L2 penalty per layer as the hyperparameters: w = 30,
 * 316, 1000 give 1.2·10³, 1.0·10⁵ and 1.0·10⁶ parameters. θ is one flat vector sliced into W1,
 * b1, W2, b2. Loss, gradient (θ and λ) and Hessian-vector product in θ, one thread. PyTorch 1.13
 * (one thread, float64, this CPU) takes 49 / 94 / 188 ms at 10⁶ parameters.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dhypergrad4j.linalg.threads=1", "-Xmx4g"})
public class MlpBenchmark {

  @Param({"30", "316", "1000"})
  public int width;

  public int n = 1000;
  public int classes = 10;

  private double[] theta;
  private double[] lambda;
  private double[] v;
  private TensorFunction f;
  private RecordedHessian recorded;
  private double[] product;

  @Setup
  public void setUp() {
    Random r = new Random(2);
    int d = width;
    int h = width;
    int c = classes;
    double[] features = new double[n * d];
    for (int i = 0; i < features.length; i++) {
      features[i] = r.nextGaussian();
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = r.nextInt(c);
    }
    int p = d * h + h + h * c + c;
    theta = new double[p];
    v = new double[p];
    for (int k = 0; k < p; k++) {
      theta[k] = r.nextGaussian() / Math.sqrt(d);
      v[k] = r.nextGaussian();
    }
    lambda = new double[] {1e-3, 1e-3};
    int rows = n;
    f = in -> {
      Tensor th = in[0];
      Tensor lam = in[1];
      Tape tape = th.tape();
      Tensor x = tape.constant(features, Shape.matrix(rows, d));
      int o = 0;
      Tensor w1 = th.slice(o, o += d * h).reshape(d, h);
      Tensor b1 = th.slice(o, o += h);
      Tensor w2 = th.slice(o, o += h * c).reshape(h, c);
      Tensor b2 = th.slice(o, o + c);
      Tensor logits = x.matmul(w1).add(b1).tanh().matmul(w2).add(b2);
      Tensor penalty = lam.slice(0, 1).mul(w1.squaredNorm()).add(lam.slice(1, 2).mul(w2.squaredNorm()));
      return logits.softmaxCrossEntropy(labels).add(penalty.scale(0.5).sum());
    };
    recorded = new RecordedHessian(f, new double[][] {theta, lambda}, 0);
    product = new double[theta.length];
    recorded.apply(v, product); // the recording; every benchmarked call is a replay
  }

  /** Parameters of the network (for the report). */
  public int parameters() {
    return theta.length;
  }

  @Benchmark
  public double loss() {
    return Derivatives.value(f, theta, lambda);
  }

  @Benchmark
  public double[][] gradient() {
    return Derivatives.gradient(f, theta, lambda);
  }

  @Benchmark
  public double[] hvp() {
    return Derivatives.hvp(f, new double[][] {theta, lambda}, 0, v);
  }

  /**
   * The same product replayed on a tape recorded once in the setup ({@link RecordedHessian}), as
   * an IFT solve's products after the first: the tangent halves of the rules only.
   */
  @Benchmark
  public double[] replayedHvp() {
    recorded.apply(v, product);
    return product;
  }
}
