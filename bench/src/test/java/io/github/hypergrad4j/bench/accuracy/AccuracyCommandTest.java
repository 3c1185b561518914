package io.github.hypergrad4j.bench.accuracy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hypergrad4j accuracy} run as a user runs it: a separate JVM through the command line's
 * {@code main}, so the exit code, standard error and the headless drawing are the real ones.
 */
class AccuracyCommandTest {

  private static final String MAIN = "io.github.hypergrad4j.bench.cli.Main";

  private record Run(int exitCode, String out, List<String> errLines) {}

  private static Run run(Path workDir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), MAIN));
    command.addAll(Arrays.asList(args));
    Path out = workDir.resolve("stdout.txt");
    Path err = workDir.resolve("stderr.txt");
    Process p = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the command did not finish in 5 minutes");
    List<String> errLines = Files.readAllLines(err, StandardCharsets.UTF_8).stream()
        .filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), errLines);
  }

  @Test
  void quickRunWritesTheCsvAndBothFiguresAsPngAndSvg(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("results");
    Run r = run(tmp, "accuracy", "--quick", "--out", dir.toString());
    assertEquals(0, r.exitCode(), "stdout:\n" + r.out() + "\nstderr:\n" + r.errLines());

    List<String> csv = Files.readAllLines(dir.resolve("accuracy.csv"), StandardCharsets.UTF_8);
    assertEquals(AccuracyCsv.HEADER, csv.get(0));
    int expected = 2 * StudySolver.values().length * AccuracyStudy.QUICK_BUDGETS.length; // ridge, breast-cancer
    assertEquals(expected, csv.size() - 1, "one row per problem x solver x budget");
    for (String line : csv.subList(1, csv.size())) {
      String[] f = line.split(",");
      assertEquals(9, f.length, line);
      assertTrue(f[0].equals("ridge") || f[0].equals("breast-cancer"), line);
      double error = Double.parseDouble(f[5]);
      assertTrue(error >= 0 && !Double.isNaN(error), line);
      assertTrue(Long.parseLong(f[3]) >= 1 && Double.parseDouble(f[8]) > 0, line);
    }

    byte[] pngMagic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    for (String name : List.of("error-vs-products", "error-vs-time")) {
      byte[] png = Files.readAllBytes(dir.resolve(name + ".png"));
      assertTrue(png.length > 1000, name + ".png has only " + png.length + " bytes");
      assertArrayEquals(pngMagic, Arrays.copyOf(png, 8), name + ".png is not a PNG");
      String svg = Files.readString(dir.resolve(name + ".svg"), StandardCharsets.UTF_8);
      assertTrue(svg.startsWith("<?xml") || svg.startsWith("<svg"), name + ".svg starts with " + svg.substring(0, 20));
      assertTrue(svg.contains("<svg") && svg.trim().endsWith("</svg>"), name + ".svg is not a whole SVG document");
    }
    assertTrue(r.out().contains("fewest products") && r.out().contains("least time"), r.out());
    assertTrue(r.out().contains(dir.resolve("accuracy.csv").toString()), "says where the CSV went:\n" + r.out());
  }

  @Test
  void unknownOptionIsOneLineAndExitCodeTwo(@TempDir Path tmp) throws Exception {
    Run r = run(tmp, "accuracy", "--budgets", "3");
    assertEquals(2, r.exitCode());
    assertEquals(1, r.errLines().size(), "stderr: " + r.errLines());
    assertTrue(r.errLines().get(0).contains("unknown option --budgets"), r.errLines().get(0));
  }

  @Test
  void unknownProblemIsOneLineAndExitCodeTwo(@TempDir Path tmp) throws Exception {
    Run r = run(tmp, "accuracy", "--problems", "ridge,lasso", "--out", tmp.resolve("x").toString());
    assertEquals(2, r.exitCode());
    assertEquals(1, r.errLines().size(), "stderr: " + r.errLines());
    assertTrue(r.errLines().get(0).contains("'lasso'") && r.errLines().get(0).contains("ridge, breast-cancer"),
        r.errLines().get(0));
    assertTrue(Files.notExists(tmp.resolve("x")), "nothing is created for a rejected command line");
  }

  @Test
  void outputThatIsAFileIsOneLineAndExitCodeTwo(@TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("taken"), "not a folder");
    Run r = run(tmp, "accuracy", "--quick", "--out", file.toString());
    assertEquals(2, r.exitCode());
    assertEquals(1, r.errLines().size(), "stderr: " + r.errLines());
    assertTrue(r.errLines().get(0).contains("not a folder"), r.errLines().get(0));
  }

  @Test
  void helpDescribesTheOptions(@TempDir Path tmp) throws Exception {
    Run r = run(tmp, "accuracy", "--help");
    assertEquals(0, r.exitCode());
    for (String option : List.of("--out", "--problems", "--quick", "--help")) {
      assertTrue(r.out().contains(option), "help lacks " + option);
    }
  }
}
