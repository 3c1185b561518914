package io.github.hypergrad4j.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bench.cli.MainTest.Outcome;
import io.github.hypergrad4j.bench.schedules.UnrolledProgress;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tune --method unrolled}: small runs that write their files, and every wrong combination. */
class TuneUnrolledCliTest {

  @TempDir
  Path dir;

  /** A small schedule run: 300 digits, 8 hidden units, 10 steps on batches of 30 (the meta-steps to add). */
  private static final String[] SMALL = {"tune", "--method", "unrolled", "--limit", "300", "--hidden", "8",
      "--train-steps", "10", "--batch", "30"};

  private static Outcome small(String... more) {
    return MainTest.run(concat(SMALL, more));
  }

  /** {@code tune --method unrolled} with these options. */
  private static Outcome unrolled(String... options) {
    return MainTest.run(concat(new String[] {"tune", "--method", "unrolled"}, options));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static void assertUserError(Outcome o, String fragment) {
    assertEquals(2, o.status(), o.err());
    assertEquals(1, o.err().lines().count(), "exactly one line on stderr: " + o.err());
    assertTrue(o.err().startsWith("hypergrad4j: tune: ") && o.err().contains(fragment), o.err());
    assertTrue(!o.err().contains("Exception") && !o.err().contains("internal error"), "a user error: " + o.err());
    assertTrue(o.out().isEmpty(), "nothing ran: " + o.out());
  }

  private static void assertPng(Path file) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    assertNotNull(image, file + " is a PNG");
    assertTrue(image.getWidth() >= 400 && image.getHeight() >= 300, file + ": " + image.getWidth() + "x"
        + image.getHeight());
  }

  @Test
  void aSmallScheduleRunReportsTheThreeSchedulesAndWritesItsFiles() throws IOException {
    Path out = dir.resolve("results");
    Outcome o = small("--meta-steps", "2", "--out", out.toString());
    assertEquals(0, o.status(), o.err());
    List<String> lines = o.out().lines().toList();
    assertTrue(lines.get(0).startsWith("learning alpha_t and gamma_t per layer for 10 steps"), o.out());
    assertTrue(lines.get(1).startsWith("grid 1/40  alpha 1.00e-02 gamma 0.00 loss "), o.out());
    assertTrue(lines.contains(UnrolledProgress.META_HEADER), o.out());
    assertTrue(o.out().contains("\n0/2 ") && o.out().contains("\n2/2 "), o.out());
    for (String line : lines) {
      if (line.startsWith("grid ") || line.matches("\\d+/\\d+ .*")) {
        assertTrue(line.length() <= UnrolledProgress.MAX_WIDTH, "progress within 79 characters: " + line);
      }
    }
    assertTrue(o.out().contains("start, constant") && o.out().contains("best constant (grid)")
        && o.out().contains("learned, per step and layer"), o.out());
    assertTrue(o.out().contains("stopped: all 2 meta-steps done"), o.out());
    assertTrue(o.out().contains("written:"), o.out());

    List<String> schedules = Files.readAllLines(out.resolve("schedules.csv"));
    assertEquals("step,alpha_layer1,alpha_layer2,gamma_layer1,gamma_layer2", schedules.get(0));
    assertEquals(11, schedules.size(), "a header and one row per training step");
    List<String> history = Files.readAllLines(out.resolve("meta-history.csv"));
    assertEquals(4, history.size(), "a header and the start and 2 meta-steps");
    assertTrue(history.get(1).startsWith("0,OK,"), history.get(1));
    assertEquals(41, Files.readAllLines(out.resolve("grid.csv")).size(), "a header and 8 x 5 points");
    assertPng(out.resolve("schedules.png"));
    assertPng(out.resolve("meta-loss.png"));
  }

