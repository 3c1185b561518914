package io.github.hypergrad4j.bench.data;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The data sets embedded in this module — {@link #breastCancer()}, {@link #digits()}, {@link
 * #diabetes()}, copied from the project's shared data folder — with their documented feature
 * names, and {@link #labelledCsv(Path)} for a labelled CSV file ({@link LabelledCsv}).
 */
public final class DatasetReader {

  private static final String RESOURCES = "/io/github/hypergrad4j/bench/data/";

  /**
   * The 30 features of the Wisconsin diagnostic breast cancer data (Street, Wolberg and
   * Mangasarian 1993): ten measurements of the cell nuclei in an image — their mean, their
   * standard error and their worst (mean of the three largest) value, in that order, as in the
   * file. The file's header holds only its sizes and the class names.
   */
  private static final List<String> BREAST_CANCER_FEATURES = breastCancerNames();

  /** The ten raw features of the diabetes data (Efron et al. 2004), six blood serum measurements last. */
  private static final List<String> DIABETES_FEATURES =
      List.of("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6");

  private DatasetReader() {}

  /**
   * Breast cancer Wisconsin (diagnostic), named "breast-cancer": 569 × 30 with the documented
   * feature names ("mean radius", …, "worst fractal dimension"), classes malignant (0) and
   * benign (1).
   */
  public static Dataset breastCancer() {
    return LabelledCsv.parse("breast_cancer.csv", resourceBytes("breast_cancer.csv"), LabelledCsv.Header.YES,
        "breast-cancer", BREAST_CANCER_FEATURES);
  }

  /**
   * Optical digits (test part), named "digits": 1797 × 64 pixel values 0..16 of 8×8 images
   * (features "pixel (r,c)"), ten classes.
   */
  public static Dataset digits() {
    return LabelledCsv.parse("digits.csv.gz", resourceBytes("digits.csv.gz"), LabelledCsv.Header.NO, "digits",
        Dataset.pixelNames(8, 8));
  }

  /** Diabetes, named "diabetes": 442 × 10 raw features (age, sex, bmi, bp, s1..s6) and a real target. */
  public static Dataset diabetes() {
    List<double[]> x = spaceSeparated("diabetes_data_raw.csv.gz");
    List<double[]> y = spaceSeparated("diabetes_target.csv.gz");
    if (x.size() != y.size()) {
      throw new DataException("DatasetReader.diabetes", "diabetes: " + x.size() + " feature rows but " + y.size()
          + " targets");
    }
    int cols = DIABETES_FEATURES.size();
    double[] features = new double[x.size() * cols];
    double[] targets = new double[y.size()];
    for (int i = 0; i < x.size(); i++) {
      if (x.get(i).length != cols || y.get(i).length != 1) {
        throw new DataException("DatasetReader.diabetes", "diabetes: line " + (i + 1) + " has " + x.get(i).length
            + " features and " + y.get(i).length + " targets, expected " + cols + " and 1");
      }
      System.arraycopy(x.get(i), 0, features, i * cols, cols);
      targets[i] = y.get(i)[0];
    }
    return new Dataset("diabetes", features, x.size(), cols, null, targets, 0, DIABETES_FEATURES);
  }

  /**
   * A labelled CSV file read by {@link LabelledCsv#read} with the rule {@link
   * LabelledCsv.Header#AUTO}: a first line with no number is a header, one of numbers is data,
   * one of both is refused.
   */
  public static Dataset labelledCsv(Path file) {
    return LabelledCsv.read(file, LabelledCsv.Header.AUTO);
  }

  private static byte[] resourceBytes(String name) {
    InputStream in = DatasetReader.class.getResourceAsStream(RESOURCES + name);
    if (in == null) {
      throw new IllegalStateException("DatasetReader: the embedded data set " + name + " is missing from the jar");
    }
    return Inputs.readAll("DatasetReader", name, in);
  }

  /** The non-blank lines of an embedded file of space-separated numbers. */
  private static List<double[]> spaceSeparated(String name) {
    List<double[]> rows = new ArrayList<>();
    String[] lines = new String(resourceBytes(name), StandardCharsets.UTF_8).split("\n");
    for (int i = 0; i < lines.length; i++) {
      String trimmed = lines[i].trim();
      if (!trimmed.isEmpty()) {
        rows.add(LabelledCsv.numbers("DatasetReader.diabetes", name, i + 1, trimmed.split("\\s+"), ""));
      }
    }
    return rows;
  }

  private static List<String> breastCancerNames() {
    String[] measures = {"radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity",
        "concave points", "symmetry", "fractal dimension"};
    List<String> names = new ArrayList<>();
    for (String m : measures) {
      names.add("mean " + m);
    }
    for (String m : measures) {
      names.add(m + " error");
    }
    for (String m : measures) {
      names.add("worst " + m);
    }
    return List.copyOf(names);
  }
}
