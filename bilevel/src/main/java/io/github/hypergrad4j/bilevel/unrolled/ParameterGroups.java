package io.github.hypergrad4j.bilevel.unrolled;

import io.github.hypergrad4j.linalg.Kernels;
import java.util.Arrays;

/**
 * Which group each parameter θ_i belongs to, so that a {@link Schedule} can give each group (for
 * example each layer) its own learning rate or momentum. Groups are numbered 0 … count − 1; every
 * group must own at least one parameter. Stored as runs of consecutive indices of one group, so
 * that per-group work runs on contiguous slices ({@link Kernels#dot}, {@link Kernels#fill}).
 *
 * <p>Immutable.
 */
public final class ParameterGroups {

  private final int size;
  private final int count;
  private final int[] runStart;
  private final int[] runEnd;
  private final int[] runGroup;

  private ParameterGroups(int count, int[] groupOf) {
    this.size = groupOf.length;
    this.count = count;
    int[] start = new int[size];
    int[] end = new int[size];
    int[] group = new int[size];
    boolean[] seen = new boolean[count];
    int runs = 0;
    for (int i = 0; i < size; i++) {
      int g = groupOf[i];
      if (g < 0 || g >= count) {
        throw new IllegalArgumentException("ParameterGroups: parameter " + i + " is in group " + g
            + ", outside 0.." + (count - 1));
      }
      seen[g] = true;
      if (runs > 0 && group[runs - 1] == g) {
        end[runs - 1] = i + 1;
      } else {
        start[runs] = i;
        end[runs] = i + 1;
        group[runs] = g;
        runs++;
      }
    }
    for (int g = 0; g < count; g++) {
      if (!seen[g]) {
        throw new IllegalArgumentException("ParameterGroups: group " + g + " of " + count + " has no parameter");
      }
    }
    this.runStart = Arrays.copyOf(start, runs);
    this.runEnd = Arrays.copyOf(end, runs);
    this.runGroup = Arrays.copyOf(group, runs);
  }

  /** Every one of {@code size} parameters in one group. */
  public static ParameterGroups single(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("ParameterGroups: size must be >= 1, got " + size);
    }
    return new ParameterGroups(1, new int[size]);
  }

  /**
   * Consecutive index ranges: group 0 is the first {@code sizes[0]} parameters, group 1 the next
   * {@code sizes[1]}, and so on (for example the weights and bias of each layer, in θ's order).
   */
  public static ParameterGroups contiguous(int... sizes) {
    if (sizes == null || sizes.length == 0) {
      throw new IllegalArgumentException("ParameterGroups: contiguous needs at least one group size");
    }
    long total = 0;
    for (int k = 0; k < sizes.length; k++) {
      if (sizes[k] < 1) {
        throw new IllegalArgumentException("ParameterGroups: group " + k + " has size " + sizes[k] + ", must be >= 1");
      }
      total += sizes[k];
    }
    if (total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("ParameterGroups: the group sizes add up to " + total);
    }
    int[] groupOf = new int[(int) total];
    int at = 0;
    for (int k = 0; k < sizes.length; k++) {
      Arrays.fill(groupOf, at, at + sizes[k], k);
      at += sizes[k];
    }
    return new ParameterGroups(sizes.length, groupOf);
  }

  /** Any assignment: parameter i is in group {@code groupOf[i]}, of {@code count} groups. */
  public static ParameterGroups of(int count, int[] groupOf) {
    if (count < 1) {
      throw new IllegalArgumentException("ParameterGroups: count must be >= 1, got " + count);
    }
    if (groupOf == null || groupOf.length == 0) {
      throw new IllegalArgumentException("ParameterGroups: groupOf must list at least one parameter");
    }
    return new ParameterGroups(count, groupOf.clone());
  }

  /** The number of parameters covered (the length of θ). */
  public int size() {
    return size;
  }

  /** The number of groups. */
  public int count() {
    return count;
  }

  /** The group of parameter i. */
  public int groupOf(int i) {
    if (i < 0 || i >= size) {
      throw new IllegalArgumentException("ParameterGroups: parameter " + i + " is outside 0.." + (size - 1));
    }
    for (int r = 0; r < runStart.length; r++) {
      if (i < runEnd[r]) {
        return runGroup[r];
      }
    }
    throw new AssertionError("unreachable");
  }

  /** out[i] = perGroup[offset + group(i)] for every parameter i. */
  void expand(double[] perGroup, int offset, double[] out) {
    for (int r = 0; r < runStart.length; r++) {
      Kernels.fill(runEnd[r] - runStart[r], perGroup[offset + runGroup[r]], out, runStart[r]);
    }
  }

  /** out[offset + k] += scale·Σ_{i in group k} a_i b_i for every group k. */
  void addGroupDots(double scale, double[] a, double[] b, double[] out, int offset) {
    for (int r = 0; r < runStart.length; r++) {
      int n = runEnd[r] - runStart[r];
      out[offset + runGroup[r]] += scale * Kernels.dot(n, a, runStart[r], b, runStart[r]);
    }
  }

  @Override
  public String toString() {
    return "ParameterGroups(" + size + " parameters in " + count + " groups)";
  }
}
