package io.github.hypergrad4j.bench.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Reads IDX files (LeCun's MNIST format: a big-endian header — magic number 0x0000080d with d the
 * number of dimensions, then one 32-bit size per dimension — followed by unsigned bytes), as
 * Debian's package {@code dataset-fashion-mnist} installs them for Fashion-MNIST (70,000 28×28
 * grey images in 10 classes, MIT licence) in {@value #DEFAULT_FOLDER}; gzip'd ({@code
 * train-images-idx3-ubyte.gz}) or not ({@code train-images-idx3-ubyte}).
 *
 * <p>The header's sizes are checked against the data before anything is allocated for them: an
 * uncompressed file must hold exactly the bytes its header announces, a gzip'd one must
 * decompress to exactly that many (a stream that ends early, is corrupt or is longer is refused),
 * and at most 2 GiB of data are read. Every mistake is a {@link DataException} naming the file.
 */
public final class IdxReader {

  /** Where Debian's {@code dataset-fashion-mnist} puts the files. */
  public static final String DEFAULT_FOLDER = "/usr/share/datasets/fashion-mnist";

  private static final String ROUTINE = "IdxReader.fashionMnist";

  private static final String INSTALL_HINT =
      "install it with 'sudo apt-get install -y dataset-fashion-mnist', or give the folder holding "
          + "train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz]";

  /** The most data bytes one file may announce (the largest Java array). */
  private static final long MAX_BYTES = Integer.MAX_VALUE - 8;

  private IdxReader() {}

  /**
   * {@code count} examples of the Fashion-MNIST training part from the default folder, drawn
   * without replacement with {@code seed}; pixels scaled to [0, 1].
   */
  public static Dataset fashionMnistTraining(int count, long seed) {
    return fashionMnist(Path.of(DEFAULT_FOLDER), "train", count, seed);
  }

  /**
   * Part "train" or "t10k" of Fashion-MNIST from {@code folder}: {@code count} images drawn
   * without replacement with {@code seed} by {@link Sampling#draw} (the same examples {@link
   * Dataset#sample} draws), or all of them in file order when {@code count} is at least their
   * number. Pixels are scaled to [0, 1] and named "pixel (r,c)"; the labels file must hold one
   * label per image, the classes numbered 0..K−1 without gaps ({@link ClassLabels}). Named
   * "fashion-mnist train" with the qualifier "5000 of 60000 drawn with seed 7" when drawn.
   */
  public static Dataset fashionMnist(Path folder, String part, int count, long seed) {
    if (count < 1) {
      throw new IllegalArgumentException(ROUTINE + ": count must be at least 1, got " + count);
    }
    Path images = find(folder, part + "-images-idx3-ubyte");
    Path labels = find(folder, part + "-labels-idx1-ubyte");
    if (images == null || labels == null) {
      throw new DataException(ROUTINE, "Fashion-MNIST is not in " + folder + " (no " + part
          + (images == null ? "-images-idx3-ubyte[.gz]" : "-labels-idx1-ubyte[.gz]") + "): " + INSTALL_HINT);
    }
    Idx x = read(images, 3);
    Idx y = read(labels, 1);
    int n = x.count();
    if (y.count() != n) {
      throw new DataException(ROUTINE, images + " holds " + n + " images but " + labels + " holds " + y.count()
          + " labels");
    }
    int[] counts = new int[ClassLabels.MAX_CLASSES];
    for (byte b : y.data()) {
      counts[b & 0xff]++;
    }
    int classes = ClassLabels.classes(ROUTINE, labels.toString(), counts);
    int take = Math.min(count, n);
    int[] rows = take < n ? Sampling.draw(n, take, seed) : IntStream.range(0, n).toArray();
    int cols = x.recordSize();
    double[] features = new double[take * cols];
    int[] classOf = new int[take];
    for (int r = 0; r < take; r++) {
      int from = rows[r] * cols;
      for (int c = 0; c < cols; c++) {
        features[r * cols + c] = (x.data()[from + c] & 0xff) / 255.0;
      }
      classOf[r] = y.data()[rows[r]] & 0xff;
    }
    String name = "fashion-mnist " + part + (take < n ? ", " + Sampling.describe(take, n, seed) : "");
    return new Dataset(name, features, take, cols, classOf, null, classes,
        Dataset.pixelNames(x.sizes()[1], x.sizes()[2]));
  }

