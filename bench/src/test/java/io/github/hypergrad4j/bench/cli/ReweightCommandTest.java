package io.github.hypergrad4j.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reweight} in-process through {@link Main#run}, on small IDX files written here (150
 * training and 40 test images of 4 × 4 pixels, 10 classes): a full run, the same seed giving the
 * same files, {@code --quiet}, and one-line errors for every user mistake.
 */
class ReweightCommandTest {

  /** An IDX file of unsigned bytes: magic 0x0000080d, the sizes, the data. */
  private static byte[] idx(int[] sizes, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * sizes.length + data.length);
    b.putInt(0x0800 | sizes.length);
    for (int s : sizes) {
      b.putInt(s);
    }
    return b.put(data).array();
  }

  /** {@code n} images of 4 × 4 pixels whose brightest pixel is the class (label i mod 10), plus noise. */
  private static void part(Path folder, String part, int n, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] pixels = new byte[n * 16];
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      labels[i] = (byte) (i % 10);
      for (int p = 0; p < 16; p++) {
        pixels[i * 16 + p] = (byte) random.nextInt(100);
      }
      pixels[i * 16 + i % 10] = (byte) 250;
    }
    Files.write(folder.resolve(part + "-images-idx3-ubyte"), idx(new int[] {n, 4, 4}, pixels));
    Files.write(folder.resolve(part + "-labels-idx1-ubyte"), idx(new int[] {n}, labels));
  }

  private static Path data(Path dir) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("idx"));
    part(folder, "train", 150, 1);
    part(folder, "t10k", 40, 2);
    return folder;
  }

  private static MainTest.Outcome run(Path data, Path out, String... extra) {
    return MainTest.run(with(new String[] {"reweight", "--data", data.toString(), "--out", out.toString(), "--train",
        "100", "--validation", "20", "--steps", "2"}, extra));
  }

  private static String[] with(String[] base, String... extra) {
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  private static void assertUserError(MainTest.Outcome o, String fragment) {
    assertEquals(2, o.status(), o.out() + o.err());
    assertEquals(1, o.err().lines().count(), "exactly one line on stderr: " + o.err());
    assertTrue(o.err().startsWith("hypergrad4j: ") && o.err().contains(fragment), o.err());
  }

  /** A CSV file without its last column (the seconds in history.csv). */
  private static List<String> withoutLastColumn(Path csv) throws IOException {
    return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
  }

  @Test
  void aSmallRunPrintsProgressAndASummaryWritesItsFilesAndRepeatsBitForBit(@TempDir Path dir) throws IOException {
    Path data = data(dir);
    MainTest.Outcome o = run(data, dir.resolve("a"), "--seed", "5", "--noise", "0.3");
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("30 of 100 training labels corrupted"), o.out());
    assertTrue(o.out().lines().anyMatch(l -> l.startsWith("1/2 ")), o.out());
    assertTrue(o.out().lines().anyMatch(l -> l.startsWith("2/2 ")), o.out());
    for (String row : List.of("uniform ", "learned ", "oracle ")) {
      assertTrue(o.out().lines().anyMatch(l -> l.startsWith(row)), row + "\n" + o.out());
    }
    assertTrue(o.out().contains("stopped: BUDGET"), o.out());
    List<String> results = Files.readAllLines(dir.resolve("a/results.csv"));
    assertEquals(4, results.size());
    assertTrue(results.get(2).startsWith("learned,0.3,100,"), results.get(2));
    List<String> weights = Files.readAllLines(dir.resolve("a/weights.csv"));
    assertEquals(101, weights.size());
    assertEquals(30, weights.stream().filter(l -> l.contains(",true,")).count());
    assertEquals(3, Files.readAllLines(dir.resolve("a/history.csv")).size());
    BufferedImage png = ImageIO.read(dir.resolve("a/weights.png").toFile());
    assertEquals(900, png.getWidth());

    MainTest.Outcome again = run(data, dir.resolve("b"), "--seed", "5", "--quiet", "--noise", "0.3");
    assertEquals(0, again.status(), again.err());
    assertFalse(again.out().lines().anyMatch(l -> l.startsWith("1/2 ")), "--quiet prints no progress: " + again.out());
    assertTrue(again.out().lines().anyMatch(l -> l.startsWith("learned ")), again.out());
    assertEquals(results, Files.readAllLines(dir.resolve("b/results.csv")));
    assertEquals(weights, Files.readAllLines(dir.resolve("b/weights.csv")));
    assertEquals(withoutLastColumn(dir.resolve("a/history.csv")), withoutLastColumn(dir.resolve("b/history.csv")));

    MainTest.Outcome other = run(data, dir.resolve("c"), "--seed", "6", "--quiet", "--noise", "0.3");
    assertEquals(0, other.status(), other.err());
    assertFalse(weights.equals(Files.readAllLines(dir.resolve("c/weights.csv"))), "another seed, another run");
  }

  @Test
  void userMistakesExitWithTwoAndOneLine(@TempDir Path dir) throws IOException {
    Path data = data(dir);
    Path out = dir.resolve("out");
    assertUserError(run(data, out, "--noise", "1"), "--noise must lie in [0, 1), got 1");
    assertUserError(run(data, out, "--noise", "-0.1"), "--noise must lie in [0, 1), got -0.1");
    assertUserError(run(data, out, "--noise", "lots"), "--noise");
    String[] where = {"reweight", "--data", data.toString(), "--out", out.toString()};
    assertUserError(MainTest.run(with(where, "--train", "50")), "--train");
    assertUserError(MainTest.run(with(where, "--train", "100", "--validation", "5")), "--validation");
    assertUserError(MainTest.run(with(where, "--train", "140", "--validation", "20")),
        "is 160, more than the 150 images of the training file");
    assertUserError(MainTest.run(where), "is 11000, more than the 150 images");
    assertUserError(run(data, out, "--steps", "0"), "--steps");
    assertUserError(run(data, out, "--mu", "0"), "--mu");
    assertUserError(run(data, out, "--lr", "-1"), "--lr");
    assertUserError(run(data, out, "--frobnicate"), "frobnicate");
    assertUserError(run(dir.resolve("nowhere"), out), "Fashion-MNIST is not in");
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    assertUserError(run(data, file), "a-file");
    assertFalse(Files.exists(out), "nothing is written after a mistake");
  }

  @Test
  void helpPrintsTheUsage() {
    MainTest.Outcome o = MainTest.run("reweight", "--help");
    assertEquals(0, o.status());
    assertTrue(o.out().startsWith("usage: hypergrad4j reweight"), o.out());
    assertEquals(o.out(), MainTest.run("reweight", "-h").out());
  }
}
