package io.github.hypergrad4j.bench.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.autodiff.Derivatives;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sinusoid tasks and the MLP against hand-written references. */
class SinusoidTest {

  @Test
  void tasksFollowFinnEtAlsDistribution() {
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 200; i++) {
      SinusoidTask t = SinusoidTask.sample(random, 5, 7);
      assertTrue(t.amplitude() >= 0.1 && t.amplitude() <= 5.0, "amplitude " + t.amplitude());
      assertTrue(t.phase() >= 0 && t.phase() <= Math.PI, "phase " + t.phase());
      assertEquals(5, t.trainX().length);
      assertEquals(7, t.testY().length);
      for (int j = 0; j < 5; j++) {
        assertTrue(Math.abs(t.trainX()[j]) <= 5.0);
        assertEquals(t.amplitude() * Math.sin(t.trainX()[j] - t.phase()), t.trainY()[j], 0.0);
      }
    }
  }

  /** The tape's forward pass against plain loops over the documented layout of θ. */
  @Test
  void theMlpIs1To40To40To1WithRelu() {
    assertEquals(1761, SinusoidMlp.SIZE);
    double[] theta = SinusoidMlp.initial(new SplittableRandom(1));
    double[] x = {-4.2, -0.3, 0.0, 2.5, 4.9};
    double[] got = SinusoidMlp.predict(theta, x);
    int h = 40;
    for (int n = 0; n < x.length; n++) {
      double[] h1 = new double[h];
      for (int j = 0; j < h; j++) {
        h1[j] = Math.max(0, x[n] * theta[j] + theta[h + j]);
      }
      double out = theta[1760];
      for (int k = 0; k < h; k++) {
        double a = theta[2 * h + h * h + k];
        for (int j = 0; j < h; j++) {
          a += h1[j] * theta[2 * h + j * h + k];
        }
        out += Math.max(0, a) * theta[2 * h + h * h + h + k];
      }
      assertEquals(out, got[n], 1e-12);
    }
  }

  /** The evaluation adapts by plain gradient descent and scores the query MSE. */
  @Test
  void evaluationScoresTheAdaptedModelOnTheQueries() {
    double[] phi = SinusoidMlp.initial(new SplittableRandom(2));
    List<SinusoidTask> tasks = MetaExperiment.evaluationTasks(4, 3, 5, 20);
    List<MetaExperiment.Score> scores = MetaExperiment.evaluate(phi, tasks, 0.01, null);
    double[] tenSteps = new double[3];
    for (int i = 0; i < 3; i++) {
      SinusoidTask t = tasks.get(i);
      double[] theta = phi.clone();
      for (int s = 0; s < 10; s++) {
        double[] g = Derivatives.gradient(SinusoidMlp.loss(t.trainX(), t.trainY()), theta)[0];
        for (int j = 0; j < theta.length; j++) {
          theta[j] -= 0.01 * g[j];
        }
      }
      double[] p = SinusoidMlp.predict(theta, t.testX());
      for (int j = 0; j < p.length; j++) {
        tenSteps[i] += (p[j] - t.testY()[j]) * (p[j] - t.testY()[j]) / p.length;
      }
    }
    double mean = (tenSteps[0] + tenSteps[1] + tenSteps[2]) / 3;
    double sd = 0;
    for (double v : tenSteps) {
      sd += (v - mean) * (v - mean) / 2;
    }
    assertEquals(10, scores.get(2).steps());
    assertEquals(mean, scores.get(2).mean(), 1e-12 * mean);
    assertEquals(1.96 * Math.sqrt(sd / 3), scores.get(2).halfWidth(), 1e-9 * mean);
  }
}
