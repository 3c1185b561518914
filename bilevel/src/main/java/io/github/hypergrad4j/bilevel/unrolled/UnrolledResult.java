package io.github.hypergrad4j.bilevel.unrolled;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of an unrolled hypergradient: the hypergradients asked for (reverse mode) or the
 * directional derivatives (forward mode), the training run they came from, and what they cost.
 *
 * <p>A run that fails reports a {@link Status}, never NaN as a number: the hypergradient
 * accessors then throw {@link IllegalStateException} naming the status, while the history (the
 * training losses of the steps that ran) and the cost stay available. Forward-run values (θ_T,
 * the final losses) are available when the training run completed ({@link #trainingCompleted()}).
 */
public final class UnrolledResult {

  /** How a run ended. */
  public enum Status {
    /** Training and the backward (or tangent) pass completed with finite values. */
    OK,
    /** The training loss, its gradient or θ became non-finite at some step. */
    DIVERGED,
    /** A fixed-point optimiser's state left its range ({@link ExactReversibleMomentum}). */
    OVERFLOW,
    /** Training completed, but the adjoints (or tangents) became non-finite. */
    ADJOINT_NON_FINITE
  }

  /** Reverse or forward mode. */
  public enum Mode {
    /** Backward recursion over the optimiser's state ({@link ReverseModeHypergradient}). */
    REVERSE,
    /** Tangents carried along the run ({@link ForwardModeHypergradient}). */
    FORWARD
  }

  /** θ_T and the losses there (package-internal carrier). */
  record FinalPoint(double[] theta, double trainingLoss, double trainingGradientNorm, double validationLoss,
      double[] validationGradientTheta, double[] validationGradientLambda) {}

  private final Mode mode;
  private final String method;
  private final Status status;
  private final String detail;
  private final int steps;
  private final int window;
  private final double[] trainingLosses;
  private final FinalPoint end;
  private final Map<HyperparameterKind, double[]> gradients;
  private final Map<HyperparameterKind, Integer> scheduleGroups;
  private final List<String> directionNames;
  private final double[] directional;
  private final UnrolledCost cost;

  UnrolledResult(Mode mode, String method, Status status, String detail, int steps, int window,
      double[] trainingLosses, FinalPoint end, Map<HyperparameterKind, double[]> gradients,
      Map<HyperparameterKind, Integer> scheduleGroups, List<String> directionNames, double[] directional,
      UnrolledCost cost) {
    this.mode = mode;
    this.method = method;
    this.status = status;
    this.detail = detail;
    this.steps = steps;
    this.window = window;
    this.trainingLosses = trainingLosses;
    this.end = end;
    this.gradients = gradients == null ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(gradients));
    this.scheduleGroups = scheduleGroups == null ? Map.of() : Map.copyOf(scheduleGroups);
    this.directionNames = directionNames == null ? List.of() : List.copyOf(directionNames);
    this.directional = directional;
    this.cost = cost;
  }

  /** How the run ended. */
  public Status status() {
    return status;
  }

  /** Whether the hypergradients are available. */
  public boolean isOk() {
    return status == Status.OK;
  }

  /** Whether the training run reached step T (status OK or ADJOINT_NON_FINITE). */
  public boolean trainingCompleted() {
    return end != null;
  }

  /** Why the run failed, in one line ("" when it did not). */
  public String detail() {
    return detail;
  }

  /** Reverse or forward mode. */
  public Mode mode() {
    return mode;
  }

  /** The method in words, e.g. {@code "reverse mode, Adam, checkpointed every 5, last 20 of 20 steps"}. */
  public String method() {
    return method;
  }

  /** T, the steps the optimiser was configured for. */
  public int steps() {
    return steps;
  }

  /** K, the steps the backward pass went through (T unless truncated; T in forward mode). */
  public int window() {
    return window;
  }

  /** The steps that ran (T unless the run stopped early). */
  public int stepsRun() {
    return trainingLosses.length;
  }

  /** f(θ_t, λ; B_t) of every step that ran, on its batch (a copy): the history, kept on failure. */
  public double[] trainingLosses() {
    return trainingLosses.clone();
  }

  /** θ_T (a copy). */
  public double[] theta() {
    return finalPoint().theta().clone();
  }

  /** f(θ_T, λ) over the whole training set. */
  public double finalTrainingLoss() {
    return finalPoint().trainingLoss();
  }

  /** ‖∇_θ f(θ_T, λ)‖₂ over the whole training set. */
  public double finalGradientNorm() {
    return finalPoint().trainingGradientNorm();
  }

  /** The validation loss L = g(θ_T, λ) whose hypergradient this is. */
  public double validationLoss() {
    return finalPoint().validationLoss();
  }

  /** ∇_λ g(θ_T, λ), the part of dL/dλ that does not go through training (a copy). */
  public double[] directGradient() {
    return finalPoint().validationGradientLambda().clone();
  }

  /** Whether reverse mode computed the hypergradient of {@code kind}. */
  public boolean hasGradient(HyperparameterKind kind) {
    return gradients.containsKey(kind);
  }

  /** The kinds whose hypergradients were computed. */
  public List<HyperparameterKind> gradientKinds() {
    return new ArrayList<>(gradients.keySet());
  }

  /**
   * dL/dη for the hyperparameters of {@code kind} (a copy): for a schedule, one entry per step
   * and group, step-major (entry t·G + k, G = {@link #scheduleGroups}; steps before a truncated
   * window are 0); for θ₀ one per parameter; for λ one per hyperparameter.
   *
   * @throws IllegalStateException if the run did not end OK
   * @throws IllegalArgumentException if this kind was not asked for
   */
  public double[] gradient(HyperparameterKind kind) {
    requireOk();
    double[] g = gradients.get(kind);
    if (g == null) {
      throw new IllegalArgumentException("UnrolledResult: no hypergradient of " + kind + " was computed (only "
          + gradients.keySet() + ")");
    }
    return g.clone();
  }

  /** G, the groups of the schedule of {@code kind} (the row length of its hypergradient). */
  public int scheduleGroups(HyperparameterKind kind) {
    Integer g = scheduleGroups.get(kind);
    if (g == null) {
      throw new IllegalArgumentException("UnrolledResult: " + kind + " is not a schedule of this run");
    }
    return g;
  }

  /** Forward mode: the names of the directions, in the order of {@link #directionalDerivatives()}. */
  public List<String> directionNames() {
    return directionNames;
  }

  /**
   * Forward mode: dL/dη along each direction (a copy).
   *
   * @throws IllegalStateException if the run did not end OK or was not in forward mode
   */
  public double[] directionalDerivatives() {
    requireOk();
    if (directional == null) {
      throw new IllegalStateException("UnrolledResult: directional derivatives come from forward mode; this run was "
          + mode);
    }
    return directional.clone();
  }

  /** What the run cost. */
  public UnrolledCost cost() {
    return cost;
  }

  private FinalPoint finalPoint() {
    if (end == null) {
      throw new IllegalStateException("UnrolledResult: training stopped with status " + status + " (" + detail
          + "); only the history and the cost are available");
    }
    return end;
  }

  private void requireOk() {
    if (status != Status.OK) {
      throw new IllegalStateException("UnrolledResult: no hypergradient, the run ended with status " + status
          + " (" + detail + ")");
    }
  }

  @Override
  public String toString() {
    return method + ": " + status + (detail.isEmpty() ? "" : " (" + detail + ")") + ", " + stepsRun() + " of "
        + steps + " steps, " + cost;
  }
}
