package io.github.hypergrad4j.bilevel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * Test-only: reads the embedded data sets (see {@code resources/data/README.md}), splits them into
 * train and validation rows with a seeded shuffle, and standardises every feature with the
 * training rows' mean and standard deviation (the validation rows get the same affine map, so no
 * validation statistic leaks into the model). Regression targets are centred on the training mean,
 * so a model without an intercept is fair.
 */
final class TestData {

  private TestData() {}

  /**
   * A train/validation split, row-major.
   *
   * @param xTrain nTrain × d features
   * @param yTrain nTrain targets (centred regression targets, or 0/1 labels)
   * @param xVal nVal × d features, standardised with the training statistics
   * @param yVal nVal targets
   */
  record Split(double[] xTrain, double[] yTrain, double[] xVal, double[] yVal, int d) {
    int nTrain() {
      return yTrain.length;
    }

    int nVal() {
      return yVal.length;
    }
  }

  /** Diabetes (442 × 10): standardised features, targets centred on the training mean. */
  static Split diabetes(long seed, int trainRows) {
    List<double[]> rows = readLines("diabetes_data_raw.csv.gz", true, "\\s+");
    List<double[]> target = readLines("diabetes_target.csv.gz", true, "\\s+");
    if (rows.size() != 442 || target.size() != 442) {
      throw new IllegalStateException("diabetes: expected 442 rows, got " + rows.size() + " and " + target.size());
    }
    double[][] x = rows.toArray(new double[0][]);
    double[] y = new double[x.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = target.get(i)[0];
    }
    Split s = split(x, y, seed, trainRows);
    double mean = 0;
    for (double v : s.yTrain) {
      mean += v;
    }
    mean /= s.nTrain();
    for (int i = 0; i < s.yTrain.length; i++) {
      s.yTrain[i] -= mean;
    }
    for (int i = 0; i < s.yVal.length; i++) {
      s.yVal[i] -= mean;
    }
    return s;
  }

  /** Breast cancer (569 × 30): standardised features, labels 0 (malignant) / 1 (benign). */
  static Split breastCancer(long seed, int trainRows) {
    List<double[]> rows = readLines("breast_cancer.csv", false, ",");
    rows.remove(0); // header: n_rows, n_features, class names
    if (rows.size() != 569) {
      throw new IllegalStateException("breast cancer: expected 569 rows, got " + rows.size());
    }
    double[][] x = new double[rows.size()][];
    double[] y = new double[rows.size()];
    for (int i = 0; i < x.length; i++) {
      double[] r = rows.get(i);
      x[i] = java.util.Arrays.copyOf(r, 30);
      y[i] = r[30];
    }
    return split(x, y, seed, trainRows);
  }

  private static Split split(double[][] x, double[] y, long seed, int trainRows) {
    int n = x.length;
    int d = x[0].length;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Random r = new Random(seed);
    for (int i = n - 1; i > 0; i--) { // Fisher-Yates
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    double[] mean = new double[d];
    double[] sd = new double[d];
    for (int k = 0; k < trainRows; k++) {
      for (int j = 0; j < d; j++) {
        mean[j] += x[order[k]][j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= trainRows;
    }
    for (int k = 0; k < trainRows; k++) {
      for (int j = 0; j < d; j++) {
        double c = x[order[k]][j] - mean[j];
        sd[j] += c * c;
      }
    }
    for (int j = 0; j < d; j++) {
      sd[j] = Math.sqrt(sd[j] / trainRows);
      if (!(sd[j] > 0)) {
        throw new IllegalStateException("feature " + j + " is constant on the training rows");
      }
    }
    int nVal = n - trainRows;
    double[] xt = new double[trainRows * d];
    double[] yt = new double[trainRows];
    double[] xv = new double[nVal * d];
    double[] yv = new double[nVal];
    for (int k = 0; k < n; k++) {
      double[] row = x[order[k]];
      double[] dst = k < trainRows ? xt : xv;
      int at = (k < trainRows ? k : k - trainRows) * d;
      for (int j = 0; j < d; j++) {
        dst[at + j] = (row[j] - mean[j]) / sd[j];
      }
      if (k < trainRows) {
        yt[k] = y[order[k]];
      } else {
        yv[k - trainRows] = y[order[k]];
      }
    }
    return new Split(xt, yt, xv, yv, d);
  }

  private static List<double[]> readLines(String name, boolean gzip, String separator) {
    try (InputStream raw = TestData.class.getResourceAsStream("/data/" + name)) {
      if (raw == null) {
        throw new IllegalStateException("test resource /data/" + name + " is missing");
      }
      InputStream in = gzip ? new GZIPInputStream(raw) : raw;
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<double[]> out = new ArrayList<>();
      String line;
      boolean first = true;
      while ((line = reader.readLine()) != null) {
        line = line.strip();
        if (line.isEmpty()) {
          continue;
        }
        String[] parts = line.split(separator);
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
          // the breast-cancer header holds class names: keep the line, mark those fields NaN
          v[i] = first && !gzip ? parseOrNaN(parts[i]) : Double.parseDouble(parts[i]);
        }
        out.add(v);
        first = false;
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("reading test resource /data/" + name, e);
    }
  }

  private static double parseOrNaN(String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
