package io.github.hypergrad4j.bilevel.stn;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The hyperparameters of a run, bound to a network: their order is the order of the
 * hypernetwork's inputs and of every λ and σ vector of the run. Binding checks that each layer
 * named exists, that nothing is declared twice, that a cutout fits the input image, and that a
 * Self-Tuning Network responds to exactly these hyperparameters (a plain network, h = 0, may be
 * trained under any of them with fixed values).
 *
 * <p>The hypernetwork's input for hyperparameter j is its free variable u_j (perturbed in
 * training) when continuous, and k / K when it is a cutout of side k out of K; at the mean,
 * σ(u_j) = E[k] / K.
 */
public final class HyperparameterSet {

  private final List<Hyperparameter> list;
  private final int imageSide;

  private HyperparameterSet(List<Hyperparameter> list, int imageSide) {
    this.list = List.copyOf(list);
    this.imageSide = imageSide;
  }

  /**
   * Binds declarations to a network.
   *
   * @throws IllegalArgumentException if the list is empty or holds null, a layer does not exist
   *     (dropout: 1 … L−1; l2: 0 … L−1), a kind or layer is declared twice, a cutout does not fit
   *     a square input image, or the network responds to another number of hyperparameters
   */
  public static HyperparameterSet of(HyperMlp model, List<Hyperparameter> hyperparameters) {
    String me = "HyperparameterSet";
    Check.notNull(me, "model", model);
    Check.notNull(me, "hyperparameters", hyperparameters);
    if (hyperparameters.isEmpty()) {
      throw new IllegalArgumentException(me + ": no hyperparameters declared");
    }
    int layers = model.layerCount();
    Set<String> names = new HashSet<>();
    int side = 0;
    for (Hyperparameter p : hyperparameters) {
      Check.notNull(me, "a hyperparameter", p);
      if (!names.add(p.name())) {
        throw new IllegalArgumentException(me + ": " + p.name() + " is declared twice");
      }
      switch (p.kind()) {
        case DROPOUT -> {
          if (p.layer() >= layers) {
            throw new IllegalArgumentException(me + ": " + p.name() + " drops the input of layer " + p.layer()
                + ", but the network has layers 0.." + (layers - 1) + " (dropout needs 1.." + (layers - 1) + ")");
          }
        }
        case L2 -> {
          if (p.layer() >= layers) {
            throw new IllegalArgumentException(me + ": " + p.name() + " penalises layer " + p.layer()
                + ", but the network has layers 0.." + (layers - 1));
          }
        }
        case CUTOUT -> side = imageSide(model.inputs(), p.maxSide());
        default -> { }
      }
    }
    int h = model.hyperInputs();
    if (h != 0 && h != hyperparameters.size()) {
      throw new IllegalArgumentException(me + ": the network responds to " + h + " hyperparameters but "
          + hyperparameters.size() + " are declared " + names);
    }
    return new HyperparameterSet(hyperparameters, side);
  }

  /** {@link #of(HyperMlp, List)} for an array. */
  public static HyperparameterSet of(HyperMlp model, Hyperparameter... hyperparameters) {
    return of(model, hyperparameters == null ? null : List.of(hyperparameters));
  }

  private static int imageSide(int inputs, int maxSide) {
    int side = (int) Math.round(Math.sqrt(inputs));
    if (side * side != inputs) {
      throw new IllegalArgumentException("HyperparameterSet: cutout needs a square one-channel image, but the"
          + " network has " + inputs + " inputs");
    }
    if (maxSide > side) {
      throw new IllegalArgumentException("HyperparameterSet: cutout maxSide " + maxSide + " exceeds the image side "
          + side);
    }
    return side;
  }

  /** Number of hyperparameters h. */
  public int size() {
    return list.size();
  }

  /** Hyperparameter j. */
  public Hyperparameter get(int j) {
    return list.get(j);
  }

  /** All of them, in order. */
  public List<Hyperparameter> list() {
    return list;
  }

  /** Their names, in order. */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    for (Hyperparameter p : list) {
      names.add(p.name());
    }
    return names;
  }

  /** The side of the square input image (0 without a cutout). */
  public int imageSide() {
    return imageSide;
  }

  /** The index of the first hyperparameter of a kind (and layer, for dropout and l2), or −1. */
  public int indexOf(Hyperparameter.Kind kind, int layer) {
    boolean layered = kind == Hyperparameter.Kind.DROPOUT || kind == Hyperparameter.Kind.L2;
    for (int j = 0; j < list.size(); j++) {
      Hyperparameter p = list.get(j);
      if (p.kind() == kind && (!layered || p.layer() == layer)) {
        return j;
      }
    }
    return -1;
  }

  /** The initial free variables u₀. */
  public double[] initialFree() {
    double[] u = new double[list.size()];
    for (int j = 0; j < u.length; j++) {
      u[j] = list.get(j).initialFree();
    }
    return u;
  }

  /** The values (rates, scales, penalties, mean cutout sides) at free variables u. */
  public double[] values(double[] free) {
    Check.finite("HyperparameterSet", "free", free, list.size());
    double[] v = new double[list.size()];
    for (int j = 0; j < v.length; j++) {
      v[j] = list.get(j).value(free[j]);
    }
    return v;
  }

  /**
   * The free variables of values inside their domains (the inverse of {@link #values}).
   *
   * @throws IllegalArgumentException for a value outside its hyperparameter's domain
   */
  public double[] free(double[] values) {
    Check.finite("HyperparameterSet", "values", values, list.size());
    double[] u = new double[list.size()];
    for (int j = 0; j < u.length; j++) {
      Hyperparameter p = list.get(j);
      double v = p.isDiscrete() ? values[j] / p.maxSide() : values[j];
      boolean inside = p.transform() == Transform.LOG ? v > 0 : v > 0 && v < 1;
      if (!inside) {
        throw new IllegalArgumentException("HyperparameterSet: " + p.name() + " = " + values[j] + " is outside its domain");
      }
      u[j] = p.transform().free(v);
    }
    return u;
  }

  /** The hypernetwork's input at the mean: u_j, or σ(u_j) = E[k]/K for a cutout. */
  public double[] meanInputs(double[] free) {
    double[] x = free.clone();
    for (int j = 0; j < x.length; j++) {
      if (list.get(j).isDiscrete()) {
        x[j] = Transform.LOGIT.value(free[j]);
      }
    }
    return x;
  }

  /** 1 for each continuous hyperparameter, 0 for each discrete one. */
  double[] continuousMask() {
    double[] m = new double[list.size()];
    for (int j = 0; j < m.length; j++) {
      m[j] = list.get(j).isDiscrete() ? 0 : 1;
    }
    return m;
  }

  /** Whether any hyperparameter is discrete. */
  boolean hasDiscrete() {
    for (Hyperparameter p : list) {
      if (p.isDiscrete()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return list.toString();
  }
}
