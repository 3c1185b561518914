package io.github.hypergrad4j.bench.distill;

import io.github.hypergrad4j.bench.data.Dataset;
import io.github.hypergrad4j.bench.data.Sampling;
import java.util.ArrayList;
import java.util.List;

/**
 * k real images of each class drawn at random: the random-real baseline, and the distilled
 * images' starting point (its draw 0). Draw r takes, for each class c in turn, the first k of a
 * {@link Sampling#permutation} of that class's examples (in data order) with the seed
 * {@code seed + 1000·r + c}; the result lists class 0's k images first, then class 1's, … (the
 * layout of the synthetic set). Cost O(n) per draw.
 */
public final class RealSubsets {

  private RealSubsets() {}

  /**
   * Throws unless every class has at least k examples.
   *
   * @throws IllegalArgumentException "RealSubsets: class C has N examples in NAME, fewer than k = K"
   */
  public static void checkEnough(Dataset data, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("RealSubsets: k must be at least 1, got " + k);
    }
    List<List<Integer>> members = members(data);
    for (int c = 0; c < members.size(); c++) {
      if (members.get(c).size() < k) {
        throw new IllegalArgumentException("RealSubsets: class " + c + " has " + members.get(c).size()
            + " examples in " + data.name() + ", fewer than k = " + k + " per class");
      }
    }
  }

  /**
   * Draw {@code r} of k images per class, as row indices of {@code data} (class-major).
   *
   * @throws IllegalArgumentException if k &lt; 1, r &lt; 0 or a class has fewer than k examples
   */
  public static int[] draw(Dataset data, int k, int r, long seed) {
    checkEnough(data, k);
    if (r < 0) {
      throw new IllegalArgumentException("RealSubsets.draw: r must be at least 0, got " + r);
    }
    List<List<Integer>> members = members(data);
    int[] rows = new int[members.size() * k];
    for (int c = 0; c < members.size(); c++) {
      List<Integer> m = members.get(c);
      int[] pick = Sampling.draw(m.size(), k, seed + 1000L * r + c);
      for (int j = 0; j < k; j++) {
        rows[c * k + j] = m.get(pick[j]);
      }
    }
    return rows;
  }

  /** Each class's row indices, in data order. */
  static List<List<Integer>> members(Dataset data) {
    List<List<Integer>> members = new ArrayList<>();
    for (int c = 0; c < data.classes(); c++) {
      members.add(new ArrayList<>());
    }
    for (int i = 0; i < data.rows(); i++) {
      members.get(data.labels()[i]).add(i);
    }
    return members;
  }
}
