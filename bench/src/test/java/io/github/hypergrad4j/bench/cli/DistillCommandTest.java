package io.github.hypergrad4j.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code distill}: a small real run on digits, the same seed giving the same run, and one-line errors. */
class DistillCommandTest {

  private static void assertUserError(MainTest.Outcome o, String fragment) {
    assertEquals(2, o.status(), o.err());
    assertEquals(1, o.err().lines().count(), "exactly one line on stderr: " + o.err());
    assertTrue(o.err().startsWith("hypergrad4j: distill: ") && o.err().contains(fragment), o.err());
  }

  @Test
  void smallDigitsRunWritesItsFilesAndTheSameSeedGivesTheSameRun(@TempDir Path dir) throws IOException {
    MainTest.Outcome a = MainTest.run("distill", "--steps", "3", "--per-class", "2", "--out", dir.resolve("a").toString());
    assertEquals(0, a.status(), a.err());
    assertTrue(a.out().lines().anyMatch(l -> l.startsWith("3/3 ")), "one progress line per step:\n" + a.out());
    assertTrue(a.out().contains("random real (10 draws)") && a.out().contains("k-means centres")
        && a.out().contains("full training set (ceiling)"), a.out());
    List<String> results = Files.readAllLines(dir.resolve("a/results.csv"));
    assertEquals(1 + 5, results.size(), "a header and one row per method");
    assertEquals(1 + 3, Files.readAllLines(dir.resolve("a/history.csv")).size());
    BufferedImage png = ImageIO.read(dir.resolve("a/distilled.png").toFile());
    assertEquals(10 * (8 * 8 + 2) + 2, png.getHeight(), "one row per class, 8x8 images drawn 8 times larger");
    assertEquals(2 + 3 * (2 * (64 + 2) - 2) + 2 * 12 + 2, png.getWidth(), "distilled, centres and start, k = 2 each");

    MainTest.Outcome b = MainTest.run("distill", "--steps", "3", "--per-class", "2", "--quiet", "--out",
        dir.resolve("b").toString());
    assertEquals(0, b.status(), b.err());
    assertFalse(b.out().contains("3/3 "), "--quiet prints no progress");
    assertTrue(b.out().startsWith("data: digits"), b.out());
    for (String f : List.of("results.csv", "history.csv")) {
      assertEquals(Files.readAllLines(dir.resolve("a").resolve(f)), Files.readAllLines(dir.resolve("b").resolve(f)),
          f + ": the same seed gives the same run");
    }
    MainTest.Outcome c = MainTest.run("distill", "--steps", "3", "--per-class", "2", "--quiet", "--seed", "2",
        "--out", dir.resolve("c").toString());
    assertEquals(0, c.status(), c.err());
    assertFalse(Files.readAllLines(dir.resolve("a/history.csv")).equals(Files.readAllLines(
        dir.resolve("c/history.csv"))), "another seed, another run");
  }

  @Test
  void neumannRunsAndItsTruncatedSolvesAreReported(@TempDir Path dir) {
    MainTest.Outcome o = MainTest.run("distill", "--steps", "2", "--solver", "neumann", "--quiet", "--out",
        dir.toString());
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("IFT + Neumann (50 terms)"), o.out());
    assertTrue(o.out().contains("warning: 2 inverse-HVP solve(s) stopped before the tolerance"), o.out());
  }

  @Test
  void mistakesAreOneLineAndExit2(@TempDir Path dir) throws IOException {
    String out = dir.resolve("o").toString();
    assertUserError(MainTest.run("distill", "--per-class", "0", "--out", out), "--per-class must be at least 1, got 0");
    assertUserError(MainTest.run("distill", "--per-class", "-3", "--out", out), "--per-class must be at least 1");
    assertUserError(MainTest.run("distill", "--per-class", "500", "--out", out),
        "distill: class 0 has "); // every digit class has about 108 training images
    assertUserError(MainTest.run("distill", "--per-class", "500", "--out", out), "fewer than --per-class 500");
    assertUserError(MainTest.run("distill", "--data", "mnist", "--out", out), "--data must be digits or fashion-mnist");
    assertUserError(MainTest.run("distill", "--solver", "minres", "--out", out), "--solver must be cg or neumann");
    assertUserError(MainTest.run("distill", "--steps", "0", "--out", out), "--steps must be at least 1");
    assertUserError(MainTest.run("distill", "--lr", "0", "--out", out), "--lr must be greater than 0");
    assertUserError(MainTest.run("distill", "--bogus", "--out", out), "unknown option --bogus");
    assertUserError(MainTest.run("distill", "extra", "--out", out), "unexpected argument 'extra'");
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertUserError(MainTest.run("distill", "--out", file.toString()), "cannot write " + file);
    Files.createDirectories(dir.resolve("taken/distilled.png"));
    assertUserError(MainTest.run("distill", "--out", dir.resolve("taken").toString()),
        "cannot write " + dir.resolve("taken/distilled.png") + ": is a directory");
    assertFalse(Files.exists(dir.resolve("o")), "nothing written on a usage error");
    MainTest.Outcome help = MainTest.run("distill", "--help");
    assertEquals(0, help.status());
    assertTrue(help.out().startsWith("usage: hypergrad4j distill"), help.out());
  }
}