  @Test
  void quietPrintsOnlyTheSummary() {
    Outcome o = small("--quiet", "--meta-steps", "1");
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().startsWith("data: digits, 300 of 1797 drawn with seed 7 (300 examples, 64 features, 10 classes)"
        + System.lineSeparator() + "schedule "), o.out());
    assertTrue(!o.out().contains("grid 1/40") && !o.out().contains(UnrolledProgress.META_HEADER), o.out());
  }

  @Test
  void breastCancerRunsTheGapExperimentAndWritesItsFiles() throws IOException {
    Outcome o = unrolled("--data", "breast-cancer", "--out", dir.toString());
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().startsWith("unrolled against implicit hypergradients of 30 L2 penalties (0.0100 each) of a "
        + "logistic regression on breast-cancer (569 examples, 30 features, 2 classes)"), o.out());
    assertTrue(o.out().contains(UnrolledProgress.GAP_HEADER) && o.out().contains("\n2000 "), o.out());
    assertTrue(o.out().contains("relative gap |h_T - h*| / |h*|: "), o.out());
    assertTrue(!o.out().contains("warning"), o.out());
    List<String> csv = Files.readAllLines(dir.resolve("gap.csv"));
    assertEquals("steps,status,relative_gap,validation_loss,gradient_norm,seconds", csv.get(0));
    assertEquals(9, csv.size(), "a header and eight T");
    assertPng(dir.resolve("gap.png"));
  }

  @Test
  void optionsOfTheOtherMethodAreRefused() {
    String[][] implicitOnly = {{"--solver", "cg"}, {"--damping", "0.1"}, {"--on-unreliable", "skip"},
        {"--inner-tol", "1e-6"}, {"--grid-points", "5"}, {"--steps", "3"}, {"--lr", "0.1"},
        {"--history", "h.csv"}, {"--no-warmup"}};
    for (String[] option : implicitOnly) {
      assertUserError(unrolled(option), option[0] + " applies to --method implicit only");
    }
    String[][] unrolledOnly = {{"--meta-steps", "3"}, {"--train-steps", "10"}, {"--batch", "20"},
        {"--meta-lr", "0.1"}, {"--hidden", "5"}, {"--start-alpha", "1"}, {"--start-gamma", "0.5"},
        {"--out", "x"}};
    for (String[] option : Arrays.copyOf(unrolledOnly, unrolledOnly.length - 1)) {
      assertUserError(MainTest.run("tune", option[0], option[1]), option[0] + " applies to --method unrolled only");
      assertUserError(MainTest.run("tune", "--method", "implicit", option[0], option[1]),
          option[0] + " applies to --method unrolled only");
    }
    assertUserError(MainTest.run("tune", "--out", "x"), "--out applies to --method unrolled or stn only");
    for (String[] option : Arrays.copyOf(unrolledOnly, unrolledOnly.length - 1)) {
      assertUserError(unrolled("--data", "breast-cancer", option[0], option[1]),
          option[0] + " applies to the schedule experiment, not to the gap experiment");
    }
  }

  @Test
  void everyValueIsCheckedBeforeTheRun() throws IOException {
    String[][] cases = {
      {"--meta-steps", "-1", "--meta-steps must be at least 0, got -1"},
      {"--train-steps", "0", "--train-steps must be at least 1, got 0"},
      {"--batch", "0", "--batch must be at least 1, got 0"},
      {"--hidden", "0", "--hidden must be at least 1"},
      {"--meta-lr", "0", "--meta-lr must be greater than 0"},
      {"--meta-lr", "NaN", "--meta-lr needs a finite number"},
      {"--start-alpha", "-1", "--start-alpha must be greater than 0"},
      {"--start-gamma", "1", "--start-gamma must be in (0, 1), got 1"},
      {"--start-gamma", "0", "--start-gamma must be in (0, 1), got 0"},
      {"--seed", "x", "--seed needs a whole number"},
      {"--limit", "5", "--limit must be at least 10"},
      {"--data", "nowhere.csv", "no data set or file"},
    };
    for (String[] c : cases) {
      assertUserError(unrolled(c[0], c[1]), c[2]);
    }
    assertUserError(unrolled("--meta-steps"), "--meta-steps needs a value");
    assertUserError(MainTest.run("tune", "--method", "magic"), "unknown method 'magic' (available: implicit, unrolled, stn)");
    Path file = dir.resolve("a-file");
    Files.writeString(file, "x");
    assertUserError(unrolled("--out", file.toString()),
        "cannot write " + file + ": not a folder");
    assertUserError(unrolled("--out", file.resolve("sub").toString()),
        "is not a folder");
    Path taken = dir.resolve("taken");
    Files.createDirectories(taken.resolve("schedules.png"));
    assertUserError(unrolled("--out", taken.toString()),
        "cannot write " + taken.resolve("schedules.png") + ": is a directory");
    Files.createDirectories(taken.resolve("gap.csv"));
    assertUserError(unrolled("--data", "breast-cancer", "--out", taken.toString()),
        "cannot write " + taken.resolve("gap.csv") + ": is a directory");
  }

  @Test
  void theHelpListsTheUnrolledOptions() {
    Outcome o = MainTest.run("tune", "--help");
    assertEquals(0, o.status());
    for (String option : UnrolledTune.OWN) {
      assertTrue(o.out().contains("--" + option + " "), "--" + option + " in:\n" + o.out());
    }
    assertTrue(o.out().contains("--method unrolled:") && o.out().contains("gap experiment"), o.out());
    for (String line : o.out().lines().toList()) {
      assertTrue(line.length() <= 96, "help lines stay narrow: " + line);
    }
  }
}
