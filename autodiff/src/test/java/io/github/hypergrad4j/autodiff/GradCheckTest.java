package io.github.hypergrad4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link GradCheck} calls f as often as its documented cost says (f at the point once, not twice)
 * and reports bad input with its name first.
 */
class GradCheckTest {

  private static final double[][] POINT = {{0.3, -0.7, 1.1}, range(40)};

  private static double[] range(int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.sin(i);
    }
    return v;
  }

  @Test
  void firstOrderCallsFOnceAtThePointAndAsOftenAsItsCostSays() {
    AtomicInteger calls = new AtomicInteger();
    TensorFunction f = in -> {
      calls.incrementAndGet();
      return in[0].square().sum().mul(in[1].tanh());
    };
    GradCheckReport report = GradCheck.firstOrder(f, POINT, 3);
    assertTrue(report.passed(1e-6), report::toString);
    // 2 + (3 + 2·3) for the short input + 3 for the one longer than MAX_COORDINATES
    assertTrue(POINT[1].length > GradCheck.MAX_COORDINATES);
    assertEquals(2 + (3 + 2 * 3) + 3, calls.get());
  }

  @Test
  void secondOrderCallsFAsOftenAsItsCostSays() {
    AtomicInteger calls = new AtomicInteger();
    TensorFunction f = in -> {
      calls.incrementAndGet();
      return in[0].square().sum().mul(in[1].tanh().sum());
    };
    GradCheckReport report = GradCheck.secondOrder(f, POINT, 3);
    assertTrue(report.passed(1e-5), report::toString);
    assertEquals(3 + 3 * 2, calls.get());
  }

  @Test
  void badInputIsReportedWithTheClassName() {
    TensorFunction f = in -> in[0].sum();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradCheck.firstOrder(f, null, 1));
    assertEquals("GradCheck: inputs is null", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> GradCheck.secondOrder(f, new double[][] {{1}, null}, 1));
    assertEquals("GradCheck: inputs[1] is null", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GradCheck.firstOrder(f, POINT, 1, -1e-3));
    assertTrue(e.getMessage().startsWith("GradCheck: ") && e.getMessage().contains("-0.001"), e.getMessage());
  }
}
