package io.github.hypergrad4j.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.hypergrad4j.bench.data.IdxReader;
import io.github.hypergrad4j.bench.penalties.PenaltyReport;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code penalties}: a small real run and its files, reproducibility from the seed, one-line errors. */
class PenaltiesCommandTest {

  private static final String[] SMALL = {"--data", "digits", "--hidden", "6", "--train", "200", "--steps", "4",
      "--first-inner", "30", "--inner", "5", "--cg", "5", "--grid", "2"};

  /** {@code penalties} with {@link #SMALL}, the options in {@code args} replacing those of SMALL, and --out. */
  private static MainTest.Outcome run(Path out, String... args) {
    List<String> all = new ArrayList<>(List.of("penalties"));
    List<String> given = Arrays.asList(args);
    for (int i = 0; i < SMALL.length; i += 2) {
      if (!given.contains(SMALL[i])) {
        all.add(SMALL[i]);
        all.add(SMALL[i + 1]);
      }
    }
    all.addAll(given);
    all.add("--out");
    all.add(out.toString());
    return MainTest.run(all.toArray(String[]::new));
  }

  private static void assertUserError(MainTest.Outcome o, String fragment) {
    assertEquals(2, o.status(), o.err());
    assertEquals(1, o.err().lines().count(), "exactly one line on stderr: " + o.err());
    assertTrue(o.err().startsWith("hypergrad4j: ") && o.err().contains(fragment), o.err());
  }

  @Test
  void aSmallRunPrintsProgressAndASummaryAndWritesItsFiles(@TempDir Path dir) throws IOException {
    MainTest.Outcome o = run(dir.resolve("a"));
    assertEquals(0, o.status(), o.err());
    assertEquals(4, o.out().lines().filter(l -> l.startsWith("step ")).count(), o.out());
    assertEquals(2, o.out().lines().filter(l -> l.startsWith("global penalty ")).count(), o.out());
    assertTrue(o.out().contains("model: tanh MLP 64-6-10, 460 parameters, 444 penalties"), o.out());
    assertTrue(o.out().contains("best of 2 grid values"), o.out());
    assertTrue(o.out().contains("per hypergradient") && o.out().contains("peak heap"), o.out());
    assertTrue(o.out().contains("validation overfitting: "), o.out());
    List<String> history = Files.readAllLines(dir.resolve("a/history.csv"));
    assertEquals(PenaltyReport.HISTORY_HEADER, history.get(0));
    assertEquals(1 + 4, history.size());
    int columns = PenaltyReport.HISTORY_HEADER.split(",").length;
    for (String row : history.subList(1, history.size())) {
      assertEquals(columns, row.split(",", -1).length, row);
    }
    List<String> grid = Files.readAllLines(dir.resolve("a/grid.csv"));
    assertEquals(PenaltyReport.GRID_HEADER, grid.get(0));
    assertEquals(1 + 2, grid.size());
    BufferedImage png = ImageIO.read(dir.resolve("a/history.png").toFile());
    assertNotNull(png, "a PNG image");
    assertTrue(png.getWidth() > 300 && png.getHeight() > 200);

    MainTest.Outcome quiet = run(dir.resolve("q"), "--quiet", "--grid", "0");
    assertEquals(0, quiet.status(), quiet.err());
    assertTrue(quiet.out().lines().noneMatch(l -> l.startsWith("step ") || l.startsWith("global penalty")),
        quiet.out());
    assertTrue(quiet.out().contains("per-weight, step"), quiet.out());
    assertTrue(!Files.exists(dir.resolve("q/grid.csv")), "no grid, no grid.csv");
  }

  @Test
  void theSameSeedGivesTheSameRun(@TempDir Path dir) throws IOException {
    assertEquals(0, run(dir.resolve("one"), "--seed", "4").status());
    assertEquals(0, run(dir.resolve("two"), "--seed", "4").status());
    assertEquals(0, run(dir.resolve("other"), "--seed", "5").status());
    List<String> one = withoutTimes(dir.resolve("one/history.csv"), 3);
    assertEquals(one, withoutTimes(dir.resolve("two/history.csv"), 3));
    assertTrue(!one.equals(withoutTimes(dir.resolve("other/history.csv"), 3)), "another seed, another run");
    assertEquals(withoutTimes(dir.resolve("one/grid.csv"), 2), withoutTimes(dir.resolve("two/grid.csv"), 2));
  }

  /** The rows without their last {@code timed} columns but the very last one of the grid ("best"). */
  private static List<String> withoutTimes(Path csv, int timed) throws IOException {
    return Files.readAllLines(csv).stream().map(row -> {
      String[] f = row.split(",", -1);
      if (timed == 2) { // grid: seconds, best
        return String.join(",", Arrays.copyOf(f, f.length - 2)) + "," + f[f.length - 1];
      }
      return String.join(",", Arrays.copyOf(f, f.length - timed));
    }).toList();
  }

  @Test
  void mistakesAreOneLineAndExit2(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("o");
    assertUserError(run(out, "--hidden", "0"), "penalties: --hidden needs comma-separated widths from 1 to 100000");
    assertUserError(run(out, "--hidden", "10,x"), "got '10,x'");
    assertUserError(run(out, "--steps", "0"), "penalties: --steps must be at least 1, got 0");
    assertUserError(run(out, "--cg", "0"), "penalties: --cg must be at least 1, got 0");
    assertUserError(run(out, "--damping", "0"), "penalties: --damping must be greater than 0, got 0");
    assertUserError(run(out, "--lr", "-1"), "penalties: --lr must be greater than 0, got -1");
    assertUserError(run(out, "--penalty", "NaN"), "penalties: --penalty needs a finite number");
    assertUserError(run(out, "--train", "5"), "penalties: --train must be at least 10, got 5");
    assertUserError(run(out, "--grid", "6"), "penalties: --grid needs 'time' or a whole number from 0 to 5, got '6'");
    assertUserError(run(out, "--data", "mnist"), "penalties: unknown data set 'mnist' in --data");
    assertUserError(run(out, "--validation", "30000", "--data", "fashion-mnist", "--train", "40000"),
        "penalties: --train + --validation must be at most 60000");
    assertUserError(run(out, "--frobnicate"), "penalties: unknown option --frobnicate");
    assertUserError(run(out, "extra"), "penalties: unexpected argument 'extra'");
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertUserError(run(file), "penalties: cannot write " + file);
    Files.createDirectories(dir.resolve("taken/history.png"));
    assertUserError(run(dir.resolve("taken")), "cannot write " + dir.resolve("taken/history.png")
        + ": is a directory");
    assertTrue(!Files.exists(out), "nothing written on a usage error");
  }

  @Test
  void helpExitsZero() {
    MainTest.Outcome o = MainTest.run("penalties", "--help");
    assertEquals(0, o.status());
    assertTrue(o.out().startsWith("usage: hypergrad4j penalties"), o.out());
  }

  @Test
  void aTinyFashionMnistRunWhenTheFilesAreInstalled(@TempDir Path dir) {
    assumeTrue(Files.isDirectory(Path.of(IdxReader.DEFAULT_FOLDER)), "Fashion-MNIST is not installed");
    MainTest.Outcome o = MainTest.run("penalties", "--data", "fashion-mnist", "--hidden", "4", "--train", "100",
        "--validation", "50", "--test", "50", "--steps", "2", "--first-inner", "5", "--inner", "2", "--cg", "2",
        "--grid", "1", "--quiet", "--out", dir.toString());
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("model: tanh MLP 784-4-10"), o.out());
  }
}
