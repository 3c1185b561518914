package io.github.hypergrad4j.bilevel;

/**
 * λ = lo + (hi − lo)·σ(u), u = log((λ − lo)/(hi − λ)), φ′(u) = (hi − lo)·σ(u)(1 − σ(u)): the
 * hyperparameter stays strictly inside (lo, hi), e.g. a dropout rate in (0, 1).
 */
final class BoxParametrization implements Parametrization {

  private final double lo;
  private final double hi;

  BoxParametrization(double lo, double hi) {
    if (!(lo < hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
      throw new IllegalArgumentException("Parametrization.box: needs finite lo < hi, got lo = " + lo + ", hi = " + hi);
    }
    this.lo = lo;
    this.hi = hi;
  }

  private static double sigmoid(double u) {
    return u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u));
  }

  @Override
  public double[] toLambda(double[] u) {
    double[] l = new double[u.length];
    for (int i = 0; i < u.length; i++) {
      // strictly inside even where σ rounds to 0 or 1 (|u| above about 37)
      l[i] = Math.min(Math.nextDown(hi), Math.max(Math.nextUp(lo), lo + (hi - lo) * sigmoid(u[i])));
    }
    return l;
  }

  @Override
  public double[] fromLambda(double[] lambda) {
    double[] u = new double[lambda.length];
    for (int i = 0; i < u.length; i++) {
      if (!(lambda[i] > lo && lambda[i] < hi)) {
        throw new IllegalArgumentException("Parametrization.box: lambda[" + i + "] = " + lambda[i]
            + " must lie strictly inside (" + lo + ", " + hi + ")");
      }
      u[i] = Math.log((lambda[i] - lo) / (hi - lambda[i]));
    }
    return u;
  }

  @Override
  public double[] chainRule(double[] u, double[] dgdLambda) {
    double[] g = new double[u.length];
    for (int i = 0; i < u.length; i++) {
      double s = sigmoid(u[i]);
      g[i] = (hi - lo) * s * (1 - s) * dgdLambda[i];
    }
    return g;
  }

  @Override
  public String description() {
    return "box(" + lo + ", " + hi + ")";
  }
}
