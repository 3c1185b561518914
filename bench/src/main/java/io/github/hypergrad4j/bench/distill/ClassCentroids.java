package io.github.hypergrad4j.bench.distill;

import io.github.hypergrad4j.bench.data.Dataset;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The class-means baseline: k centres per class, class-major (class 0's k first). For k = 1 the
 * class means; for k &gt; 1 k-means within each class (Lloyd's algorithm: assign each example to
 * its nearest centre in squared Euclidean distance, move each centre to the mean of its examples,
 * until no assignment changes or {@value #MAX_ITERATIONS} rounds), started by k-means++ (Arthur and
 * Vassilvitskii, "k-means++: the advantages of careful seeding", SODA 2007) with the seed {@code
 * seed + c} for class c. A centre left without examples keeps its place. Cost O(rounds·n·k·p).
 */
public final class ClassCentroids {

  /** The most Lloyd rounds per class. */
  public static final int MAX_ITERATIONS = 100;

  private ClassCentroids() {}

  /**
   * k centres per class of {@code data}, row-major (classes·k) × p.
   *
   * @throws IllegalArgumentException if k &lt; 1 or a class has fewer than k examples
   */
  public static double[] of(Dataset data, int k, long seed) {
    RealSubsets.checkEnough(data, k);
    int p = data.cols();
    List<List<Integer>> members = RealSubsets.members(data);
    double[] centres = new double[members.size() * k * p];
    for (int c = 0; c < members.size(); c++) {
      double[] mine = kMeans(data.features(), p, members.get(c), k, seed + c);
      System.arraycopy(mine, 0, centres, c * k * p, k * p);
    }
    return centres;
  }

  private static double[] kMeans(double[] x, int p, List<Integer> rows, int k, long seed) {
    int n = rows.size();
    int[] assignment = new int[n];
    if (k == 1) {
      return means(x, p, rows, assignment, 1, new double[p]);
    }
    double[] centres = seeds(x, p, rows, k, seed);
    Arrays.fill(assignment, -1);
    for (int round = 0; round < MAX_ITERATIONS; round++) {
      boolean changed = false;
      for (int i = 0; i < n; i++) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int j = 0; j < k; j++) {
          double d = distance(x, rows.get(i) * p, centres, j * p, p);
          if (d < bestDistance) {
            bestDistance = d;
            best = j;
          }
        }
        changed |= assignment[i] != best;
        assignment[i] = best;
      }
      if (!changed) {
        break;
      }
      centres = means(x, p, rows, assignment, k, centres);
    }
    return centres;
  }

  /** k-means++: the first centre uniform, each next one drawn with probability ∝ its squared distance. */
  private static double[] seeds(double[] x, int p, List<Integer> rows, int k, long seed) {
    int n = rows.size();
    double[] centres = new double[k * p];
    SplittableRandom random = new SplittableRandom(seed);
    double[] nearest = new double[n];
    Arrays.fill(nearest, Double.POSITIVE_INFINITY);
    int pick = random.nextInt(n);
    for (int j = 0; j < k; j++) {
      System.arraycopy(x, rows.get(pick) * p, centres, j * p, p);
      double total = 0;
      for (int i = 0; i < n; i++) {
        nearest[i] = Math.min(nearest[i], distance(x, rows.get(i) * p, centres, j * p, p));
        total += nearest[i];
      }
      double u = random.nextDouble() * total;
      pick = n - 1;
      for (int i = 0; i < n; i++) {
        u -= nearest[i];
        if (u < 0) {
          pick = i;
          break;
        }
      }
    }
    return centres;
  }

  /** The mean of each centre's examples; a centre without examples keeps its value in {@code previous}. */
  private static double[] means(double[] x, int p, List<Integer> rows, int[] assignment, int k, double[] previous) {
    double[] sums = new double[k * p];
    int[] counts = new int[k];
    for (int i = 0; i < rows.size(); i++) {
      int j = assignment[i];
      counts[j]++;
      for (int q = 0; q < p; q++) {
        sums[j * p + q] += x[rows.get(i) * p + q];
      }
    }
    double[] centres = previous.clone();
    for (int j = 0; j < k; j++) {
      for (int q = 0; q < p && counts[j] > 0; q++) {
        centres[j * p + q] = sums[j * p + q] / counts[j];
      }
    }
    return centres;
  }

  private static double distance(double[] x, int from, double[] centres, int at, int p) {
    double s = 0;
    for (int q = 0; q < p; q++) {
      double d = x[from + q] - centres[at + q];
      s += d * d;
    }
    return s;
  }
}
