package io.github.hypergrad4j.autodiff;

import java.util.Comparator;
import java.util.List;

/**
 * The outcome of a {@link GradCheck}: every comparison made, each an analytic quantity against an
 * independent one (central differences, or the other side of an identity), and the worst.
 */
public record GradCheckReport(List<Check> checks) {

  /**
   * The smallest magnitude a relative error is measured against, as a fraction of the scale of
   * the function being differentiated (see {@link Check#floor()}).
   */
  public static final double RELATIVE_FLOOR = 1e-4;

  /**
   * One comparison.
   *
   * @param name what was compared, e.g. {@code "hvp[0] vs central differences of the gradient"}
   * @param analytic the quantity from the tape
   * @param reference the independent quantity
   * @param floor the smallest magnitude the error is measured against: {@value
   *     #RELATIVE_FLOOR}·(1 + the function's scale). Derivatives smaller than that are compared
   *     absolutely: central differences with h ≈ 10⁻⁵·|x| carry rounding noise ≈ 10⁵·ε·|x| ≈
   *     2·10⁻¹¹·|x| from cancellation inside f, whatever f's own value, so a relative comparison
   *     of, say, a saturated softmax's e⁻⁴⁰ would measure only that noise
   */
  public record Check(String name, double analytic, double reference, double floor) {

    /** |analytic − reference|. */
    public double absoluteError() {
      return Math.abs(analytic - reference);
    }

    /** |analytic − reference| / max(|analytic|, |reference|, floor); NaN counts as ∞. */
    public double relativeError() {
      double e = absoluteError() / Math.max(Math.max(Math.abs(analytic), Math.abs(reference)), floor);
      return Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
    }

    @Override
    public String toString() {
      return String.format("%s: analytic %.12g, reference %.12g, relative error %.3g",
          name, analytic, reference, relativeError());
    }
  }

  /** Copies the list. */
  public GradCheckReport {
    checks = List.copyOf(checks);
  }

  /** The check with the largest relative error. */
  public Check worst() {
    return checks.stream().max(Comparator.comparingDouble(Check::relativeError)).orElseThrow();
  }

  /** The largest relative error over all checks. */
  public double worstRelativeError() {
    return checks.isEmpty() ? 0.0 : worst().relativeError();
  }

  /** True when every check's relative error is at most {@code tolerance}. */
  public boolean passed(double tolerance) {
    return worstRelativeError() <= tolerance;
  }

  @Override
  public String toString() {
    return checks.size() + " checks, worst: " + (checks.isEmpty() ? "none" : worst());
  }
}
