package io.github.hypergrad4j.bilevel.unrolled;

import io.github.hypergrad4j.linalg.Kernels;
import java.util.List;

/**
 * The schedules of one optimiser with its parameter groups, validated once: all of the same
 * length T ≥ 1, each with one group or as many as the {@link ParameterGroups}, each inside the
 * range its kind needs. Expands a step's values to one per parameter and accumulates per-group
 * adjoints, so the optimisers' step rules can work on plain vectors.
 */
final class ScheduleSet {

  /** The range a kind's values must lie in. */
  record Range(HyperparameterKind kind, String label, double lo, double hi, boolean hiInclusive) {
    static Range nonNegative(HyperparameterKind kind, String label) {
      return new Range(kind, label, 0, Double.POSITIVE_INFINITY, false);
    }

    static Range unitInterval(HyperparameterKind kind, String label, boolean oneIncluded) {
      return new Range(kind, label, 0, 1, oneIncluded);
    }
  }

  private final String owner;
  private final List<Range> ranges;
  private final Schedule[] schedules;
  private final ParameterGroups groups;
  private final int steps;

  ScheduleSet(String owner, ParameterGroups groups, List<Range> ranges, Schedule... schedules) {
    this.owner = owner;
    this.ranges = List.copyOf(ranges);
    this.schedules = schedules.clone();
    this.groups = groups;
    int t = -1;
    for (int j = 0; j < schedules.length; j++) {
      Range r = ranges.get(j);
      Schedule s = schedules[j];
      if (s == null) {
        throw new IllegalArgumentException(owner + ": the " + r.label() + " schedule is null");
      }
      if (t >= 0 && s.steps() != t) {
        throw new IllegalArgumentException(owner + ": the " + r.label() + " schedule has " + s.steps()
            + " steps but the " + ranges.get(0).label() + " schedule has " + t);
      }
      t = s.steps();
      if (s.groups() > 1 && (groups == null || groups.count() != s.groups())) {
        throw new IllegalArgumentException(owner + ": the " + r.label() + " schedule has " + s.groups()
            + " groups but the parameter groups are "
            + (groups == null ? "not given" : groups.count() + " groups"));
      }
      for (int i = 0; i < s.steps() * s.groups(); i++) {
        double v = s.at(i);
        if (!(v >= r.lo()) || (r.hiInclusive() ? v > r.hi() : v >= r.hi())) {
          throw new IllegalArgumentException(owner + ": the " + r.label() + " at step " + i / s.groups()
              + ", group " + i % s.groups() + " is " + v + ", outside " + "[" + r.lo() + ", " + r.hi()
              + (r.hiInclusive() ? "]" : ")"));
        }
      }
    }
    this.steps = t;
  }

  /** A learning rate α ≥ 0 and a momentum γ in [0, 1] (or [0, 1)), validated for {@code owner}. */
  static ScheduleSet learningRateAndMomentum(String owner, ParameterGroups groups, Schedule learningRate,
      Schedule momentum, boolean oneIncluded) {
    return new ScheduleSet(owner, groups, List.of(Range.nonNegative(HyperparameterKind.LEARNING_RATE, "learning rate"),
        Range.unitInterval(HyperparameterKind.MOMENTUM, "momentum", oneIncluded)), learningRate, momentum);
  }

  /** The same set with the schedule of {@code kind} replaced (validated again). */
  ScheduleSet with(HyperparameterKind kind, Schedule s) {
    Schedule[] copy = schedules.clone();
    copy[index(kind)] = s;
    return new ScheduleSet(owner, groups, ranges, copy);
  }

  int steps() {
    return steps;
  }

  List<HyperparameterKind> kinds() {
    return ranges.stream().map(Range::kind).toList();
  }

  ParameterGroups groups() {
    return groups;
  }

  Schedule get(HyperparameterKind kind) {
    return schedules[index(kind)];
  }

  /** The position of {@code kind} among this set's schedules. */
  int index(HyperparameterKind kind) {
    for (int j = 0; j < ranges.size(); j++) {
      if (ranges.get(j).kind() == kind) {
        return j;
      }
    }
    throw new IllegalArgumentException(owner + ": has no " + kind + " schedule (it has " + kinds() + ")");
  }

  /** Throws unless the parameter groups (if any) cover exactly d parameters. */
  void checkDimension(int d) {
    if (groups != null && groups.size() != d) {
      throw new IllegalArgumentException(owner + ": the parameter groups cover " + groups.size()
          + " parameters but theta has " + d);
    }
  }

  /** out[i] = the value of schedule j at step t for parameter i's group. */
  void expand(int j, int t, double[] out) {
    Schedule s = schedules[j];
    if (s.groups() == 1) {
      Kernels.fill(out, s.at(t));
    } else {
      groups.expand(s.valuesView(), t * s.groups(), out);
    }
  }

  /**
   * out[i] = {@code perGroup[group(i)]}: a step's tangent of schedule j given per group. Returns
   * false (and leaves out alone) when {@code perGroup} is null, meaning zero.
   */
  boolean expandTangent(int j, double[] perGroup, double[] out) {
    if (perGroup == null) {
      return false;
    }
    if (schedules[j].groups() == 1) {
      Kernels.fill(out, perGroup[0]);
    } else {
      groups.expand(perGroup, 0, out);
    }
    return true;
  }

  /**
   * adjoint[t·G + k] += scale·Σ_{i in group k} a_i b_i for schedule j (nothing when {@code
   * adjoint} is null: that schedule's hypergradient was not asked for).
   */
  void accumulate(int j, int t, double scale, double[] a, double[] b, double[] adjoint) {
    if (adjoint == null) {
      return;
    }
    int g = schedules[j].groups();
    if (g == 1) {
      adjoint[t] += scale * Kernels.dot(a, b);
    } else {
      groups.addGroupDots(scale, a, b, adjoint, t * g);
    }
  }
}
