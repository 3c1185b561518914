package io.github.hypergrad4j.bilevel.meta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bilevel.InnerOptimizer;
import io.github.hypergrad4j.bilevel.InnerStopping;
import io.github.hypergrad4j.bilevel.StepRule;
import io.github.hypergrad4j.ihvp.SolverOptions;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Parallel task batches against sequential ones, the batch mean, and bad input. */
class BatchAndBadInputTest {

  private static final TaskSampler SAMPLER = random -> Fixtures.netTask(random, 6);

  private static List<MetaGradient> methods() {
    return List.of(new Maml(3, 0.1), new FirstOrderMaml(3, 0.1), new Reptile(3, 0.1),
        new Imaml(1.0, InnerOptimizer.gradientDescent(0.1), new InnerStopping(1e-8, 20), SolverOptions.budget(4)));
  }

  @Test
  void parallelBatchesAreBitIdenticalToSequentialOnes() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      TaskBatch batch = TaskBatch.sample(SAMPLER, 7, new SplittableRandom(1));
      double[] phi = Fixtures.randomVector(new SplittableRandom(2), Fixtures.NET_SIZE, 0.5);
      for (MetaGradient method : methods()) {
        TaskBatch.Result sequential = batch.metaGradient(method, phi, null);
        TaskBatch.Result parallel = batch.metaGradient(method, phi, pool);
        assertArrayEquals(sequential.gradient(), parallel.gradient(), 0.0, method.name());
        assertEquals(sequential.testLoss(), parallel.testLoss(), 0.0, method.name());
        assertEquals(sequential.hessianVectorProducts(), parallel.hessianVectorProducts(), method.name());
        MetaLearner learner = new MetaLearner(method, StepRule.adam(1e-2), 4);
        MetaLearner.Result a = learner.train(SAMPLER, phi, 3, 0, 9, null, null);
        MetaLearner.Result b = learner.train(SAMPLER, phi, 3, 0, 9, pool, null);
        assertArrayEquals(a.phi(), b.phi(), 0.0, method.name());
        assertArrayEquals(a.batchTestLosses(), b.batchTestLosses(), 0.0, method.name());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theBatchMetaGradientIsTheMeanOfTheMembers() {
    TaskBatch batch = TaskBatch.sample(SAMPLER, 3, new SplittableRandom(4));
    double[] phi = Fixtures.randomVector(new SplittableRandom(5), Fixtures.NET_SIZE, 0.5);
    MetaGradient method = new Maml(2, 0.05);
    TaskBatch.Result r = batch.metaGradient(method, phi, null);
    double[] mean = new double[phi.length];
    for (MetaTask task : batch.tasks()) {
      double[] g = method.compute(task, phi).gradient();
      for (int i = 0; i < mean.length; i++) {
        mean[i] += g[i] / 3;
      }
    }
    assertArrayEquals(mean, r.gradient(), 1e-15);
  }

  @Test
  void metaTrainingLowersThePostAdaptationLoss() {
    double[] phi = Fixtures.randomVector(new SplittableRandom(6), Fixtures.NET_SIZE, 0.5);
    MetaLearner.Result r = new MetaLearner(new Maml(3, 0.1), StepRule.adam(3e-2), 8)
        .train(SAMPLER, phi, 60, 0, 3, null, null);
    double early = mean(r.batchTestLosses(), 0, 10);
    double late = mean(r.batchTestLosses(), 50, 60);
    assertTrue(late < 0.8 * early, "early " + early + ", late " + late);
  }

  private static double mean(double[] v, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += v[i];
    }
    return s / (to - from);
  }

  @Test
  void badInputIsRefusedWithTheRoutineAndTheValue() {
    expect("Maml: the number of inner steps K must be >= 1, got 0", () -> new Maml(0, 0.1));
    expect("FirstOrderMaml: the number of inner steps K must be >= 1, got -1", () -> new FirstOrderMaml(-1, 0.1));
    expect("Reptile: the inner learning rate must be > 0 and finite, got 0.0", () -> new Reptile(1, 0.0));
    expect("Imaml: the proximal strength lambda must be > 0 and finite, got 0.0",
        () -> new Imaml(0.0, InnerOptimizer.lbfgs(), InnerStopping.defaults(), SolverOptions.budget(5)));
    expect("Imaml: the proximal strength lambda must be > 0 and finite, got -1.0",
        () -> new Imaml(-1.0, InnerOptimizer.lbfgs(), InnerStopping.defaults(), SolverOptions.budget(5)));
    expect("TaskBatch: a task batch needs at least one task, got an empty list", () -> new TaskBatch(List.of()));
    expect("TaskBatch: the batch size must be >= 1, got 0",
        () -> TaskBatch.sample(SAMPLER, 0, new SplittableRandom(1)));
    expect("MetaLearner: the task batch size must be >= 1, got 0",
        () -> new MetaLearner(new Maml(1, 0.1), StepRule.adam(0.1), 0));
    expect("Maml: phi must be a non-empty vector, got length 0",
        () -> new Maml(1, 0.1).compute(SAMPLER.sample(new SplittableRandom(1)), new double[0]));
    expect("MetaTask: trainLoss and testLoss must not be null", () -> new MetaTask(null, null));
  }

  private static void expect(String prefix, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
  }
}