  /**
   * Whether {@code file} is an IDX file of unsigned bytes with one or three dimensions (labels or
   * images): its name ends in "-idx1-ubyte" or "-idx3-ubyte" (gzip'd: with ".gz"), or its first
   * four bytes — decompressed when the name ends in ".gz" — are the magic number 0x00000801 or
   * 0x00000803. A file that cannot be read, or is shorter, is not one. For a reader of other
   * formats to say what it was given instead of failing to parse it.
   */
  public static boolean isIdxFile(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    if (name.matches(".*-idx[13]-ubyte(\\.gz)?")) {
      return true;
    }
    try (InputStream raw = Files.newInputStream(file); InputStream in = Inputs.open(name, raw)) {
      byte[] head = in.readNBytes(4);
      if (head.length < 4) {
        return false;
      }
      int magic = ByteBuffer.wrap(head).getInt();
      return magic == 0x0801 || magic == 0x0803;
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code folder/name.gz}, else {@code folder/name}, else null. */
  private static Path find(Path folder, String name) {
    for (Path p : new Path[] {folder.resolve(name + ".gz"), folder.resolve(name)}) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  /**
   * The contents of an IDX file: {@code sizes[0]} records of {@link #recordSize()} bytes each,
   * concatenated in {@code data}.
   */
  record Idx(int[] sizes, byte[] data) {
    int count() {
      return sizes[0];
    }

    int recordSize() {
      return data.length / sizes[0];
    }
  }

  /** The records of an IDX file of unsigned bytes with {@code dims} dimensions. */
  static Idx read(Path file, int dims) {
    String source = file.toString();
    try (InputStream raw = Files.newInputStream(file); InputStream in = Inputs.open(source, raw)) {
      byte[] head = in.readNBytes(4);
      if (head.length < 4) {
        throw new DataException(ROUTINE, source + ": too short for an IDX file (" + head.length + " bytes)");
      }
      int magic = ByteBuffer.wrap(head).getInt();
      if ((magic >>> 8) != 0x08 || (magic & 0xff) != dims) {
        throw new DataException(ROUTINE, source + ": not an IDX file of unsigned bytes with " + dims
            + " dimensions (magic number 0x" + Integer.toHexString(magic) + ")");
      }
      byte[] sizeBytes = in.readNBytes(4 * dims);
      if (sizeBytes.length < 4 * dims) {
        throw new DataException(ROUTINE, source + ": the file ends inside the IDX header");
      }
      int[] sizes = new int[dims];
      long total = 1;
      for (int d = 0; d < dims; d++) {
        sizes[d] = ByteBuffer.wrap(sizeBytes, 4 * d, 4).getInt();
        total = total > MAX_BYTES ? total : total * Math.max(sizes[d], 0);
      }
      String shape = Arrays.stream(sizes).mapToObj(String::valueOf).collect(Collectors.joining("x"));
      String announced = source + ": the header announces " + shape + " bytes";
      if (Arrays.stream(sizes).anyMatch(size -> size < 1)) {
        throw new DataException(ROUTINE, announced + "; every size must be at least 1");
      }
      if (total > MAX_BYTES) {
        throw new DataException(ROUTINE, announced + ", more than the " + MAX_BYTES + " this reader holds");
      }
      long held = Files.size(file) - 4 - 4L * dims;
      if (!source.endsWith(".gz") && held != total) {
        throw new DataException(ROUTINE, announced + " (" + total + " in all) but the file holds " + held
            + " after its header");
      }
      byte[] data = in.readNBytes((int) total);
      if (data.length < total) {
        throw new DataException(ROUTINE, source + ": the data end after " + data.length + " of the " + total
            + " bytes the header announces (" + shape + ")");
      }
      if (in.read() != -1) {
        throw new DataException(ROUTINE, announced + " (" + total + " in all) but the file holds more");
      }
      return new Idx(sizes, data);
    } catch (IOException e) {
      throw Inputs.failure(ROUTINE, source, e);
    }
  }
}
