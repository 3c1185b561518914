package io.github.hypergrad4j.bench.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bilevel.BilevelProblem;
import org.junit.jupiter.api.Test;

/** The schedule experiment's network against hand computations, and its argument checks. */
class TanhMlpTest {

  /** Four examples of two features in three classes. */
  private static final Dataset DATA = new Dataset("tiny", new double[] {1, 0, 0, 1, -1, 0, 0, -1}, 4, 2,
      new int[] {0, 1, 2, 1}, null, 3);

  @Test
  void sizesGroupsAndInitialisation() {
    TanhMlp mlp = new TanhMlp(DATA, DATA, 5);
    assertEquals(2 * 5 + 5 + 5 * 3 + 3, mlp.parameters());
    assertEquals("2-5-3", mlp.architecture());
    assertEquals(2, mlp.layers().count());
    assertEquals(0, mlp.layers().groupOf(2 * 5 + 4), "b1 is in the first layer's group");
    assertEquals(1, mlp.layers().groupOf(2 * 5 + 5), "W2 starts the second");
    double[] theta = mlp.initialTheta(3);
    for (int i = 2 * 5; i < 2 * 5 + 5; i++) {
      assertEquals(0.0, theta[i], "b1 starts at 0");
    }
    double sum = 0;
    for (int i = 0; i < 10; i++) {
      sum += theta[i] * theta[i];
    }
    assertTrue(sum > 0, "W1 is drawn");
  }

  @Test
  void lossAndAccuracyMatchAHandComputation() {
    TanhMlp mlp = new TanhMlp(DATA, DATA, 1);
    // W1 = [1, 0] (h = tanh(x1)), b1 = 0, W2 = [a, 0, -a] (logits a h, 0, -a h), b2 = 0
    double a = 3;
    double[] theta = {1, 0, 0, a, 0, -a, 0, 0, 0};
    double h = Math.tanh(1);
    double[][] logits = {{a * h, 0, -a * h}, {0, 0, 0}, {-a * h, 0, a * h}, {0, 0, 0}};
    int[] labels = {0, 1, 2, 1};
    double expected = 0;
    for (int i = 0; i < 4; i++) {
      double z = Math.log(Math.exp(logits[i][0]) + Math.exp(logits[i][1]) + Math.exp(logits[i][2]));
      expected += (z - logits[i][labels[i]]) / 4;
    }
    assertEquals(expected, mlp.loss(theta, DATA), 1e-14);
    // examples 0 and 2 are right; 1 and 3 tie at 0 and go to class 0, wrong
    assertEquals(0.5, mlp.accuracy(theta, DATA), 0.0);
    BilevelProblem p = mlp.problem(theta);
    assertEquals(expected, p.outerValue(theta, p.initialLambda()), 1e-14);
    assertEquals(4, p.trainingExamples());
  }

  @Test
  void badArgumentsAreRefused() {
    IllegalArgumentExceptionAssert.assertMessage(() -> new TanhMlp(DATA, DATA, 0),
        "TanhMlp: the hidden width must be >= 1, got 0");
    Dataset other = new Dataset("other", new double[] {1, 2, 3}, 1, 3, new int[] {0}, null, 3);
    IllegalArgumentExceptionAssert.assertMessage(() -> new TanhMlp(DATA, other, 2),
        "TanhMlp: the training set has 2 features and 3 classes, the validation set 3 and 3");
    TanhMlp mlp = new TanhMlp(DATA, DATA, 2);
    IllegalArgumentExceptionAssert.assertMessage(() -> mlp.loss(new double[3], DATA),
        "TanhMlp: theta has 3 entries, the 2-2-3 network has 15");
  }
}
