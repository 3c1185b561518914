package io.github.hypergrad4j.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hypergrad4j.bilevel.History;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: exit codes, one-line errors, and a small real tuning run. */
class MainTest {

  record Outcome(int status, String out, String err) {}

  static Outcome run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void assertUserError(Outcome o, String fragment) {
    assertEquals(2, o.status(), o.err());
    assertEquals(1, o.err().lines().count(), "exactly one line on stderr: " + o.err());
    assertTrue(o.err().startsWith("hypergrad4j: ") && o.err().contains(fragment), o.err());
    assertTrue(!o.err().contains("Exception") && !o.err().contains("\tat "), "no stack trace: " + o.err());
  }

  @Test
  void helpAndUsage() {
    Outcome help = run("--help");
    assertEquals(0, help.status());
    assertTrue(help.out().contains("tune") && help.out().contains("accuracy") && help.out().contains("bench"));
    assertEquals(2, run().status(), "no command is a usage error");
    Outcome tuneHelp = run("tune", "--help");
    assertEquals(0, tuneHelp.status());
    assertTrue(tuneHelp.out().contains("--solver") && tuneHelp.out().contains("nystrom-pcg"));
  }

  @Test
  void userErrorsAreOneLineAndExitWithTwo(@TempDir Path dir) throws IOException {
    assertUserError(run("frobnicate"), "unknown command 'frobnicate'");
    assertUserError(run("tune", "--bogus"), "unknown option --bogus");
    assertUserError(run("tune", "--steps"), "--steps needs a value");
    assertUserError(run("tune", "--steps", "ten"), "--steps needs a whole number");
    assertUserError(run("tune", "--solver", "magic"), "unknown solver 'magic'");
    assertUserError(run("tune", "--method", "unrolled"), "unknown method 'unrolled'");
    assertUserError(run("tune", "--data", dir.resolve("missing.csv").toString()), "no data set or file");
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "f1,f2,label\n1.0,2.0,0\n3.0,oops,1\n");
    assertUserError(run("tune", "--data", bad.toString()), "line 3, field 2: 'oops' is not a number");
    Path ragged = dir.resolve("ragged.csv");
    Files.writeString(ragged, "1,2,0\n3,1\n");
    assertUserError(run("tune", "--data", ragged.toString()), "has 2 values, the first had 3");
    assertUserError(run("tune", "--history", dir.resolve("no/such/folder/h.csv").toString()), "does not exist");
    assertUserError(run("bench", "--nope"), "unknown option --nope");
  }

  @Test
  void aSmallTuningRunReportsBothMethodsAndWritesItsHistory(@TempDir Path dir) throws IOException {
    Path history = dir.resolve("history.csv");
    Outcome o = run("tune", "--quiet", "--steps", "3", "--grid-points", "4", "--limit", "150",
        "--history", history.toString());
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("grid, one global L2"), o.out());
    assertTrue(o.out().contains("hypergradient, L2 per weight"), o.out());
    assertTrue(o.out().contains("largest learned penalties"), o.out());
    assertTrue(!o.out().contains("step 1/3"), "--quiet hides the progress line");
    List<String> lines = Files.readAllLines(history);
    assertEquals(History.CSV_HEADER, lines.get(0));
    assertEquals(4, lines.size(), "a header and one line per step");
  }

  @Test
  void progressIsReportedOncePerStepWhenNotQuiet() {
    Outcome o = run("tune", "--steps", "2", "--grid-points", "3", "--limit", "120");
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("step 1/2") && o.out().contains("step 2/2"), o.out());
    assertTrue(o.out().contains("validation loss") && o.out().contains("solver converged"), o.out());
  }

  @Test
  void benchListsTheSuites() {
    Outcome o = run("bench", "--list", "bench.linalg.Dot");
    assertEquals(0, o.status(), o.err());
  }
}
