package io.github.hypergrad4j.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meta}: a small real run of the four methods, thread independence, and one-line errors. */
class MetaCommandTest {

  private static final String[] SMALL = {"--quick", "--steps", "2", "--eval-tasks", "4"};

  private static MainTest.Outcome run(Path out, String... args) {
    String[] all = new String[1 + args.length + SMALL.length + 2];
    all[0] = "meta";
    System.arraycopy(args, 0, all, 1, args.length);
    System.arraycopy(SMALL, 0, all, 1 + args.length, SMALL.length);
    all[all.length - 2] = "--out";
    all[all.length - 1] = out.toString();
    return MainTest.run(all);
  }

  private static void assertUserError(MainTest.Outcome o, String fragment) {
    assertEquals(2, o.status(), o.err());
    assertEquals(1, o.err().lines().count(), "exactly one line on stderr: " + o.err());
    assertTrue(o.err().startsWith("hypergrad4j: ") && o.err().contains(fragment), o.err());
  }

  @Test
  void allFourMethodsRunSideBySideAndWriteTheirFiles(@TempDir Path dir) throws IOException {
    MainTest.Outcome o = run(dir.resolve("two"), "--method", "all", "--batch", "3", "--threads", "2");
    assertEquals(0, o.status(), o.err());
    for (String m : List.of("imaml", "maml", "fomaml", "reptile")) {
      assertTrue(o.out().lines().anyMatch(l -> l.startsWith(m + " ") && l.contains("+-")), m + ":\n" + o.out());
    }
    assertTrue(o.out().contains("imaml: 6 CG solves"), o.out());
    List<String> csv = Files.readAllLines(dir.resolve("two/meta.csv"));
    assertEquals(1 + 4 * 3, csv.size());
    BufferedImage png = ImageIO.read(dir.resolve("two/fits.png").toFile());
    assertEquals(3 * 520, png.getWidth());
    assertEquals(4 * 340, png.getHeight());

    MainTest.Outcome one = run(dir.resolve("one"), "--method", "all", "--batch", "3", "--threads", "1");
    assertEquals(0, one.status(), one.err());
    List<String> sequential = Files.readAllLines(dir.resolve("one/meta.csv"));
    for (int i = 1; i < csv.size(); i++) {
      assertEquals(withoutTime(sequential.get(i)), withoutTime(csv.get(i)), "threads change nothing but the time");
    }
  }

  /** The CSV row without its train_seconds column. */
  private static String withoutTime(String row) {
    String[] f = row.split(",");
    f[4] = "";
    return String.join(",", f);
  }

  @Test
  void mistakesAreOneLineAndExit2(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("o");
    assertUserError(run(out, "--shots", "0"), "meta: --shots must be at least 1, got 0");
    assertUserError(run(out, "--inner-steps", "0"), "meta: --inner-steps must be at least 1, got 0");
    assertUserError(run(out, "--lambda", "0"), "meta: --lambda must be greater than 0, got 0");
    assertUserError(run(out, "--lambda", "-1"), "meta: --lambda must be greater than 0, got -1");
    assertUserError(run(out, "--batch", "0"), "meta: --batch must be at least 1, got 0");
    assertUserError(run(out, "--cg", "0"), "meta: --cg must be at least 1, got 0");
    assertUserError(run(out, "--method", "protonet"), "meta: unknown method 'protonet' in --method");
    assertUserError(run(out, "extra"), "meta: unexpected argument 'extra'");
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertUserError(run(file), "meta: cannot write " + file);
    Files.createDirectories(dir.resolve("taken/fits.png"));
    assertUserError(run(dir.resolve("taken")), "cannot write " + dir.resolve("taken/fits.png") + ": is a directory");
    assertTrue(!Files.exists(out), "nothing written on a usage error");
  }
}
