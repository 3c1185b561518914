package io.github.hypergrad4j.bench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX files: compressed or not, headers checked against the data, labels against the images. */
class IdxReaderTest {

  @TempDir
  Path dir;

  /** The bytes of an IDX file of unsigned bytes: magic 0x080d, the sizes, the data. */
  static byte[] idx(int[] sizes, byte[] data) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(b);
    out.writeInt(0x0800 | sizes.length);
    for (int s : sizes) {
      out.writeInt(s);
    }
    out.write(data);
    out.flush();
    return b.toByteArray();
  }

  /**
   * {@code n} 2×2 images of two classes (label i % 2) into {@code folder}, gzip'd or not; pixel
   * c of image i is 10·i + c, so every image can be recognised.
   */
  static void writeImages(Path folder, int n, boolean gzip) throws IOException {
    byte[] pixels = new byte[4 * n];
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < 4; c++) {
        pixels[4 * i + c] = (byte) (10 * i + c);
      }
      labels[i] = (byte) (i % 2);
    }
    write(folder, "train-images-idx3-ubyte", idx(new int[] {n, 2, 2}, pixels), gzip);
    write(folder, "train-labels-idx1-ubyte", idx(new int[] {n}, labels), gzip);
  }

  static void write(Path folder, String name, byte[] bytes, boolean gzip) throws IOException {
    Files.createDirectories(folder);
    if (gzip) {
      Files.write(folder.resolve(name + ".gz"), LabelledCsvTest.gzip(bytes));
    } else {
      Files.write(folder.resolve(name), bytes);
    }
  }

  private static DataException refused(Path folder, String... fragments) {
    DataException e = assertThrows(DataException.class, () -> IdxReader.fashionMnist(folder, "train", 10, 1));
    assertTrue(e.getMessage().startsWith("IdxReader.fashionMnist: "), e.getMessage());
    for (String f : fragments) {
      assertTrue(e.detail().contains(f), "'" + f + "' in: " + e.detail());
    }
    return e;
  }

  /** IDX files are recognised by their magic number (compressed or not) or their names, nothing else. */
  @Test
  void idxFilesAreRecognisedByMagicNumberOrName() throws IOException {
    writeImages(dir.resolve("gz"), 4, true);
    writeImages(dir.resolve("raw"), 4, false);
    for (String folder : new String[] {"gz", "raw"}) {
      try (var files = Files.list(dir.resolve(folder))) {
        for (Path f : files.toList()) {
          assertTrue(IdxReader.isIdxFile(f), f.toString());
          Path renamed = Files.copy(f, dir.resolve(folder + "-" + f.getFileName().toString()
              .replace("-idx", ".").replace("-ubyte", "")));
          assertTrue(IdxReader.isIdxFile(renamed), "by its magic number: " + renamed);
        }
      }
    }
    Path named = Files.writeString(dir.resolve("t10k-labels-idx1-ubyte"), "whatever");
    assertTrue(IdxReader.isIdxFile(named), "by its name");
    Path twoDims = Files.write(dir.resolve("matrix.bin"), idx(new int[] {2, 2}, new byte[4]));
    assertTrue(!IdxReader.isIdxFile(twoDims), "two dimensions: neither labels nor images");
    Path csv = Files.writeString(dir.resolve("train-labels-idx1-ubyte.csv"), "1,0\n2,1\n");
    assertTrue(!IdxReader.isIdxFile(csv), "a CSV whose name only contains the marker");
    assertTrue(!IdxReader.isIdxFile(Files.write(dir.resolve("short"), new byte[] {0, 0, 8})), "too short");
    assertTrue(!IdxReader.isIdxFile(dir.resolve("absent")), "missing");
    Path notGzip = Files.write(dir.resolve("plain.gz"), idx(new int[] {1}, new byte[] {0}));
    assertTrue(!IdxReader.isIdxFile(notGzip), "a .gz that is no gzip stream cannot be read as one");
  }

  @Test
  void uncompressedFilesAreReadLikeCompressedOnes() throws IOException {
    writeImages(dir.resolve("gz"), 12, true);
    writeImages(dir.resolve("raw"), 12, false);
    Dataset gz = IdxReader.fashionMnist(dir.resolve("gz"), "train", 12, 3);
    Dataset raw = IdxReader.fashionMnist(dir.resolve("raw"), "train", 12, 3);
    assertArrayEquals(gz.features(), raw.features(), 0.0);
    assertArrayEquals(gz.labels(), raw.labels());
    assertEquals("fashion-mnist train", raw.name(), "all images: nothing drawn");
    for (int i = 0; i < 12; i++) {
      assertEquals((10 * i + 3) / 255.0, raw.features()[4 * i + 3], 0.0, "file order, pixels in [0, 1]");
      assertEquals(i % 2, raw.labels()[i]);
    }
    assertEquals("pixel (0,0)", raw.featureName(0));
    assertEquals("pixel (0,1)", raw.featureName(1));
    assertEquals("pixel (1,0)", raw.featureName(2));
  }

  /** Drawing k images picks the same images as drawing k examples from all of them (--limit). */
  @Test
  void drawnImagesAreTheSameAsASampleOfAll() throws IOException {
    writeImages(dir, 20, true);
    Dataset drawn = IdxReader.fashionMnist(dir, "train", 7, 11);
    Dataset sampled = IdxReader.fashionMnist(dir, "train", 20, 11).sample(7, 11);
    assertEquals("fashion-mnist train, 7 of 20 drawn with seed 11", drawn.name());
    assertEquals(sampled.name(), drawn.name());
    assertArrayEquals(sampled.features(), drawn.features(), 0.0);
    assertArrayEquals(sampled.labels(), drawn.labels());
  }

  @Test
  void aHeaderOfNoImagesIsRefused() throws IOException {
    for (boolean gzip : new boolean[] {true, false}) {
      Path folder = dir.resolve("empty" + gzip);
      write(folder, "train-images-idx3-ubyte", idx(new int[] {0, 2, 2}, new byte[0]), gzip);
      write(folder, "train-labels-idx1-ubyte", idx(new int[] {0}, new byte[0]), gzip);
      refused(folder, "the header announces 0x2x2 bytes; every size must be at least 1");
    }
  }

  /** 2·10⁹ images announced, a few present: refused from the header or as soon as the data end. */
  @Test
  void aHeaderAnnouncingMoreThanTheFileHoldsIsRefusedWithoutAllocatingIt() throws IOException {
    for (boolean gzip : new boolean[] {true, false}) {
      Path folder = dir.resolve("huge" + gzip);
      write(folder, "train-images-idx3-ubyte", idx(new int[] {2_000_000_000, 28, 28}, new byte[784]), gzip);
      write(folder, "train-labels-idx1-ubyte", idx(new int[] {1}, new byte[1]), gzip);
      refused(folder, "the header announces 2000000000x28x28 bytes, more than the 2147483639 this reader holds");
      write(folder, "train-images-idx3-ubyte", idx(new int[] {1, 1, 1}, new byte[1]), gzip);
      write(folder, "train-labels-idx1-ubyte", idx(new int[] {2_000_000_000}, new byte[3]), gzip);
      refused(folder, gzip ? "the data end after 3 of the 2000000000 bytes the header announces (2000000000)"
          : "the header announces 2000000000 bytes (2000000000 in all) but the file holds 3 after its header");
    }
  }

  @Test
  void dataBeyondTheHeadersCountIsRefused() throws IOException {
    for (boolean gzip : new boolean[] {true, false}) {
      Path folder = dir.resolve("long" + gzip);
      writeImages(folder, 4, gzip);
      write(folder, "train-labels-idx1-ubyte", idx(new int[] {4}, new byte[] {0, 1, 0, 1, 1}), gzip);
      refused(folder, "train-labels-idx1-ubyte", "the header announces 4 bytes (4 in all) but the file holds ");
    }
  }

  @Test
  void theLabelsMustMatchTheImagesAndNumberTheClasses() throws IOException {
    writeImages(dir, 4, true);
    write(dir, "train-labels-idx1-ubyte", idx(new int[] {3}, new byte[] {0, 1, 0}), true);
    refused(dir, "holds 4 images but", "holds 3 labels");
    write(dir, "train-labels-idx1-ubyte", idx(new int[] {4}, new byte[] {0, 2, 0, 2}), true);
    refused(dir, "labels seen are 0, 2 (no example of class 1)");
    write(dir, "train-labels-idx1-ubyte", idx(new int[] {4}, new byte[] {3, 3, 3, 3}), true);
    refused(dir, "has one class only: every example (4) has label 3");
  }

  @Test
  void aTruncatedOrMissingFileIsNamed() throws IOException {
    writeImages(dir, 300, true);
    Path images = dir.resolve("train-images-idx3-ubyte.gz");
    byte[] gz = Files.readAllBytes(images);
    Files.write(images, Arrays.copyOf(gz, gz.length / 2));
    refused(dir, images + ": the gzip data is truncated or corrupt (Unexpected end of ZLIB input stream)");
    Files.write(images, Arrays.copyOf(gz, 3));
    refused(dir, images + ": the gzip data is truncated or corrupt");
    Files.delete(images);
    refused(dir, "Fashion-MNIST is not in " + dir + " (no train-images-idx3-ubyte[.gz])",
        "apt-get install -y dataset-fashion-mnist");
    Files.write(dir.resolve("train-images-idx3-ubyte"), new byte[] {0, 0, 8});
    refused(dir, "train-images-idx3-ubyte: too short for an IDX file (3 bytes)");
    Files.write(dir.resolve("train-images-idx3-ubyte"), new byte[] {0, 0, 8, 3, 0, 0});
    refused(dir, "train-images-idx3-ubyte: the file ends inside the IDX header");
  }
}
