package io.github.hypergrad4j.bench.meta;

import io.github.hypergrad4j.bilevel.meta.MetaTask;
import io.github.hypergrad4j.bilevel.meta.TaskSampler;
import java.util.SplittableRandom;

/**
 * One task of the sinusoid benchmark (Finn, Abbeel and Levine, ICML 2017, §5.1): y = A·sin(x − φ)
 * with the amplitude A uniform in [0.1, 5] and the phase φ uniform in [0, π], the inputs uniform
 * in [−5, 5]; K training (support) points and {@code queries} test points.
 *
 * @param amplitude A
 * @param phase φ
 * @param trainX the K support inputs
 * @param trainY their targets
 * @param testX the query inputs
 * @param testY their targets
 */
public record SinusoidTask(double amplitude, double phase, double[] trainX, double[] trainY, double[] testX,
    double[] testY) {

  /** The smallest amplitude. */
  public static final double MIN_AMPLITUDE = 0.1;
  /** The largest amplitude. */
  public static final double MAX_AMPLITUDE = 5.0;
  /** The largest phase (the smallest is 0). */
  public static final double MAX_PHASE = Math.PI;
  /** The inputs lie in [−INPUT_RANGE, INPUT_RANGE]. */
  public static final double INPUT_RANGE = 5.0;

  /**
   * A task with {@code shots} support points and {@code queries} query points.
   *
   * @throws IllegalArgumentException if shots or queries &lt; 1
   */
  public static SinusoidTask sample(SplittableRandom random, int shots, int queries) {
    if (shots < 1 || queries < 1) {
      throw new IllegalArgumentException("SinusoidTask.sample: shots and queries must be >= 1, got shots = " + shots
          + ", queries = " + queries);
    }
    double amplitude = MIN_AMPLITUDE + (MAX_AMPLITUDE - MIN_AMPLITUDE) * random.nextDouble();
    double phase = MAX_PHASE * random.nextDouble();
    double[] trainX = inputs(random, shots);
    double[] testX = inputs(random, queries);
    return new SinusoidTask(amplitude, phase, trainX, targets(amplitude, phase, trainX), testX,
        targets(amplitude, phase, testX));
  }

  /** The sampler of meta-training: K support and K query points per task, as in Finn et al. */
  public static TaskSampler sampler(int shots) {
    return random -> sample(random, shots, shots).toMetaTask();
  }

  /** The true function at x. */
  public double value(double x) {
    return amplitude * Math.sin(x - phase);
  }

  /** This task for the meta-learners: the MLP's MSE on the support and on the query points. */
  public MetaTask toMetaTask() {
    return new MetaTask(SinusoidMlp.loss(trainX, trainY), SinusoidMlp.loss(testX, testY));
  }

  private static double[] inputs(SplittableRandom random, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = -INPUT_RANGE + 2 * INPUT_RANGE * random.nextDouble();
    }
    return x;
  }

  private static double[] targets(double amplitude, double phase, double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = amplitude * Math.sin(x[i] - phase);
    }
    return y;
  }
}
