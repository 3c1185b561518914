package io.github.hypergrad4j.bilevel.stn;

/** Checks that a network, its hyperparameters, a parameter vector and a data set fit together. */
final class Fit {

  private Fit() {}

  /**
   * @throws IllegalArgumentException naming {@code routine} when φ has the wrong length, the data
   *     have another number of features or outputs than the network, or a Self-Tuning Network
   *     has no hyperparameter set
   */
  static void check(String routine, HyperMlp model, HyperparameterSet set, double[] phi, StnData data) {
    Check.notNull(routine, "model", model);
    if (model.hyperInputs() > 0) {
      Check.notNull(routine, "hyperparameters", set);
    }
    Check.finite(routine, "phi", phi, model.parameterCount());
    check(routine, model, data, "data");
  }

  /** The data half of {@link #check(String, HyperMlp, HyperparameterSet, double[], StnData)}. */
  static void check(String routine, HyperMlp model, StnData data, String name) {
    Check.notNull(routine, name, data);
    if (data.features() != model.inputs()) {
      throw new IllegalArgumentException(routine + ": " + name + " have " + data.features()
          + " features but the network has " + model.inputs() + " inputs");
    }
    if (data.outputs() != model.outputs()) {
      throw new IllegalArgumentException(routine + ": " + name + " need " + data.outputs() + " outputs ("
          + (data.isClassification() ? "classes" : "regression") + ") but the network has " + model.outputs());
    }
  }
}
