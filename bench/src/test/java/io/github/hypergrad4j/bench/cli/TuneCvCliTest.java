package io.github.hypergrad4j.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static io.github.hypergrad4j.bench.cli.TuneDataCliTest.assertUserError;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bench.cli.MainTest.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code tune --folds K} and {@code --refit} on the command line. */
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
}
