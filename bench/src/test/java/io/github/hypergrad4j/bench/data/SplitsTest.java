package io.github.hypergrad4j.bench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Seeded sampling, the split's class check, and standardisation without overflow. */
class SplitsTest {

  /** {@code perClass[c]} examples of class c, in class order; feature 0 is the row number. */
  static Dataset sortedByClass(int... perClass) {
    int n = Arrays.stream(perClass).sum();
    double[] x = new double[2 * n];
    int[] y = new int[n];
    int row = 0;
    for (int c = 0; c < perClass.length; c++) {
      for (int i = 0; i < perClass[c]; i++) {
        x[2 * row] = row;
        x[2 * row + 1] = c + 0.1 * i;
        y[row++] = c;
      }
    }
    return new Dataset("sorted", x, n, 2, y, null, perClass.length);
  }

  @Test
  void permutationsAreSeededPermutationsAndDrawsTheirPrefixes() {
    int[] p = Sampling.permutation(1000, 7);
    int[] sorted = p.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < 1000; i++) {
      assertEquals(i, sorted[i], "every index once");
    }
    assertArrayEquals(p, Sampling.permutation(1000, 7), "same seed, same order");
    assertTrue(!Arrays.equals(p, Sampling.permutation(1000, 8)), "another seed, another order");
    assertArrayEquals(Arrays.copyOf(p, 50), Sampling.draw(1000, 50, 7));
    assertThrows(IllegalArgumentException.class, () -> Sampling.draw(10, 11, 1));
  }

  /** --limit's sample: drawn with the seed, not the file's first rows (which are all class 0 here). */
  @Test
  void aSampleIsDrawnWithTheSeedNotCutInFileOrder() {
    Dataset d = sortedByClass(50, 50, 50);
    Dataset s = d.sample(50, 7);
    assertEquals("sorted, 50 of 150 drawn with seed 7", s.name());
    assertEquals(50, s.rows());
    int[] expected = Sampling.draw(150, 50, 7);
    int[] perClass = new int[3];
    for (int r = 0; r < 50; r++) {
      int original = (int) s.features()[2 * r];
      assertEquals(expected[r], original, "row " + r + " is the drawn row");
      assertEquals(d.labels()[original], s.labels()[r]);
      perClass[s.labels()[r]]++;
    }
    for (int c = 0; c < 3; c++) {
      assertTrue(perClass[c] >= 8, "class " + c + " drawn " + perClass[c] + " times of about 17");
    }
    assertSame(d, d.sample(150, 7), "a limit of all rows keeps the data as they are");
    assertThrows(IllegalArgumentException.class, () -> d.sample(0, 7));
  }

  @Test
  void aPartLackingAClassIsNamedWithEveryPartsCounts() {
    Dataset d = sortedByClass(10, 1);
    int[] order = Sampling.permutation(11, 3);
    int position = 0;
    while (order[position] != 10) {
      position++;
    }
    String holder = position < 7 ? "train" : position < 9 ? "validation" : "test";
    Optional<String> problem = Splits.classProblem(d, 0.6, 0.2, 3);
    assertTrue(problem.isPresent());
    String[] parts = {"train", "validation", "test"};
    int[] sizes = {7, 2, 2};
    for (int p = 0; p < 3; p++) {
      boolean holds = parts[p].equals(holder);
      String counts = parts[p] + " [" + (holds ? sizes[p] - 1 : sizes[p]) + ", " + (holds ? 1 : 0) + "]";
      assertTrue(problem.get().contains(counts), counts + " in: " + problem.get());
      assertEquals(!holds, problem.get().contains("the " + parts[p] + " part lacks class 1"), problem.get());
    }
    assertTrue(problem.get().contains("when sorted is split 60/20/20 with seed 3"), problem.get());
    IllegalArgumentException check = assertThrows(IllegalArgumentException.class,
        () -> Splits.checkClasses(d, 0.6, 0.2, 3));
    assertEquals("Splits.checkClasses: " + problem.get(), check.getMessage());
    IllegalArgumentException split = assertThrows(IllegalArgumentException.class, () -> Splits.split(d, 0.6, 0.2, 3));
    assertEquals("Splits.split: " + problem.get(), split.getMessage());
  }

  /** The check agrees with the parts split builds, seed after seed. */
  @Test
  void theCheckPassesExactlyWhenEveryPartHoldsEveryClass() {
    Dataset d = sortedByClass(6, 5, 7);
    int passed = 0;
    for (long seed = 0; seed < 200; seed++) {
      Optional<String> problem = Splits.classProblem(d, 0.6, 0.2, seed);
      if (problem.isPresent()) {
        continue;
      }
      passed++;
      Splits.TrainValidationTest s = Splits.split(d, 0.6, 0.2, seed);
      for (Dataset part : new Dataset[] {s.train(), s.validation(), s.test()}) {
        assertEquals(3, Arrays.stream(part.labels()).distinct().count(), part.name() + " holds every class");
      }
    }
    assertTrue(passed > 0 && passed < 200, passed + " of 200 seeds pass: some split well, some not");
  }

  @Test
  void tooFewRowsLeaveAnEmptyPart() {
    Dataset three = new Dataset("three", new double[] {1, 2, 3}, 3, 1, new int[] {0, 1, 0}, null, 2);
    assertTrue(Splits.classProblem(three, 0.6, 0.2, 1).orElseThrow().contains("the test part is empty"));
    Dataset regression = new Dataset("r", new double[] {1, 2, 3}, 3, 1, null, new double[] {1, 2, 3}, 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Splits.split(regression, 0.6, 0.2, 1));
    assertTrue(e.getMessage().contains("the test part is empty") && e.getMessage().contains("sizes 2, 1, 0"),
        e.getMessage());
    assertEquals(Optional.empty(), Splits.classProblem(DatasetReader.diabetes(), 0.6, 0.2, 1));
  }

  private static Dataset scaledColumn(Dataset d, int column, double factor) {
    double[] x = d.features().clone();
    for (int i = 0; i < d.rows(); i++) {
      x[i * d.cols() + column] *= factor;
    }
    return d.withFeatures(x);
  }

  /**
   * A column multiplied by 1e300 (whose squares overflow) or 1e-300 (whose squares underflow)
   * standardises to the same values as the original column, to rounding; it used to become 0.
   */
  @Test
  void standardisationIsIndependentOfTheColumnsScale() {
    Dataset bc = DatasetReader.breastCancer();
    Splits.TrainValidationTest reference = Splits.split(bc, 0.6, 0.2, 5);
    for (double factor : new double[] {1e300, 1e-300, -1e300}) {
      Splits.TrainValidationTest scaled = Splits.split(scaledColumn(scaledColumn(bc, 3, factor), 7, factor), 0.6, 0.2, 5);
      Dataset[][] pairs = {{reference.train(), scaled.train()}, {reference.validation(), scaled.validation()},
          {reference.test(), scaled.test()}};
      for (Dataset[] pair : pairs) {
        for (int i = 0; i < pair[0].rows(); i++) {
          for (int j : new int[] {3, 7}) {
            double expected = Math.signum(factor) * pair[0].features()[i * 30 + j];
            assertEquals(expected, pair[1].features()[i * 30 + j], 1e-12,
                pair[1].name() + " row " + i + " feature " + j + " times " + factor);
          }
        }
      }
    }
  }

  @Test
  void aConstantColumnIsOnlyCentredAndAZeroColumnStaysZero() {
    double[] x = new double[3 * 20];
    int[] y = new int[20];
    for (int i = 0; i < 20; i++) {
      x[3 * i] = 0.1;
      x[3 * i + 1] = 5;
      y[i] = i % 2;
    }
    Splits.TrainValidationTest s = Splits.split(new Dataset("const", x, 20, 3, y, null, 2), 0.6, 0.2, 1);
    for (Dataset part : new Dataset[] {s.train(), s.validation(), s.test()}) {
      for (double v : part.features()) {
        assertEquals(0.0, v, 0.0, "constant columns become exactly 0");
      }
    }
  }

  @Test
  void badFractionsAreRefusedByName() {
    Dataset d = sortedByClass(10, 10);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Splits.checkClasses(d, 0.9, 0.2, 1));
    assertTrue(e.getMessage().startsWith("Splits.checkClasses: ") && e.getMessage().contains("0.9 and 0.2"),
        e.getMessage());
  }
}
