package io.github.hypergrad4j.bilevel.stn;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Random;

/**
 * Test-only data: the diabetes split and the ridge closed form of the {@code bilevel} package's
 * tests ({@code TestData}, {@code RidgeClosedForm}), reused through reflection (they are
 * package-private there, in the same module), and seeded synthetic 8 × 8 "digits".
 */
final class Fixtures {

  private Fixtures() {}

  /**
   * Ridge regression, f = mean(r²) + ½λ‖θ‖² on the training rows (loss weight c = 1, the form of
   * the STN's training loss), g = mean validation r², solved in closed form by the bilevel tests'
   * {@code RidgeClosedForm} (Cholesky). Features and targets are centred on the training means, so
   * an unpenalised bias is 0 at the optimum and a linear layer with a bias has the same θ*(λ).
   */
  static final class Ridge {
    final StnData train;
    final StnData validation;
    final int d;
    private final Object form;

    private Ridge(Object split) throws ReflectiveOperationException {
      d = (Integer) accessor(split, "d");
      train = StnData.regression((double[]) accessor(split, "xTrain"), d, (double[]) accessor(split, "yTrain"));
      validation = StnData.regression((double[]) accessor(split, "xVal"), d, (double[]) accessor(split, "yVal"));
      Constructor<?> c = Class.forName("io.github.hypergrad4j.bilevel.RidgeClosedForm")
          .getDeclaredConstructor(splitType(), double.class);
      c.setAccessible(true);
      form = c.newInstance(split, 1.0);
    }

    /** Diabetes (442 × 10) through {@code TestData.diabetes(seed, trainRows)}. */
    static Ridge diabetes(long seed, int trainRows) {
      try {
        Method diabetes = Class.forName("io.github.hypergrad4j.bilevel.TestData")
            .getDeclaredMethod("diabetes", long.class, int.class);
        diabetes.setAccessible(true);
        return new Ridge(diabetes.invoke(null, seed, trainRows));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("reading diabetes through TestData and RidgeClosedForm", e);
      }
    }

