package io.github.hypergrad4j.bench.data;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (LeCun's MNIST format: a big-endian header — magic number 0x0000080d with d the
 * number of dimensions, then one 32-bit size per dimension — followed by unsigned bytes), as
 * Debian's package {@code dataset-fashion-mnist} installs them for Fashion-MNIST (70,000 28×28
 * grey images in 10 classes, MIT licence) in {@value #DEFAULT_FOLDER}.
 */
public final class IdxReader {

  /** Where Debian's {@code dataset-fashion-mnist} puts the files. */
  public static final String DEFAULT_FOLDER = "/usr/share/datasets/fashion-mnist";

  private static final String INSTALL_HINT =
      "install it with 'sudo apt-get install -y dataset-fashion-mnist', or give the folder holding "
          + "train-images-idx3-ubyte.gz and train-labels-idx1-ubyte.gz";

  private IdxReader() {}

  /**
   * {@code count} examples of the Fashion-MNIST training part from the default folder, drawn
   * without replacement with {@code seed}; pixels scaled to [0, 1].
   */
  public static Dataset fashionMnistTraining(int count, long seed) {
    return fashionMnist(Path.of(DEFAULT_FOLDER), "train", count, seed);
  }

  /** The same from {@code folder}, part "train" or "t10k". */
  public static Dataset fashionMnist(Path folder, String part, int count, long seed) {
    Path images = folder.resolve(part + "-images-idx3-ubyte.gz");
    Path labels = folder.resolve(part + "-labels-idx1-ubyte.gz");
    if (!Files.isRegularFile(images) || !Files.isRegularFile(labels)) {
      throw new IllegalArgumentException("Fashion-MNIST is not in " + folder + ": " + INSTALL_HINT);
    }
    byte[][] x = read(images, 3);
    byte[][] y = read(labels, 1);
    int n = x.length;
    if (y.length != n) {
      throw new IllegalArgumentException(images + " holds " + n + " images but " + labels + " holds " + y.length + " labels");
    }
    int take = Math.min(count, n);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < take; i++) {
      int j = i + random.nextInt(n - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int cols = x[0].length;
    double[] features = new double[take * cols];
    int[] classes = new int[take];
    int max = 0;
    for (int r = 0; r < take; r++) {
      byte[] img = x[order[r]];
      for (int c = 0; c < cols; c++) {
        features[r * cols + c] = (img[c] & 0xff) / 255.0;
      }
      classes[r] = y[order[r]][0] & 0xff;
      max = Math.max(max, classes[r]);
    }
    return new Dataset("fashion-mnist " + part + " (" + take + " of " + n + ")", features, take, cols, classes, null, max + 1);
  }

  /** The records of an IDX file with {@code dims} dimensions: one byte array per first index. */
  static byte[][] read(Path file, int dims) {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
      int magic = in.readInt();
      if ((magic >>> 8) != 0x08 || (magic & 0xff) != dims) {
        throw new IllegalArgumentException(file + ": not an IDX file of unsigned bytes with " + dims
            + " dimensions (magic number 0x" + Integer.toHexString(magic) + ")");
      }
      int n = in.readInt();
      int size = 1;
      for (int d = 1; d < dims; d++) {
        size *= in.readInt();
      }
      if (n < 0 || size <= 0) {
        throw new IllegalArgumentException(file + ": invalid sizes in the header");
      }
      byte[][] records = new byte[n][size];
      for (int i = 0; i < n; i++) {
        in.readFully(records[i]);
      }
      return records;
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }
}
