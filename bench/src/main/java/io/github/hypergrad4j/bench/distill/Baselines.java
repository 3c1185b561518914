package io.github.hypergrad4j.bench.distill;

import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bilevel.InnerResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The test accuracy of the same model ({@link SoftmaxRegression}, same μ, trained from θ = 0 to
 * the same tolerance) trained on the distilled images and on the sets it is compared with: the
 * start of the distillation (draw 0 of the random real images), k random real images per class
 * ({@value #DRAWS} seeded draws, mean ± sample standard deviation), the k class centres ({@link
 * ClassCentroids}: means for k = 1, k-means within each class for k &gt; 1) and the full training
 * part (the ceiling). Cost: {@value #DRAWS} + 3 fits on K·k images and one on the training part.
 */
public final class Baselines {

  /** Draws of the random-real baseline. */
  public static final int DRAWS = 10;

  /** The method names, in the order of {@link #evaluate}'s list. */
  public static final List<String> METHODS = List.of("distilled", "start (random real, draw 1)", "random real",
      "class means", "full training set");

  private Baselines() {}

  /**
   * How the model trained on one kind of set fares.
   *
   * @param method the set's name (one of {@link #METHODS}; "class means" reads "k-means centres" for k &gt; 1)
   * @param images the training images per fit
   * @param runs the fits (draws) averaged
   * @param testAccuracy mean test accuracy
   * @param testAccuracyStd its sample standard deviation over the runs (0 for one run)
   * @param testLoss mean test cross-entropy
   * @param validationLoss mean validation cross-entropy
   * @param trainLoss mean cross-entropy on the real training part (the outer objective)
   * @param notConverged fits that did not reach the tolerance
   * @param worstGradient the largest final ‖∇f‖ of the fits
   */
  public record Evaluation(String method, int images, int runs, double testAccuracy, double testAccuracyStd,
      double testLoss, double validationLoss, double trainLoss, int notConverged, double worstGradient) {}

  /**
   * Evaluates the distilled images and every baseline.
   *
   * @param distilled the distilled images, class-major
   * @param start the distillation's starting images
   * @param centres the class centres ({@link ClassCentroids#of})
   */
  public static List<Evaluation> evaluate(DistillData data, int k, double l2, long seed, double[] distilled,
      double[] start, double[] centres) {
    Dataset train = data.train();
    SoftmaxRegression model = new SoftmaxRegression(train.cols(), train.classes(), l2);
    int[] labels = Distillation.labels(train.classes(), k);
    List<Evaluation> out = new ArrayList<>();
    out.add(evaluation(METHODS.get(0), model, data, List.of(distilled), labels));
    out.add(evaluation(METHODS.get(1), model, data, List.of(start), labels));
    List<double[]> draws = new ArrayList<>();
    for (int r = 0; r < DRAWS; r++) {
      draws.add(train.rows(RealSubsets.draw(train, k, r, seed), "draw").features());
    }
    out.add(evaluation(METHODS.get(2), model, data, draws, labels));
    out.add(evaluation(k == 1 ? METHODS.get(3) : "k-means centres", model, data,
        List.of(centres), labels));
    out.add(evaluation(METHODS.get(4), model, data, List.of(train.features()), train.labels()));
    return out;
  }

  private static Evaluation evaluation(String method, SoftmaxRegression model, DistillData data, List<double[]> sets,
      int[] labels) {
    int runs = sets.size();
    double[] accuracy = new double[runs];
    double testLoss = 0;
    double validationLoss = 0;
    double trainLoss = 0;
    int notConverged = 0;
    double worst = 0;
    for (int r = 0; r < runs; r++) {
      InnerResult fit = model.fit(sets.get(r), labels, new double[model.parameters()]);
      double[] theta = fit.theta();
      notConverged += fit.converged() ? 0 : 1;
      worst = Math.max(worst, fit.gradientNorm());
      accuracy[r] = model.accuracy(theta, data.test());
      testLoss += model.meanLoss(theta, data.test()) / runs;
      validationLoss += model.meanLoss(theta, data.validation()) / runs;
      trainLoss += model.meanLoss(theta, data.train()) / runs;
    }
    double mean = 0;
    for (double a : accuracy) {
      mean += a / runs;
    }
    double var = 0;
    for (double a : accuracy) {
      var += (a - mean) * (a - mean);
    }
    double std = runs > 1 ? Math.sqrt(var / (runs - 1)) : 0;
    return new Evaluation(method, labels.length, runs, mean, std, testLoss, validationLoss, trainLoss, notConverged,
        worst);
  }
}
