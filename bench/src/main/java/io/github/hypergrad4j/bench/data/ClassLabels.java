package io.github.hypergrad4j.bench.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The rule every reader applies to class labels: the classes are numbered 0, 1, …, K−1 without
 * gaps, 2 ≤ K ≤ {@value #MAX_CLASSES}. Labels 1..3 are refused rather than remapped (a phantom
 * class 0 would get weights and penalties of its own), and so is a single class.
 */
public final class ClassLabels {

  /** The most classes a data set may have (labels 0..999); checked before anything is allocated. */
  public static final int MAX_CLASSES = 1000;

  private ClassLabels() {}

  /**
   * The number of classes K of labels whose counts per label value are {@code counts} (length
   * {@link #MAX_CLASSES}), or a {@link DataException} naming {@code source} and the labels seen.
   */
  static int classes(String routine, String source, int[] counts) {
    List<Integer> seen = new ArrayList<>();
    int max = -1;
    for (int label = 0; label < counts.length; label++) {
      if (counts[label] > 0) {
        seen.add(label);
        max = label;
      }
    }
    if (seen.size() == 1) {
      throw new DataException(routine, source + ": has one class only: every example (" + counts[max]
          + ") has label " + max + "; a classification needs at least two classes");
    }
    if (seen.size() < max + 1) {
      List<Integer> missing = new ArrayList<>();
      for (int label = 0; label < max; label++) {
        if (counts[label] == 0) {
          missing.add(label);
        }
      }
      throw new DataException(routine, source + ": the class labels must be 0, 1, ..., K-1 without gaps, but the "
          + "labels seen are " + list(seen) + " (no example of class" + (missing.size() == 1 ? " " : "es ")
          + list(missing) + ")");
    }
    return max + 1;
  }

  /**
   * What is wrong with a label value that is no class number ({@code text} as read), or null when {@code value} is one of 0..{@value #MAX_CLASSES}−1.
   */
  static String invalid(double value, String text) {
    if (value != Math.rint(value) || value < 0) {
      return "label " + Quoted.of(text) + " is not a class number 0, 1, 2, ...";
    }
    if (value >= MAX_CLASSES) {
      return "label " + Quoted.of(text) + " is beyond the largest class number supported, " + (MAX_CLASSES - 1)
          + " (at most " + MAX_CLASSES + " classes)";
    }
    return null;
  }

  private static String list(List<Integer> labels) {
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < Math.min(labels.size(), 20); i++) {
      shown.add(String.valueOf(labels.get(i)));
    }
    if (labels.size() > 20) {
      shown.add("... (" + labels.size() + " in all)");
    }
    return String.join(", ", shown);
  }
}
