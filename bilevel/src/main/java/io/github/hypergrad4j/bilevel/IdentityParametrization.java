package io.github.hypergrad4j.bilevel;

/** λ = u, φ′ = 1. */
enum IdentityParametrization implements Parametrization {
  INSTANCE;

  @Override
  public double[] toLambda(double[] u) {
    return u.clone();
  }

  @Override
  public double[] fromLambda(double[] lambda) {
    return lambda.clone();
  }

  @Override
  public double[] chainRule(double[] u, double[] dgdLambda) {
    return dgdLambda.clone();
  }

  @Override
  public String description() {
    return "identity";
  }
}