    /**
     * y = xᵀθ_true + noise·z, x and θ_true standard normal (d of them), z standard normal; the
     * first nTrain rows train, the next nVal validate; centred on the training means.
     */
    static Ridge synthetic(long seed, int nTrain, int nVal, int d, double noise) {
      Random r = new Random(seed);
      double[] theta = new double[d];
      for (int j = 0; j < d; j++) {
        theta[j] = r.nextGaussian();
      }
      int n = nTrain + nVal;
      double[] x = new double[n * d];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          x[i * d + j] = r.nextGaussian();
          y[i] += x[i * d + j] * theta[j];
        }
        y[i] += noise * r.nextGaussian();
      }
      for (int j = 0; j <= d; j++) { // centre the features (j < d) and the targets (j = d)
        double mean = 0;
        for (int i = 0; i < nTrain; i++) {
          mean += j < d ? x[i * d + j] : y[i];
        }
        mean /= nTrain;
        for (int i = 0; i < n; i++) {
          if (j < d) {
            x[i * d + j] -= mean;
          } else {
            y[i] -= mean;
          }
        }
      }
      try {
        Constructor<?> split = splitType().getDeclaredConstructor(double[].class, double[].class, double[].class,
            double[].class, int.class);
        split.setAccessible(true);
        return new Ridge(split.newInstance(java.util.Arrays.copyOf(x, nTrain * d), java.util.Arrays.copyOf(y, nTrain),
            java.util.Arrays.copyOfRange(x, nTrain * d, n * d), java.util.Arrays.copyOfRange(y, nTrain, n), d));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("building a TestData.Split for RidgeClosedForm", e);
      }
    }

    private static Class<?> splitType() throws ClassNotFoundException {
      return Class.forName("io.github.hypergrad4j.bilevel.TestData$Split");
    }

    /** θ*(λ) for one penalty λ. */
    double[] thetaStar(double lambda) {
      return (double[]) call("thetaStar", new double[] {lambda});
    }

    /** G(λ) = g(θ*(λ)). */
    double validationLossAt(double lambda) {
      return (Double) call("validationLossAt", new double[] {lambda});
    }

    /** dG/dλ in closed form. */
    double hypergradient(double lambda) {
      return ((double[]) call("hypergradient", new double[] {lambda}))[0];
    }

    /** argmin G over log λ by golden-section search on [lo, hi], to 1e-10 in log λ. */
    double optimalLambda(double lo, double hi) {
      double a = Math.log(lo);
      double b = Math.log(hi);
      double r = (Math.sqrt(5) - 1) / 2;
      while (b - a > 1e-10) {
        double c = b - r * (b - a);
        double e = a + r * (b - a);
        if (validationLossAt(Math.exp(c)) < validationLossAt(Math.exp(e))) {
          b = e;
        } else {
          a = c;
        }
      }
      return Math.exp((a + b) / 2);
    }

    private Object call(String name, double[] arg) {
      try {
        Method m = form.getClass().getDeclaredMethod(name, double[].class);
        m.setAccessible(true);
        return m.invoke(form, (Object) arg);
      } catch (InvocationTargetException e) {
        throw new IllegalStateException(e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static Object accessor(Object record, String name) throws ReflectiveOperationException {
    Method m = record.getClass().getDeclaredMethod(name);
    m.setAccessible(true);
    return m.invoke(record);
  }

  /**
   * Digits-sized synthetic images: 8 × 8 pixels, 10 classes. Each class is a fixed random
   * pattern of strokes; an example is its class's pattern shifted by up to one pixel in each
   * direction, with Gaussian pixel noise of standard deviation {@code noise}. Pixels are
   * standardised with the training rows' mean and standard deviation. Returns {train, validation}.
   */
  static StnData[] digits(int nTrain, int nValidation, double noise, long seed) {
    int n = nTrain + nValidation;
    Random r = new Random(seed);
    double[][] patterns = new double[10][64];
    Random shapes = new Random(12345); // the same classes for every seed
    for (double[] p : patterns) {
      for (int stroke = 0; stroke < 3; stroke++) {
        int y = shapes.nextInt(8);
        int x = shapes.nextInt(8);
        boolean vertical = shapes.nextBoolean();
        for (int k = 0; k < 5; k++) {
          int yy = vertical ? (y + k) % 8 : y;
          int xx = vertical ? x : (x + k) % 8;
          p[yy * 8 + xx] = 1;
        }
      }
    }
    double[] xs = new double[n * 64];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = r.nextInt(10);
      int dy = r.nextInt(3) - 1;
      int dx = r.nextInt(3) - 1;
      for (int y = 0; y < 8; y++) {
        for (int x = 0; x < 8; x++) {
          int sy = y - dy;
          int sx = x - dx;
          double v = sy >= 0 && sy < 8 && sx >= 0 && sx < 8 ? patterns[labels[i]][sy * 8 + sx] : 0;
          xs[i * 64 + y * 8 + x] = v + noise * r.nextGaussian();
        }
      }
    }
    int cells = nTrain * 64;
    double mean = 0;
    for (int k = 0; k < cells; k++) {
      mean += xs[k];
    }
    mean /= cells;
    double var = 0;
    for (int k = 0; k < cells; k++) {
      var += (xs[k] - mean) * (xs[k] - mean);
    }
    double sd = Math.sqrt(var / cells);
    for (int k = 0; k < xs.length; k++) {
      xs[k] = (xs[k] - mean) / sd;
    }
    return new StnData[] {
      StnData.classification(java.util.Arrays.copyOf(xs, cells), 64, java.util.Arrays.copyOf(labels, nTrain), 10),
      StnData.classification(java.util.Arrays.copyOfRange(xs, cells, xs.length), 64,
          java.util.Arrays.copyOfRange(labels, nTrain, n), 10)
    };
  }
}
