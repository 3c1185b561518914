package io.github.hypergrad4j.bilevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The update rules against their published formulas, re-implemented here, on random sequences
 * of gradients: gradient descent x ← x − ηg; heavy ball v ← μv + g, x ← x − ηv (Polyak 1964);
 * Adam (Kingma and Ba 2015, Algorithm 1) with β₁ = 0.9, β₂ = 0.999, ε = 1e-8 and bias correction
 * by 1 − βᵗ. The same arithmetic in the same order gives the same doubles, so the tolerance is a
 * few ulps.
 */
class StepRuleTest {

  @Property(tries = 50, seed = "5150")
  void rulesFollowTheirFormulas(@ForAll @IntRange(min = 1, max = 6) int n, @ForAll long seed) {
    Random r = new Random(seed);
    double eta = 0.01 + r.nextDouble();
    double mu = 0.95 * r.nextDouble();
    StepRule.Stepper gd = StepRule.gradientDescent(eta).start(n);
    StepRule.Stepper hb = StepRule.heavyBall(eta, mu).start(n);
    StepRule.Stepper adam = StepRule.adam(eta).start(n);
    double[] xGd = new double[n];
    double[] xHb = new double[n];
    double[] xAdam = new double[n];
    double[] refGd = new double[n];
    double[] refHb = new double[n];
    double[] refAdam = new double[n];
    double[] v = new double[n];
    double[] m = new double[n];
    double[] s = new double[n];
    for (int t = 1; t <= 12; t++) {
      double[] g = new double[n];
      for (int i = 0; i < n; i++) {
        g[i] = r.nextGaussian() * Math.pow(10, r.nextInt(5) - 2);
      }
      gd.step(xGd, g.clone());
      hb.step(xHb, g.clone());
      adam.step(xAdam, g.clone());
      for (int i = 0; i < n; i++) {
        refGd[i] -= eta * g[i];
        v[i] = mu * v[i] + g[i];
        refHb[i] -= eta * v[i];
        m[i] = 0.9 * m[i] + (1 - 0.9) * g[i];
        s[i] = 0.999 * s[i] + (1 - 0.999) * g[i] * g[i];
        double mHat = m[i] / (1 - Math.pow(0.9, t));
        double sHat = s[i] / (1 - Math.pow(0.999, t));
        refAdam[i] -= eta * mHat / (Math.sqrt(sHat) + 1e-8);
      }
      for (int i = 0; i < n; i++) {
        assertEquals(refGd[i], xGd[i], 1e-13 * (1 + Math.abs(refGd[i])), "gradient descent, t = " + t);
        assertEquals(refHb[i], xHb[i], 1e-13 * (1 + Math.abs(refHb[i])), "heavy ball, t = " + t);
        assertEquals(refAdam[i], xAdam[i], 1e-12 * (1 + Math.abs(refAdam[i])), "adam, t = " + t);
      }
    }
  }

  /** Adam's first step has length η in every coordinate whatever the gradient's scale. */
  @Property(tries = 50, seed = "5151")
  void adamsFirstStepIsTheLearningRateTimesTheSign(@ForAll @IntRange(min = -6, max = 6) int scale) {
    StepRule.Stepper adam = StepRule.adam(0.3).start(2);
    double[] x = {1, 1};
    double g = Math.pow(10, scale);
    adam.step(x, new double[] {g, -g});
    double step = 0.3 * g / (g + 1e-8);
    assertEquals(1 - step, x[0], 1e-15);
    assertEquals(1 + step, x[1], 1e-15);
  }

  @Property(tries = 10, seed = "5152")
  void invalidSettingsAreRejected(@ForAll @IntRange(min = 0, max = 2) int which) {
    double bad = new double[] {0, -1, Double.NaN}[which];
    assertThrows(IllegalArgumentException.class, () -> StepRule.gradientDescent(bad));
    assertThrows(IllegalArgumentException.class, () -> StepRule.adam(bad));
    assertThrows(IllegalArgumentException.class, () -> StepRule.heavyBall(bad, 0.5));
    assertThrows(IllegalArgumentException.class, () -> StepRule.heavyBall(0.1, which == 0 ? 1.0 : bad));
  }
}
