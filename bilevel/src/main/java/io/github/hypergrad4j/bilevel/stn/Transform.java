package io.github.hypergrad4j.bilevel.stn;

/**
 * How a hyperparameter's value is reached from the free, unconstrained variable u that the
 * hypernetwork sees and the hyperparameter optimiser steps: the perturbation λ + ε of the paper
 * is taken on u, so it never leaves the value's domain.
 */
public enum Transform {
  /** value = σ(u) = 1 / (1 + e^{−u}) in (0, 1); u = log(v / (1 − v)). For rates. */
  LOGIT {
    @Override
    public double value(double u) {
      return u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u));
    }

    @Override
    public double free(double value) {
      return Math.log(value) - Math.log1p(-value);
    }
  },
  /** value = e^u in (0, ∞); u = log v. For scales and penalties. */
  LOG {
    @Override
    public double value(double u) {
      return Math.exp(u);
    }

    @Override
    public double free(double value) {
      return Math.log(value);
    }
  };

  /** The value at the free variable u. */
  public abstract double value(double u);

  /** The free variable u of a value inside the domain. */
  public abstract double free(double value);
}
