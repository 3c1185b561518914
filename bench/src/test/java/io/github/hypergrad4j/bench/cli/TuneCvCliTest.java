package io.github.hypergrad4j.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static io.github.hypergrad4j.bench.cli.TuneDataCliTest.assertUserError;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bench.cli.MainTest.Outcome;
import io.github.hypergrad4j.bilevel.History;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tune --folds K}, {@code --refit}, {@code --threads}, {@code --penalties} and the CV history on the command line. */
class TuneCvCliTest {

  @Test
  void foldsBelowTwoAreRefused() {
    assertUserError(MainTest.run("tune", "--folds", "1"), "--folds must be at least 2, got 1");
  }

  @Test
  void moreFoldsThanExamplesOfAClassAreRefused() {
    // breast cancer has 212 malignant examples, about 170 of them in train+validation
    assertUserError(MainTest.run("tune", "--folds", "300"), "--folds 300", "300 folds need at least 300 examples",
        "class 0 has");
  }

  @Test
  void optionsOfTheCrossValidatedModeNeedFolds() {
    assertUserError(MainTest.run("tune", "--patience", "3"), "--patience applies with --folds only");
    assertUserError(MainTest.run("tune", "--method", "unrolled", "--folds", "3"),
        "--folds applies to --method implicit only");
  }

  @Test
  void aCrossValidatedRunReportsEveryMethodOnTheTestPart() {
    Outcome o = MainTest.run("tune", "--quiet", "--no-warmup", "--grid-points", "3", "--folds", "3", "--steps", "3",
        "--refit");
    assertEquals(0, o.status(), o.err());
    for (String method : List.of("grid, one global L2 + refit", "hypergradient, L2 per weight + refit",
        "CV grid, one global L2 + refit", "CV hypergradient, L2 per weight + refit")) {
      String row = o.out().lines().filter(l -> l.startsWith(method + " ")).findFirst().orElseThrow(
          () -> new AssertionError("no row '" + method + "' in:\n" + o.out()));
      String[] cells = row.substring(method.length()).trim().split("\\s+");
      double testLoss = Double.parseDouble(cells[1]);
      double accuracy = Double.parseDouble(cells[2]);
      assertTrue(testLoss > 0 && testLoss < 0.7 && accuracy > 0.5 && accuracy <= 1, row);
    }
    assertTrue(o.out().contains("3-fold CV, 30 hyperparameters, 3 outer steps (BUDGET)"), o.out());
  }

  @Test
  void badThreadsAreRefusedBeforeAnyRun() {
    assertUserError(MainTest.run("tune", "--folds", "3", "--threads", "0"), "--threads must be at least 1, got 0");
    assertUserError(MainTest.run("tune", "--folds", "3", "--threads", "1.5"), "--threads needs a whole number, got '1.5'");
    assertUserError(MainTest.run("tune", "--threads", "2"), "--threads applies with --folds only");
    assertUserError(MainTest.run("tune", "--method", "unrolled", "--threads", "2"), "--threads");
  }

  @Test
  void badPenaltiesAreRefused() {
    assertUserError(MainTest.run("tune", "--penalties", "per-class"),
        "unknown --penalties 'per-class' (available: per-weight, per-feature, global)");
    assertUserError(MainTest.run("tune", "--method", "unrolled", "--penalties", "global"), "--penalties");
  }

  /**
   * --history with --folds holds the cross-validated run: one row per outer step, the CV loss
   * (outer_value) the mean of the folds' held-out losses in the columns outer_value_1..3; and one
   * thread or two give the same history, number for number, except for the times.
   */
  @Test
  void theHistoryOfACrossValidatedRunHasEveryFoldAndDoesNotDependOnTheThreads(@TempDir Path dir) throws IOException {
    String[] csv = new String[2];
    for (int t = 1; t <= 2; t++) {
      Path history = dir.resolve("cv" + t + ".csv");
      Outcome o = MainTest.run("tune", "--quiet", "--no-warmup", "--grid-points", "3", "--folds", "3", "--steps", "3",
          "--threads", Integer.toString(t), "--history", history.toString());
      assertEquals(0, o.status(), o.err());
      assertTrue(o.out().contains("history of the cross-validated run written to"), o.out());
      List<String> lines = Files.readAllLines(history);
      assertEquals(History.CSV_HEADER + ",outer_value_1,outer_value_2,outer_value_3", lines.get(0));
      assertEquals(4, lines.size(), "a header and one line per step of the CV run:\n" + lines);
      StringBuilder withoutTimes = new StringBuilder();
      for (String line : lines.subList(1, lines.size())) {
        String[] cells = line.split(",");
        double mean = (Double.parseDouble(cells[13]) + Double.parseDouble(cells[14]) + Double.parseDouble(cells[15])) / 3;
        assertEquals(Double.parseDouble(cells[1]), mean, 1e-15, line);
        cells[9] = ""; // elapsed_ms
        withoutTimes.append(String.join(",", cells)).append('\n');
      }
      csv[t - 1] = withoutTimes.toString();
    }
    assertEquals(csv[0], csv[1]);
  }

  /**
   * For two classes one penalty per feature is one per weight: the same numbers; one global
   * penalty is one hyperparameter.
   */
  @Test
  void penaltiesPerFeatureEqualPerWeightForTwoClassesAndGlobalIsOne() {
    String[] args = {"tune", "--quiet", "--no-warmup", "--grid-points", "3", "--steps", "3", "--penalties"};
    Outcome perWeight = MainTest.run(concat(args, "per-weight"));
    Outcome perFeature = MainTest.run(concat(args, "per-feature"));
    Outcome global = MainTest.run(concat(args, "global"));
    for (Outcome o : List.of(perWeight, perFeature, global)) {
      assertEquals(0, o.status(), o.err());
    }
    String a = numbers(perWeight.out(), "hypergradient, L2 per weight");
    String b = numbers(perFeature.out(), "hypergradient, L2 per feature");
    assertEquals(a, b);
    assertTrue(perFeature.out().contains("30 hyperparameters"), perFeature.out());
    assertTrue(global.out().contains("hypergradient, one global L2") && global.out().contains("1 hyperparameters")
        && global.out().contains("learned global penalty: lambda = "), global.out());
  }

  @Test
  void digitsPerFeatureTunesOnePenaltyPerPixel() {
    Outcome o = MainTest.run("tune", "--data", "digits", "--limit", "300", "--no-warmup", "--grid-points", "3",
        "--steps", "2", "--penalties", "per-feature");
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().startsWith("tuning 64 L2 penalties (per-feature) of a logistic regression on digits"), o.out());
    assertTrue(o.out().contains("hypergradient, L2 per feature") && o.out().contains("64 hyperparameters")
        && o.out().contains("largest learned penalties (feature):"), o.out());
  }

  private static String[] concat(String[] a, String last) {
    String[] all = java.util.Arrays.copyOf(a, a.length + 1);
    all[a.length] = last;
    return all;
  }

  /** The validation loss, test loss and accuracy of a summary row (its time left out). */
  private static String numbers(String out, String method) {
    String line = out.lines().filter(l -> l.startsWith(method)).findFirst()
        .orElseThrow(() -> new AssertionError("no '" + method + "' in:\n" + out));
    return line.substring(method.length(), line.lastIndexOf("accuracy") + 15).trim();
  }
}
