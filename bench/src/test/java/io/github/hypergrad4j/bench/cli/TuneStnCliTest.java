package io.github.hypergrad4j.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bench.cli.MainTest.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tune --method stn}: every mistake is refused before anything runs (the experiment itself,
 * with small settings, is tested in {@code bench.stn}).
 */
class TuneStnCliTest {

  private static Outcome stn(String... more) {
    String[] args = new String[more.length + 3];
    args[0] = "tune";
    args[1] = "--method";
    args[2] = "stn";
    System.arraycopy(more, 0, args, 3, more.length);
    return MainTest.run(args);
  }

  private static void assertUserError(Outcome o, String fragment) {
    assertEquals(2, o.status(), o.err());
    assertEquals(1, o.err().lines().count(), "exactly one line on stderr: " + o.err());
    assertTrue(o.err().startsWith("hypergrad4j: tune: ") && o.err().contains(fragment), o.err());
    assertTrue(o.out().isEmpty(), "nothing ran: " + o.out());
  }

  @Test
  void optionsOfTheOtherMethodsAreRefused() {
    String[][] implicitOnly = {{"--solver", "cg"}, {"--damping", "0.1"}, {"--on-unreliable", "skip"},
        {"--inner-tol", "1e-6"}, {"--grid-points", "5"}, {"--steps", "3"}, {"--lr", "0.1"},
        {"--history", "h.csv"}, {"--no-warmup"}};
    for (String[] option : implicitOnly) {
      assertUserError(stn(option), option[0] + " applies to --method implicit only");
    }
    String[][] unrolledOnly = {{"--meta-steps", "3"}, {"--train-steps", "10"}, {"--batch", "20"},
        {"--meta-lr", "0.1"}, {"--hidden", "5"}, {"--start-alpha", "1"}, {"--start-gamma", "0.5"}};
    for (String[] option : unrolledOnly) {
      assertUserError(stn(option), option[0] + " applies to --method unrolled only");
    }
  }

  @Test
  void theFixedFashionMnistSplitRefusesALimit() {
    assertUserError(stn("--data", "fashion-mnist", "--limit", "100"), "--limit does not apply to --method stn");
  }

  @Test
  void dataAndOutputMistakesAreFoundBeforeTheRun(@TempDir Path dir) throws IOException {
    assertUserError(stn("--data", dir.resolve("missing.csv").toString()), "missing.csv");
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertUserError(stn("--out", file.toString()), "cannot write");
    Path oneClass = Files.writeString(dir.resolve("one.csv"), "1,2,0\n3,4,0\n5,6,0\n");
    assertUserError(stn("--data", oneClass.toString()), "one class");
  }

  @Test
  void theHelpDescribesTheMethod() {
    Outcome o = MainTest.run("tune", "--help");
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("--method stn: a Self-Tuning Network"), o.out());
    assertTrue(o.out().contains("options of --method stn:"), o.out());
  }
}
