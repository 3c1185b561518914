package io.github.hypergrad4j.bench.meta;

import io.github.hypergrad4j.bilevel.StepRule;
import io.github.hypergrad4j.bilevel.meta.Adaptation;
import io.github.hypergrad4j.bilevel.meta.MetaGradient;
import io.github.hypergrad4j.bilevel.meta.MetaLearner;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The sinusoid benchmark for one meta-learner: meta-train φ (from a seeded random θ₀, Adam on φ,
 * batches of tasks with K support and K query points, for at most the step limit or the time
 * budget), then evaluate on fresh tasks never seen in training: from φ, adapt by 0, 1 and 10 steps
 * of gradient descent of size α on each task's K support points, and measure the MSE on its query
 * points (mean and 95 % interval, 1.96·sd/√n).
 */
public final class MetaExperiment {

  /** The adaptation steps evaluated. */
  public static final int[] EVALUATED_STEPS = {0, 1, 10};

  /** The seed offset of the evaluation tasks (disjoint from the training stream's generator). */
  private static final long EVALUATION_SEED = 0x5EEDL;

  private MetaExperiment() {}

  /**
   * The settings of a run.
   *
   * @param method the meta-learner
   * @param shots K, support points per task
   * @param innerSteps inner steps in meta-training
   * @param innerLearningRate α, in meta-training and in evaluation
   * @param lambda iMAML's proximal strength
   * @param cgBudget iMAML's CG iterations
   * @param batchSize tasks per outer step
   * @param outerLearningRate Adam's step on φ
   * @param maxSteps the outer step limit
   * @param timeBudgetNanos the meta-training time budget (0: none)
   * @param evaluationTasks fresh tasks evaluated
   * @param queries query points per evaluation task
   * @param seed the seed of θ₀, the training tasks and the evaluation tasks
   */
  public record Settings(MetaMethod method, int shots, int innerSteps, double innerLearningRate, double lambda,
      int cgBudget, int batchSize, double outerLearningRate, int maxSteps, long timeBudgetNanos,
      int evaluationTasks, int queries, long seed) {}

  /**
   * The MSE after a number of adaptation steps over the evaluation tasks.
   *
   * @param steps adaptation steps
   * @param mean the mean MSE
   * @param halfWidth the 95 % interval's half-width, 1.96·sd/√n
   */
  public record Score(int steps, double mean, double halfWidth) {}

  /**
   * A finished run.
   *
   * @param settings the settings
   * @param methodName the meta-gradient's description
   * @param training the meta-training run
   * @param scores one per entry of {@link #EVALUATED_STEPS}
   */
  public record Outcome(Settings settings, String methodName, MetaLearner.Result training, List<Score> scores) {}

  /** Meta-trains and evaluates; {@code listener} sees every outer step (may be null). */
  public static Outcome run(Settings s, ExecutorService pool, MetaLearner.Listener listener) {
    MetaGradient method = s.method().create(s.innerSteps(), s.innerLearningRate(), s.lambda(), s.cgBudget());
    double[] phi0 = SinusoidMlp.initial(new SplittableRandom(s.seed()));
    MetaLearner learner = new MetaLearner(method, StepRule.adam(s.outerLearningRate()), s.batchSize());
    MetaLearner.Result training = learner.train(SinusoidTask.sampler(s.shots()), phi0, s.maxSteps(),
        s.timeBudgetNanos(), s.seed() + 1, pool, listener);
    List<SinusoidTask> tasks = evaluationTasks(s.seed(), s.evaluationTasks(), s.shots(), s.queries());
    return new Outcome(s, method.name(), training, evaluate(training.phi(), tasks, s.innerLearningRate(), pool));
  }

  /** The evaluation tasks of a seed: the same for every method. */
  public static List<SinusoidTask> evaluationTasks(long seed, int count, int shots, int queries) {
    SplittableRandom random = new SplittableRandom(seed ^ EVALUATION_SEED);
    List<SinusoidTask> tasks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      tasks.add(SinusoidTask.sample(random, shots, queries));
    }
    return tasks;
  }

  /** The scores of φ on the tasks (in parallel on the pool if given; the result does not depend on it). */
  public static List<Score> evaluate(double[] phi, List<SinusoidTask> tasks, double alpha, ExecutorService pool) {
    double[][] mse = new double[tasks.size()][];
    if (pool == null) {
      for (int i = 0; i < mse.length; i++) {
        mse[i] = adaptedErrors(phi, tasks.get(i), alpha);
      }
    } else {
      List<Future<double[]>> futures = new ArrayList<>();
      for (SinusoidTask t : tasks) {
        futures.add(pool.submit(() -> adaptedErrors(phi, t, alpha)));
      }
      for (int i = 0; i < mse.length; i++) {
        try {
          mse[i] = futures.get(i).get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("MetaExperiment: interrupted", e);
        } catch (ExecutionException e) {
          throw new IllegalStateException("MetaExperiment: an evaluation failed: " + e.getCause(), e.getCause());
        }
      }
    }
    List<Score> scores = new ArrayList<>();
    for (int j = 0; j < EVALUATED_STEPS.length; j++) {
      double sum = 0;
      for (double[] m : mse) {
        sum += m[j];
      }
      double mean = sum / mse.length;
      double squares = 0;
      for (double[] m : mse) {
        squares += (m[j] - mean) * (m[j] - mean);
      }
      double sd = mse.length > 1 ? Math.sqrt(squares / (mse.length - 1)) : 0;
      scores.add(new Score(EVALUATED_STEPS[j], mean, 1.96 * sd / Math.sqrt(mse.length)));
    }
    return scores;
  }

  /** The query MSE after each of {@link #EVALUATED_STEPS} adaptation steps from φ. */
  static double[] adaptedErrors(double[] phi, SinusoidTask task, double alpha) {
    double[] out = new double[EVALUATED_STEPS.length];
    double[] theta = phi;
    int done = 0;
    for (int j = 0; j < EVALUATED_STEPS.length; j++) {
      theta = Adaptation.adapt(SinusoidMlp.loss(task.trainX(), task.trainY()), theta, EVALUATED_STEPS[j] - done,
          alpha);
      done = EVALUATED_STEPS[j];
      out[j] = SinusoidMlp.mse(theta, task.testX(), task.testY());
    }
    return out;
  }
}
