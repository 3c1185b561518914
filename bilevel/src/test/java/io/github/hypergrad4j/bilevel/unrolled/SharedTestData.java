package io.github.hypergrad4j.bilevel.unrolled;

import io.github.hypergrad4j.bilevel.Objective;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Test-only: the data sets and the ridge closed form of the {@code bilevel} package's tests
 * ({@code TestData}, {@code RidgeClosedForm}), reused rather than copied. They are package-private
 * there; this package's tests live in the same module, where reflection may open them.
 */
final class SharedTestData {

  private SharedTestData() {}

  /** A train/validation split, row-major, features standardised on the training rows. */
  record Split(double[] xTrain, double[] yTrain, double[] xVal, double[] yVal, int d, Object original) {
    int nTrain() {
      return yTrain.length;
    }

    int nVal() {
      return yVal.length;
    }
  }

  /** Breast cancer (569 × 30), labels 0/1: {@code TestData.breastCancer(seed, trainRows)}. */
  static Split breastCancer(long seed, int trainRows) {
    return split("breastCancer", seed, trainRows);
  }

  /** Diabetes (442 × 10), centred targets: {@code TestData.diabetes(seed, trainRows)}. */
  static Split diabetes(long seed, int trainRows) {
    return split("diabetes", seed, trainRows);
  }

  /**
   * Ridge regression in closed form ({@code RidgeClosedForm} with loss weight c): f = c·mean(r²)
   * + ½Σλ_jθ_j², g = mean validation r², θ*(λ) by Cholesky and dG/dλ = −θ*ᵀ A⁻¹∇_θ g.
   */
  static final class Ridge {
    private final Object form;

    Ridge(Split data, double lossWeight) {
      try {
        Class<?> split = Class.forName("io.github.hypergrad4j.bilevel.TestData$Split");
        Constructor<?> c = Class.forName("io.github.hypergrad4j.bilevel.RidgeClosedForm")
            .getDeclaredConstructor(split, double.class);
        c.setAccessible(true);
        form = c.newInstance(data.original(), lossWeight);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }

    double[] thetaStar(double[] lambda) {
      return (double[]) call("thetaStar", lambda);
    }

    double[] hypergradient(double[] lambda) {
      return (double[]) call("hypergradient", lambda);
    }

    Objective inner() {
      return (Objective) call("inner");
    }

    Objective outer() {
      return (Objective) call("outer");
    }

    private Object call(String name, Object... args) {
      try {
        Class<?>[] types = new Class<?>[args.length];
        for (int i = 0; i < args.length; i++) {
          types[i] = args[i].getClass();
        }
        Method m = form.getClass().getDeclaredMethod(name, types);
        m.setAccessible(true);
        return m.invoke(form, args);
      } catch (InvocationTargetException e) {
        throw new IllegalStateException(e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static Split split(String which, long seed, int trainRows) {
    try {
      Class<?> data = Class.forName("io.github.hypergrad4j.bilevel.TestData");
      Method m = data.getDeclaredMethod(which, long.class, int.class);
      m.setAccessible(true);
      Object s = m.invoke(null, seed, trainRows);
      return new Split(field(s, "xTrain"), field(s, "yTrain"), field(s, "xVal"), field(s, "yVal"),
          (Integer) accessor(s, "d"), s);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("reading " + which + " through TestData", e);
    }
  }

  private static double[] field(Object record, String name) throws ReflectiveOperationException {
    return (double[]) accessor(record, name);
  }

  private static Object accessor(Object record, String name) throws ReflectiveOperationException {
    Method m = record.getClass().getDeclaredMethod(name);
    m.setAccessible(true);
    return m.invoke(record);
  }
}
