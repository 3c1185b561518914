package io.github.hypergrad4j.bilevel;

/** λ = eᵘ, u = log λ, φ′(u) = eᵘ = λ. */
enum ExpParametrization implements Parametrization {
  INSTANCE;

  @Override
  public double[] toLambda(double[] u) {
    double[] l = new double[u.length];
    for (int i = 0; i < u.length; i++) {
      l[i] = Math.exp(u[i]);
    }
    return l;
  }

  @Override
  public double[] fromLambda(double[] lambda) {
    double[] u = new double[lambda.length];
    for (int i = 0; i < u.length; i++) {
      if (!(lambda[i] > 0) || Double.isInfinite(lambda[i])) {
        throw new IllegalArgumentException(
            "Parametrization.exp: lambda[" + i + "] = " + lambda[i] + " must be > 0 and finite");
      }
      u[i] = Math.log(lambda[i]);
    }
    return u;
  }

  @Override
  public double[] chainRule(double[] u, double[] dgdLambda) {
    double[] g = new double[u.length];
    for (int i = 0; i < u.length; i++) {
      g[i] = Math.exp(u[i]) * dgdLambda[i];
    }
    return g;
  }

  @Override
  public String description() {
    return "exp";
  }
}
