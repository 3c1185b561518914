package io.github.hypergrad4j.bench.stn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The experiments' main refuses bad arguments with one line and status 2, before any work. */
class StnExperimentTest {

  static String[] run(String... args) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = StnExperiment.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {String.valueOf(status), out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void badArgumentsExitWithStatus2AndOneLine() throws IOException {
    String usage = "StnExperiment: expected [--sweep] digits|fashion-mnist [OUT_DIR] (no OUT_DIR with --sweep), got ";
    String[][] cases = {{}, {"mnist"}, {"digits", "out", "extra"}, {"--sweep"}, {"--sweep", "digits", "out"},
        {"--quick", "digits"}};
    String[] seen = {"nothing", "mnist", "digits out extra", "--sweep", "--sweep digits out", "--quick digits"};
    for (int k = 0; k < cases.length; k++) {
      String[] r = run(cases[k]);
      assertEquals("2", r[0], seen[k]);
      assertEquals("", r[1], "nothing on standard output");
      assertEquals(usage + seen[k] + System.lineSeparator(), r[2]);
    }
  }
}
